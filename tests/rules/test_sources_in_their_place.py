"""Sources in their place (issue 13 rule 6): what a manager types as the source is the figure's Source,
not a Note; who entered it and when stays in its history; an official figure cites the publication
and its release by name and date, with the file's column and line only in a "Technical detail"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from metrics.models import OfficialRelease, Reading
from metrics.provenance import FigureSource
from metrics.services import reading_create
from metrics.units import Direction, MeasureKind, Unit
from pipdash.web.tables import cite
from tests.conftest import client_for
from tests.factories import MetricFactory, ProjectFactory, ReadingFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entered(manager, council):
    manager.first_name, manager.last_name = "Lincolnshire", "Manager"
    manager.save()
    project = ProjectFactory(workstream__council=council, slug="academy")
    metric = MetricFactory(name="Staff trained", council=council, project=project)
    reading = reading_create(
        user=manager, council=council, metric=metric, project=project, kind=Reading.Kind.ACTUAL,
        value=Decimal("80"), period_start=None, period_end=dt.date(2018, 3, 31),
        source_note="Training team register, March 2018",
    )
    return project, reading


def test_the_managers_source_is_in_the_source_column_not_the_note(manager, entered):
    project, reading = entered
    assert (reading.source_location, reading.note) == ("Training team register, March 2018", "")
    table = client_for(manager).get(project.get_absolute_url()).context["tables"]["readings"]
    (row,) = table.rows
    assert row.get_cell_value("source") == "Training team register, March 2018"
    assert row.get_cell_value("note") == ""


def test_who_entered_it_and_when_is_its_history_not_its_source(manager, entered):
    project, _reading = entered
    page = client_for(manager).get(project.get_absolute_url()).content.decode()
    assert "Entered in pipdash by" not in page
    history = client_for(manager).get(f"{project.get_absolute_url()}history/").content.decode()
    assert "Lincolnshire Manager" in history


@pytest.fixture
def official_figure(council):
    dfe = SourceDocumentFactory(
        key="ees-csww", title="Children's social work workforce", kind="official_statistics", body=""
    )
    release = OfficialRelease.objects.create(
        publication_key="csww", name="Reporting year 2025", published_on=dt.date(2026, 2, 26),
        file_name="csww_indicators_2017_to_2025.csv",
    )
    metric = MetricFactory(
        name="Agency rate (FTE, DfE)", slug="csww-agency", unit=Unit.PERCENT, direction=Direction.LOWER,
        kind=MeasureKind.RATE, official_key="csww:agency_rate_fte", source_document=dfe,
    )
    return ReadingFactory(
        metric=metric, council=council, value=Decimal("11.6"), period_end=dt.date(2025, 9, 30),
        source_document=dfe, source_location="agency_rate_fte, line 511", release=release,
    )


def test_an_official_figure_cites_its_publication_and_release_not_a_line(official_figure):
    source = FigureSource.of_reading(Reading.objects.select_related("source_document", "release").get())
    assert "line 511" not in source.citation
    assert source.citation.endswith("Reporting year 2025, published 26 February 2026")
    assert source.technical == "agency_rate_fte, line 511 of csww_indicators_2017_to_2025.csv"
    html = str(cite(source))
    assert html.index("Reporting year 2025") < html.index('<details class="govuk-details')
    assert "Technical detail" in html and "line 511" in html.split("<details", 1)[1]


def test_the_council_pages_official_figure_has_its_line_only_in_technical_detail(official_figure, council):
    html = Template("{% load official %}{% official_figures council %}").render(Context({"council": council}))
    assert "Reporting year 2025, published 26 February 2026" in html
    before, details = html.split('<details class="govuk-details">', 1)
    assert "line 511" not in before and "agency_rate_fte, line 511" in details


def test_a_paper_figures_place_in_the_paper_stays_in_its_citation(council):
    paper = SourceDocumentFactory(title="Partners in Practice update", body="Scrutiny Committee")
    reading = ReadingFactory(council=council, source_document=paper, source_location="Project 1")
    source = FigureSource.of_reading(reading)
    assert source.citation.endswith(", Project 1") and source.technical == ""
