"""The project page built for less (issue 20 point 4) shows what it showed: each shortcut against the path it
replaces. Its figures read in one query of two index reads, as visible_readings(project=...) gives them; made
into Readings as Reading.from_db makes them; its charts as metrics/charts.py makes them; its tables' cells as
django-tables2 makes them; its measures' figures of each kind found once; "changes since" from what the page
read; and no history read for "changes since" when no measure changed."""

import datetime as dt
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.db.models import signals
from django.utils import timezone

from metrics import charts
from metrics.chart_figures import metric_chart
from metrics.fast_readings import FIELDS, readings_from_rows
from metrics.models import Reading
from metrics.selectors import MetricSummary, council_metric_summaries, visible_readings
from metrics.visibility import READING_FIELDS
from pipdash.dashboards import tables as page_tables
from pipdash.dashboards.as_at import readings_as_at
from pipdash.dashboards.changes import changes_since
from pipdash.dashboards.project_figures import project_readings
from pipdash.dashboards.project_selectors import project_page_get
from pipdash.web.table_rows import direct_rows
from programmes.access import access_for
from tests.direction.test_changes_since import SINCE, TODAY, history  # noqa: F401 (a fixture)
from tests.factories import (
    BenchmarkFactory,
    MetricFactory,
    ProjectFactory,
    ReadingFactory,
    SourceDocumentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(council):
    """A project with its own measure (monthly actuals, a gap, a draft, a baseline and targets, England by year),
    a common measure filed against it, its measure's figure filed against no project and one filed against
    another project, and another project's figure, which is not the project's."""
    project = ProjectFactory(workstream__council=council, name="Academy")
    other = ProjectFactory(workstream__council=council, name="Other")
    own = MetricFactory(council=council, project=project, name="Staff trained", unit="count")
    common = MetricFactory(council=None, project=None, name="Turnover", unit="percent")
    document = SourceDocumentFactory(key="paper", title="Paper", published_on=dt.date(2019, 7, 1))
    ours = {"metric": own, "council": council, "project": project}
    for month in range(1, 13):
        start, end = dt.date(2018, month, 1), dt.date(2018, month, 28)
        ReadingFactory(**ours, value=Decimal(10 * month), period_start=start, period_end=end, source_document=document)
    gap = {"value": None, "missing_reason": "x (not available)", "published_value": None}
    ReadingFactory(**ours, **gap, published_at=timezone.now(), period_end=dt.date(2019, 1, 31))
    ReadingFactory(**ours, value=Decimal("140"), status=Reading.Status.DRAFT, period_end=dt.date(2019, 2, 28))
    ReadingFactory(**ours, kind="baseline", value=0, period_end=dt.date(2017, 4, 1))
    ReadingFactory(**ours, kind="target", value=200, period_end=dt.date(2019, 3, 31))
    ReadingFactory(metric=own, council=council, project=None, value=Decimal("1"), period_end=dt.date(2017, 3, 31))
    ReadingFactory(metric=own, council=council, project=other, value=Decimal("2"), period_end=dt.date(2017, 2, 28))
    september = dt.date(2018, 9, 30)
    ReadingFactory(metric=common, council=council, project=project, value=Decimal("7.3"), period_end=september)
    ReadingFactory(metric=common, council=council, project=other, value=Decimal("9.1"), period_end=september)
    BenchmarkFactory(
        metric=own, value=Decimal("90"), period_start=dt.date(2017, 4, 1), period_end=dt.date(2018, 3, 31),
        source_document=document,
    )  # fmt: skip
    return project


VIEWERS = ["manager", "scrutiny", "other_manager", "adviser"]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_projects_figures_are_those_visible_readings_gives_in_its_order(viewer, request, council, project):
    access = access_for(request.getfixturevalue(viewer))
    expected = list(visible_readings(access=access, councils=[council], project=project))
    found = project_readings(access=access, council=council, project=project)
    assert [r.pk for r in found] == [r.pk for r in expected]
    # As Reading.from_db made them from .only(...): the same fields, values and saved state, nothing else read.
    assert [r.__dict__.keys() - {"_state"} for r in found] == [r.__dict__.keys() - {"_state"} for r in expected]
    for made, fetched in zip(found, expected, strict=True):
        assert {k: v for k, v in made.__dict__.items() if k != "_state"} == {
            k: v for k, v in fetched.__dict__.items() if k != "_state"
        }
        assert (made._state.adding, made._state.db) == (False, fetched._state.db)
        assert made.get_deferred_fields() == fetched.get_deferred_fields()


def test_readings_are_made_without_init_only_while_nothing_listens_for_it(council, project):
    # readings_from_rows skips Model.__init__, and with it pre_init and post_init: nothing may listen for them.
    assert not signals.pre_init.has_listeners(Reading)
    assert not signals.post_init.has_listeners(Reading)
    rows = Reading.objects.filter(project=project).values_list(*FIELDS)
    made = readings_from_rows(rows, db="default")
    assert made[0].metric.name == "Staff trained"  # a relation is read as from any Reading
    assert made[0].entered_at is not None  # a field not read is deferred, and read on use
    assert set(FIELDS) == set(READING_FIELDS)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_pages_measures_are_the_council_pages_for_the_project(viewer, request, council, project):
    access = access_for(request.getfixturevalue(viewer))
    page = project_page_get(project=project, access=access, today=dt.date(2019, 6, 1))
    summaries, figures = council_metric_summaries(
        access=access, council=council, project=project, today=dt.date(2019, 6, 1)
    )
    assert [f.reading.pk for f in page.figures] == [f.reading.pk for f in figures]
    assert [(f.value, f.status, f.source) for f in page.figures] == [(f.value, f.status, f.source) for f in figures]
    for mine, theirs in zip(page.metrics, summaries, strict=True):
        assert mine.metric == theirs.metric
        assert (mine.rag, mine.travel) == (theirs.rag, theirs.travel)
        # Found once (SeriesSummary), each answer is MetricSummary's.
        for name in ("actuals", "targets", "baselines", "latest", "target", "row_sources", "sources"):
            assert getattr(mine, name) == getattr(MetricSummary, name).fget(mine), name


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_charts_are_metric_charts(viewer, request, council, project):
    access = access_for(request.getfixturevalue(viewer))
    page = project_page_get(project=project, access=access, today=dt.date(2019, 6, 1))
    assert page.metrics
    for summary in page.metrics:
        expected = charts.metric_chart(summary, council=council)
        assert metric_chart(summary, council=council, travels=page.travels) == expected
        assert metric_chart(summary, council=council) == expected  # finding the travel itself


def _cells(table):
    return [[(column.name, str(cell)) for column, cell in row.items()] for row in table.paginated_rows]


class _Things(tables.Table):
    name = tables.Column()
    size = tables.Column(accessor="size__real")
    link = tables.Column(accessor="name", linkify=lambda record: "/somewhere/")
    missing = tables.Column(accessor="no__such__thing")

    def render_size(self, value, record, bound_column):
        return f"{value} of {record['name']} ({bound_column.name})"


@pytest.mark.parametrize("viewer", VIEWERS)
def test_direct_rows_make_the_cells_django_tables2_makes(viewer, request, council, project, rf):
    access = access_for(request.getfixturevalue(viewer))
    page = project_page_get(project=project, access=access, today=dt.date(2019, 6, 1))
    for name, table in page_tables.project_page_tables(page).items():
        again = page_tables.project_page_tables(page)[name]
        assert _cells(direct_rows(again)) == _cells(table), name
        assert list(direct_rows(again).as_values()) == list(table.as_values()), name
    # Records that are dicts (read through as django-tables2 reads them), a link and a path that fails.
    records = [{"name": "a", "size": 3}, {"name": "b", "size": None}, {"name": "", "size": 2.5}]
    assert _cells(direct_rows(_Things(records))) == _cells(_Things(records))


def test_a_model_records_row_is_made_by_django_tables2(council, project):
    class Readings(tables.Table):
        kind = tables.Column()  # a field with choices: its get_FOO_display, as only a model's row can ask
        value = tables.Column()

    records = list(Reading.objects.filter(project=project).order_by("pk"))
    assert _cells(direct_rows(Readings(records))) == _cells(Readings(records))
    assert {cell for row in _cells(direct_rows(Readings(records))) for name, cell in row if name == "kind"} >= {
        "Actual",
        "Target",
    }


@pytest.mark.parametrize("viewer", ["scrutiny", "other_manager", "manager", "adviser"])
def test_changes_since_from_the_page_are_the_changes_read_afresh(viewer, request, council, history):  # noqa: F811
    access = access_for(request.getfixturevalue(viewer))
    page = project_page_get(project=history, access=access, today=TODAY)
    alone = changes_since(history, SINCE, access, today=TODAY)
    given = changes_since(history, SINCE, access, today=TODAY, known=page.known())
    assert [(i.what, i.on, i.text, i.project) for i in given] == [(i.what, i.on, i.text, i.project) for i in alone]
    assert len(alone) >= 4


def test_a_page_as_at_a_date_reuses_nothing(scrutiny, council, history):  # noqa: F811
    page = project_page_get(project=history, access=access_for(scrutiny), as_at=TODAY)
    assert page.known() is None


def test_no_measure_changed_reads_no_history(scrutiny, council, project, django_assert_num_queries):
    access = access_for(scrutiny)
    with django_assert_num_queries(0):
        assert readings_as_at(council=council, when=SINCE, access=access, metric_ids=set()) == []
    assert readings_as_at(council=council, when=timezone.localdate(), access=access, metric_ids=None)  # every one


def test_a_recoded_councils_earlier_figures_are_charted_as_charts_marks_them(scrutiny, council, project):
    council.operational_from = dt.date(2018, 6, 1)  # its figures before then were published under another code
    page = project_page_get(project=project, access=access_for(scrutiny), today=dt.date(2019, 6, 1))
    marked = []
    for summary in page.metrics:
        expected = charts.metric_chart(summary, council=council)
        assert metric_chart(summary, council=council, travels=page.travels) == expected
        marked += [row for row in expected.rows if "earlier code" in row.date_label]
    assert marked
