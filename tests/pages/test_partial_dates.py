"""A date shown or downloaded is no more precise than its source gave it: an Ofsted judgement the
paper dates only "2016" is shown as 2016, not "1 January 2016"; likewise a project's status change."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from pipdash.dates import Precision, partial_iso
from projects.models import Project, ProjectStatusChange
from tests.conftest import client_for
from tests.factories import MilestoneFactory, OfstedJudgementFactory, ProjectFactory, SourceDocumentFactory

D = dt.date


@pytest.mark.parametrize(
    ("precision", "text"),
    [
        (Precision.DAY, "2017-10-01"),
        (Precision.MONTH, "2017-10"),
        (Precision.SEASON, "Autumn 2017"),
        (Precision.YEAR, "2017"),
    ],
)
def test_a_download_date_keeps_to_its_precision(precision, text):
    assert partial_iso(D(2017, 10, 1), precision) == text
    assert partial_iso(None, precision) == ""


@pytest.fixture
def judgements(council):
    for inspected_on, precision in (
        (D(2016, 1, 1), Precision.YEAR),
        (D(2017, 10, 1), Precision.SEASON),
        (D(2018, 10, 1), Precision.MONTH),
        (D(2019, 6, 3), Precision.DAY),
    ):
        OfstedJudgementFactory(
            council=council, inspected_on=inspected_on, inspected_precision=precision, published_on=None
        )


def _download(user, url, table, export_format="csv"):
    response = client_for(user).get(url, {"_export": export_format, "_table": table})
    assert response.status_code == 200
    return response


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_ofsted_table_shows_each_inspection_date_as_precisely_as_it_is_known(scrutiny, council, judgements):
    html = client_for(scrutiny).get(council.get_absolute_url()).content.decode()
    for shown in ('<td class="govuk-table__cell">2016</td>', "Autumn 2017", "October 2018", "3 June 2019"):
        assert shown in html
    assert "1 January 2016" not in html and "1 October 2017" not in html and "1 October 2018" not in html


def test_the_ofsted_downloads_keep_the_precision(scrutiny, council, judgements):
    url = council.get_absolute_url()
    assert [row["Inspected"] for row in _csv(_download(scrutiny, url, "ofsted"))] == [
        "2019-06-03",
        "2018-10",
        "Autumn 2017",
        "2016",
    ]
    sheet = load_workbook(io.BytesIO(_download(scrutiny, url, "ofsted", "xlsx").content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells[1:] == ["2018-10", "Autumn 2017", "2016"]
    assert cells[0].date() == D(2019, 6, 3)  # a whole date stays a date cell


@pytest.fixture
def leeds_project(council):
    """Active since 2017 by the paper, which gives no month or day; closed on 31 March 2020."""
    project = ProjectFactory(workstream__council=council, status=Project.Status.ACTIVE, status_changed_on=D(2017, 1, 1))
    paper = SourceDocumentFactory(title="Innovation Programme update")
    ProjectStatusChange.objects.create(
        project=project, status="active", changed_on=D(2017, 1, 1), changed_precision="year", source_document=paper
    )
    ProjectStatusChange.objects.create(
        project=project, status="closed", changed_on=D(2016, 9, 1), changed_precision="season", note="Pilot ended"
    )
    MilestoneFactory(project=project, title="Roll-out", due_on=D(2019, 3, 1), due_precision="month")
    return project


def test_the_project_status_and_its_history_keep_to_the_precision_given(scrutiny, leeds_project):
    response = client_for(scrutiny).get(leeds_project.get_absolute_url())
    html = response.content.decode()
    assert "Active since 2017" in html
    assert "1 January 2017" not in html and "1 September 2016" not in html
    rows = response.context["tables"]["status_history"].rows
    assert [(row.get_cell("status"), row.get_cell("changed_on")) for row in rows] == [
        ("Closed", "Autumn 2016"),
        ("Active", "2017"),
    ]
    assert "Innovation Programme update" in rows[1].get_cell("source_document")


def test_the_status_history_and_milestones_download_at_their_precision(scrutiny, leeds_project):
    url = leeds_project.get_absolute_url()
    history = _csv(_download(scrutiny, url, "status-history"))
    assert [(row["Status"], row["From"], row["Note"]) for row in history] == [
        ("Closed", "Autumn 2016", "Pilot ended"),
        ("Active", "2017", ""),
    ]
    assert [row["Due"] for row in _csv(_download(scrutiny, url, "milestones"))] == ["2019-03"]
