"""The council page's cold build reads less (issue 20 point 4): each rule below is the page's as before,
found with fewer queries or less work."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from metrics.compare.own_figures import official_beside_own
from metrics.models import Reading
from metrics.selectors import Figure, MetricSummary
from metrics.units import Unit
from pipdash.dashboards.as_at import readings_as_at
from programmes.access import access_for
from tests.factories import MetricFactory, ProjectFactory, ReadingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_figures_state_on_a_day_is_read_in_one_query_by_then_or_as_first_loaded(
    council, scrutiny, django_assert_num_queries
):
    metric = MetricFactory(council=council, name="Staff trained")
    with freeze_time("2018-01-10"):
        revised = ReadingFactory(metric=metric, council=council, value=Decimal("40"), period_end=D(2017, 12, 31))
    with freeze_time("2018-06-10"):
        revised.value = revised.published_value = Decimal("60")
        revised.save()
        # Loaded after the day from a paper published before it: as first loaded.
        ReadingFactory(
            metric=metric, council=council, value=Decimal("45"), period_end=D(2018, 1, 31),
            published_at=dt.datetime(2018, 2, 1, tzinfo=dt.UTC),
        )  # fmt: skip
        # Loaded and published after the day: not there yet.
        ReadingFactory(metric=metric, council=council, value=Decimal("70"), period_end=D(2018, 5, 31))
    access = access_for(scrutiny)
    access.can_see_drafts(council)  # the viewer's roles, read once
    with django_assert_num_queries(1):
        then = readings_as_at(council=council, when=D(2018, 4, 1), access=access)
    stood = [(r.period_end, r.value) for r in then]
    assert stood == [(D(2017, 12, 31), Decimal("40")), (D(2018, 1, 31), Decimal("45"))]


@pytest.fixture
def turnover(council):
    official = MetricFactory(
        name="Social worker turnover rate (FTE, DfE)", slug="csww-turnover", unit=Unit.PERCENT,
        official_key="csww:turnover_rate_fte",
    )  # fmt: skip
    own = MetricFactory(name="Staff turnover", slug="own-turnover", unit=Unit.PERCENT, council=council)
    ReadingFactory(metric=official, council=council, value=Decimal("9.6"), period_end=D(2018, 9, 30))
    return official, own


def test_the_newest_own_figure_of_a_measure_keeps_both_figures_of_one_date(council, turnover):
    _, own = turnover
    ReadingFactory(metric=own, council=council, value=Decimal("9.0"), period_end=D(2017, 7, 20))
    for value in ("7.3", "7.4"):
        project = ProjectFactory(workstream__council=council)
        ReadingFactory(metric=own, council=council, project=project, value=Decimal(value), period_end=D(2018, 7, 20))
    (row,) = official_beside_own(council=council)
    assert sorted(r.published_value for r in row.own) == [Decimal("7.3"), Decimal("7.4")]


def test_official_measures_the_councils_figures_name_are_not_asked_for_again(
    council, turnover, django_assert_num_queries
):
    for key, name in (("csww:agency_rate_fte", "Agency"), ("csww:vacancy_rate_fte", "Vacancy"),
                      ("csww:caseload_fte", "Caseload")):  # fmt: skip
        metric = MetricFactory(name=f"{name} (DfE)", slug=key.replace(":", "-"), official_key=key)
        ReadingFactory(metric=metric, council=council, value=Decimal("5"), period_end=D(2018, 9, 30))
    # The council's official figures (with their measures), its own newest figures and England's.
    with django_assert_num_queries(3):
        rows = official_beside_own(council=council)
    assert len(rows) == 4


def _figure(kind, on, value):
    reading = Reading(kind=kind, period_end=on, value=value, published_value=value, status=Reading.Status.APPROVED)
    return Figure(reading, value, Reading.Status.APPROVED)


def test_a_measures_latest_figure_and_target_follow_its_figures_when_they_change():
    summary = MetricSummary(metric=MetricFactory.build())
    summary.figures = [_figure("actual", D(2018, 1, 31), Decimal("1")), _figure("target", D(2019, 3, 31), Decimal("9"))]
    assert summary.latest.value == Decimal("1") and summary.target.value == Decimal("9")
    summary.figures.append(_figure("actual", D(2018, 2, 28), Decimal("2")))
    assert summary.latest.value == Decimal("2")
    summary.figures = [_figure("actual", D(2018, 3, 31), Decimal("3"))]  # a whole series loaded for a chart
    assert summary.latest.value == Decimal("3") and summary.target is None
    summary.actuals.clear()  # a caller's list is its own
    assert summary.latest.value == Decimal("3")
