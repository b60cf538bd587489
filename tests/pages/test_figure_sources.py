"""Every figure says truthfully where it came from: the paper and place in it, the spreadsheet it was
imported from, or the source the manager who entered it gave (issue 13 rule 6: who entered it and
when is its history, not its source); on the council page's measures, the project page's figures and
the figures CSV alike."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from metrics.imports.services import import_batch_confirm, import_batch_create, import_batch_preview
from metrics.models import Reading
from metrics.services import reading_approve, reading_create, reading_submit, reading_update
from pipdash.dates import uk_date
from tests.conftest import client_for
from tests.factories import MetricFactory, ProjectFactory, WorkstreamFactory
from tests.imports.conftest import TODAY, csv_bytes, row
from tests.pages.conftest import build_programme_data

PAPER = "Lincolnshire PiP update, Scrutiny Committee, 20 July 2018"


@pytest.fixture
def named_manager(manager):
    manager.first_name, manager.last_name = "Lincolnshire", "Manager"
    manager.save()
    return manager


@pytest.fixture
def project(council):
    """A project whose one measure has a baseline, a target and three actuals from a paper, and an England benchmark."""
    _, (project,) = build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=3)
    return project


GIVEN = "Training team register, March 2018"
NONE_GIVEN = "No source given when it was entered"


def entered_by(_user) -> str:
    """What a figure the manager entered cites: the source they gave, not their name or the day."""
    return GIVEN


def enter(user, project, value="80", on=dt.date(2018, 3, 31)):
    return reading_create(
        user=user,
        council=project.council,
        metric=project.metrics.get(),
        project=project,
        kind=Reading.Kind.ACTUAL,
        value=Decimal(value),
        period_start=None,
        period_end=on,
        source_note=GIVEN,
        explanation="Checked with the training team",
    )


def council_page(user, council) -> str:
    response = client_for(user).get(council.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def measures_csv(user, project) -> dict:
    response = client_for(user).get(
        project.council.get_absolute_url(), {"_export": "csv", "_table": f"project-{project.pk}"}
    )
    (only,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return only


def figure_sources_on_project_page(user, project) -> dict:
    response = client_for(user).get(project.get_absolute_url())
    return {row.record.value: row.get_cell_value("source") for row in response.context["tables"]["readings"].rows}


def figures_csv(user, council) -> list[dict]:
    response = client_for(user).get(reverse("figures-csv", kwargs={"gss_code": council.gss_code}))
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def test_a_figure_entered_in_pipdash_cites_the_source_its_manager_gave_not_the_paper(named_manager, council, project):
    enter(named_manager, project)
    html = council_page(named_manager, council)
    assert f"Latest figure: {entered_by(named_manager)}" in html
    assert f"Target and England benchmark: {PAPER}" in html
    assert f"Latest figure: {PAPER}" not in html and "Latest figure, target" not in html
    assert measures_csv(named_manager, project)["Source"] == (
        f"Latest figure: {entered_by(named_manager)}; Target and England benchmark: {PAPER}"
    )


def test_the_project_page_gives_each_figure_its_own_source(named_manager, council, project):
    enter(named_manager, project)
    sources = figure_sources_on_project_page(named_manager, project)
    assert sources[Decimal("80")] == entered_by(named_manager)
    assert sources[Decimal("60")] == sources[Decimal("220")] == PAPER
    (chart,) = client_for(named_manager).get(project.get_absolute_url()).context["charts"]
    assert [source.citation for source in chart.sources] == [PAPER, entered_by(named_manager)]


def test_the_figures_csv_gives_the_managers_source_and_not_who_or_when(named_manager, council, project):
    enter(named_manager, project)
    rows = figures_csv(named_manager, council)
    assert list(rows[0]) == [
        "council_gss", "workstream", "project", "metric", "unit", "kind", "qualifier", "value",
        "period_start", "period_end", "as_at", "source_document", "source_date", "missing_reason",
        "previous_value", "change", "direction",
    ]  # fmt: skip
    sources = {(r["value"], r["source_document"], r["source_date"]) for r in rows}
    assert ("80", GIVEN, "") in sources
    assert not any("Lincolnshire Manager" in r["source_document"] for r in rows)
    assert ("60", "Lincolnshire PiP update", "2018-07-20") in sources


def test_readers_see_the_entered_figure_cited_once_it_is_approved(named_manager, approver, scrutiny, council, project):
    reading = enter(named_manager, project)
    assert f"Latest figure, target and England benchmark: {PAPER}" in council_page(scrutiny, council)
    reading_submit(user=named_manager, reading=reading)
    reading_approve(user=approver, reading=reading)
    html = council_page(scrutiny, council)
    assert f"Latest figure: {entered_by(named_manager)}" in html
    assert figure_sources_on_project_page(scrutiny, project)[Decimal("80")] == entered_by(named_manager)


def test_a_paper_figure_changed_in_pipdash_cites_the_change_not_the_paper(
    named_manager, approver, scrutiny, council, project
):
    paper_figure = Reading.objects.get(project=project, kind=Reading.Kind.ACTUAL, value=60)
    changed = reading_update(
        user=named_manager,
        reading=paper_figure,
        expected_version=paper_figure.version,
        kind=Reading.Kind.ACTUAL,
        value=Decimal("65"),
        period_start=None,
        period_end=paper_figure.period_end,
    )
    # The manager gave no source for the new value: the page says so rather than citing the paper.
    assert figure_sources_on_project_page(named_manager, project)[Decimal("65")] == NONE_GIVEN
    # Readers still see the paper's 60, and the paper is still where that 60 came from.
    assert figure_sources_on_project_page(scrutiny, project)[Decimal("60")] == PAPER
    reading_submit(user=named_manager, reading=changed)
    reading_approve(user=approver, reading=changed)
    assert figure_sources_on_project_page(scrutiny, project)[Decimal("65")] == NONE_GIVEN


def test_an_imported_figure_names_its_file(manager, council):
    workstream = WorkstreamFactory(council=council)
    project = ProjectFactory(workstream=workstream, council=council, number=1, name="Signs of Safety")
    MetricFactory(name="Staff trained", council=council, project=project)
    batch = import_batch_create(user=manager, council=council, file_name="July.csv", content=csv_bytes([row()]))
    preview = import_batch_preview(batch=batch, today=TODAY)
    import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint, today=TODAY)
    imported = f"Imported from July.csv, {uk_date(timezone.localdate())} (source given: Scrutiny report)"
    assert figure_sources_on_project_page(manager, project) == {Decimal("180"): imported}
    (figure,) = figures_csv(manager, council)
    assert figure["source_document"] == "Imported from July.csv (source given: Scrutiny report)"
    assert figure["source_date"] == timezone.localdate().isoformat()


def test_a_figure_with_no_source_recorded_says_so(manager, council, project):
    Reading.objects.filter(project=project, value=60).update(source_document=None)
    assert figure_sources_on_project_page(manager, project)[Decimal("60")] == "Source not recorded"
    assert {r["value"]: r["source_document"] for r in figures_csv(manager, council)}["60"] == "Not recorded"


@pytest.mark.parametrize("path", ["council", "project", "figures"])
def test_sources_cost_the_same_queries_for_two_entered_figures_or_twenty(path, named_manager, council, project):
    def count() -> int:
        url = {
            "council": council.get_absolute_url(),
            "project": project.get_absolute_url(),
            "figures": reverse("figures-csv", kwargs={"gss_code": council.gss_code}),
        }[path]
        client = client_for(named_manager)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        return len(queries)

    enter(named_manager, project, value="71", on=dt.date(2018, 1, 28))
    count()  # the council page's first build stores its background, which a figure's save leaves current
    enter(named_manager, project, value="72", on=dt.date(2018, 2, 28))
    few = count()
    for month in range(3, 12):
        for day in (10, 20):
            enter(named_manager, project, value=str(80 + month), on=dt.date(2018, month, day))
    assert count() == few
