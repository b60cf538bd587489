"""The council page's cold build, second pass (issue 20 point 4): the same page from fewer queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from metrics.compare.own_figures import official_beside_own
from metrics.models import Benchmark, Reading
from metrics.summaries import council_page_summaries
from metrics.units import Unit
from pipdash.dashboards.selectors import _lineage
from programmes.access import access_for
from programmes.selectors import council_get
from tests.factories import BenchmarkFactory, CouncilFactory, MetricFactory, ReadingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_council_never_replaced_is_a_series_of_one_without_reading_the_successor_table(
    council, django_assert_num_queries
):
    fetched = council_get(gss_code=council.gss_code, meeting_before=D(2026, 1, 1))
    assert fetched.has_successor_links is False
    with django_assert_num_queries(0):
        lineage = _lineage(fetched)
    assert lineage.series == (fetched,) and lineage.predecessors == () and lineage.successors == ()


@pytest.mark.parametrize("replaced_by", [True, False])
def test_a_council_replaced_or_replacing_one_still_reads_its_lineage(council, replaced_by):
    other = CouncilFactory()
    if replaced_by:
        council.successors.add(other)
    else:
        other.successors.add(council)
    fetched = council_get(gss_code=council.gss_code, meeting_before=D(2026, 1, 1))
    assert fetched.has_successor_links is True
    assert {c.pk for c in _lineage(fetched).series} == {council.pk, other.pk}


def test_englands_official_figures_come_with_the_pages_benchmarks_those_without_a_value_too(
    council, adviser, django_assert_num_queries
):
    for key, name in (("csww:agency_rate_fte", "Agency"), ("csww:vacancy_rate_fte", "Vacancy"),
                      ("csww:caseload_fte", "Caseload")):  # fmt: skip
        metric = MetricFactory(name=f"{name} (DfE)", slug=key.replace(":", "-"), official_key=key)
        ReadingFactory(metric=metric, council=council, value=Decimal("5"), period_end=D(2018, 9, 30))
    official = MetricFactory(
        name="Social worker turnover rate (FTE, DfE)", slug="csww-turnover", unit=Unit.PERCENT,
        official_key="csww:turnover_rate_fte",
    )  # fmt: skip
    ReadingFactory(metric=official, council=council, value=Decimal("9.6"), period_end=D(2018, 9, 30))
    BenchmarkFactory(metric=official, value=Decimal("15.4"), period_end=D(2017, 9, 30))
    BenchmarkFactory(metric=official, value=None, missing_reason="suppressed", period_end=D(2018, 9, 30))
    summaries, _ = council_page_summaries(access=access_for(adviser), council=council, today=D(2019, 1, 1))
    (summary,) = [s for s in summaries if s.metric == official]
    # The page's own benchmarks (charts, RAG) are those with a value; the official figures get England's all.
    assert [b.value for b in summary.benchmarks] == [Decimal("15.4")]
    assert [b.missing_reason for b in summary.england] == ["", "suppressed"]
    with django_assert_num_queries(3):  # the council's official figures, its own newest and England's
        asked = official_beside_own(council=council)
    with django_assert_num_queries(2):  # England's from the page
        given = official_beside_own(council=council, england={s.metric.pk: s.england for s in summaries})
    assert [(r.metric, r.official, r.england, r.england_then) for r in given] == [
        (r.metric, r.official, r.england, r.england_then) for r in asked
    ]
    (row,) = [r for r in given if r.metric == official]
    assert row.england.area == Benchmark.Area.ENGLAND and row.england.missing_reason == "suppressed"


def test_changes_since_reads_its_touched_measures_with_the_pages_readings_and_lists_the_same_changes(
    council, adviser
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pipdash.dashboards.changes import Known, changes_since
    from pipdash.dashboards.selectors import council_page_get

    today = timezone.localdate()
    touched = MetricFactory(council=council, name="Touched measure")
    untouched = MetricFactory(council=council, name="Measure not touched")
    ReadingFactory(metric=untouched, council=council, value=Decimal("3"), period_end=D(2018, 3, 31))
    long_ago = timezone.now() - dt.timedelta(days=400)
    Reading.history.filter(metric_id=untouched.pk).update(history_date=long_ago, published_at=long_ago)
    ReadingFactory(metric=touched, council=council, value=Decimal("4"), period_end=today - dt.timedelta(days=5))
    access = access_for(adviser)
    since = today - dt.timedelta(days=90)
    page = council_page_get(council=council, access=access, today=today, changes_since=since)
    assert [r.metric_id for r in page.touched_readings] == [touched.pk]
    measures = page.council_metrics
    with CaptureQueriesContext(connection) as reused:
        known = Known([], measures, readings=page.touched_readings)
        given = changes_since(council, since, access, today=today, known=known)
    with CaptureQueriesContext(connection) as asked_for:
        asked = changes_since(council, since, access, today=today, known=Known([], measures))
    assert given == asked and any(item.text.startswith("Touched measure") for item in given)
    assert len(reused.captured_queries) == len(asked_for.captured_queries) - 1
