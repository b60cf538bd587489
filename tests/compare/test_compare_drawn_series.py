"""The compare page reads whole series only for the councils it draws (issue 20): the trend chart's first
MAX_LINES councils and a statistical-neighbour group's members. Everything else it shows about the other
councils (the table's latest figure and change, the trend table's periods) is what reading every series gave."""

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from metrics.compare.charts import MAX_LINES
from metrics.compare.selectors import comparison_get, neighbours_chosen, neighbours_median_add
from metrics.units import Direction, MeasureKind, Unit
from programmes.models import ComparisonGroup
from tests.conftest import client_for
from tests.factories import (
    BenchmarkFactory,
    ComparisonGroupFactory,
    CouncilFactory,
    MetricFactory,
    ReadingFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date
COUNCILS = MAX_LINES + 4


@pytest.fixture
def many():
    """COUNCILS councils with figures for 2018 and 2019; the last by name alone has one for 2017 and is the only
    one with a gap explained, and the group of statistical neighbours is every council after the first."""
    region = RegionFactory(gss_code="E12000004", name="East Midlands")
    metric = MetricFactory(
        name="Rate", slug="rate", council=None, project=None, unit=Unit.PERCENT, direction=Direction.LOWER,
        kind=MeasureKind.RATE,
    )  # fmt: skip
    councils = [CouncilFactory(name=f"Council {n:02d}", region=region) for n in range(COUNCILS)]
    for n, council in enumerate(councils):
        for year, value in ((2018, 10 + n), (2019, 20 - n)):
            ReadingFactory(metric=metric, council=council, value=Decimal(value), period_end=D(year, 9, 30))
    last = councils[-1]
    ReadingFactory(metric=metric, council=last, value=Decimal("5"), period_end=D(2017, 9, 30))
    last.readings.filter(period_end=D(2018, 9, 30)).update(value=None, published_value=None, missing_reason="c")
    for year in (2018, 2019):
        BenchmarkFactory(metric=metric, value=Decimal("15"), period_end=D(year, 9, 30))
    group = ComparisonGroupFactory(
        slug="neighbours", kind=ComparisonGroup.Kind.STATISTICAL_NEIGHBOURS, anchor=councils[0]
    )
    group.councils.set(councils[1:])
    return metric, councils, group


def _get(user, **params):
    return client_for(user).get(f"{reverse('compare')}?{urlencode(params, doseq=True)}")


def _every_series(metric, councils, group=None):
    """The comparison as it was when every chosen council's series was read."""
    comparison = comparison_get(metric=metric, councils=councils)
    neighbours_median_add(comparison, group, neighbours_chosen(group, councils))
    return comparison


def _table(comparison):
    return [(r.council.name, r.value, r.reason, r.previous, r.rank, r.quartile) for r in comparison.rows]


def test_only_the_councils_drawn_have_series_and_the_table_is_the_same(scrutiny, many):
    metric, councils, _ = many
    response = _get(scrutiny, metric="rate", council=[c.gss_code for c in councils])
    comparison = response.context["comparison"]
    assert set(comparison.series) == {c.pk for c in councils[:MAX_LINES]}
    every = _every_series(metric, comparison.councils)
    assert comparison.periods == every.periods and (None, D(2017, 9, 30)) in comparison.periods
    assert _table(comparison) == _table(every)
    last = {row.council.name: row for row in comparison.rows}[f"Council {COUNCILS - 1:02d}"]
    assert last.value == Decimal(20 - (COUNCILS - 1)) and last.previous is None  # its 2018 figure is a gap
    second_last = {row.council.name: row for row in comparison.rows}[f"Council {COUNCILS - 2:02d}"]
    assert second_last.change == Decimal(20 - (COUNCILS - 2)) - Decimal(10 + COUNCILS - 2)


def test_the_neighbours_median_counts_members_beyond_the_lines_drawn(scrutiny, many):
    metric, councils, group = many
    comparison = _get(scrutiny, metric="rate", group="neighbours").context["comparison"]
    assert len(comparison.councils) == COUNCILS > MAX_LINES
    label, points = comparison.neighbours
    assert (label, points) == _every_series(metric, comparison.councils, group).neighbours
    assert points[(None, D(2018, 9, 30))].note == f"of {COUNCILS - 2} of {COUNCILS - 1}"


def test_with_no_council_chosen_every_council_is_in_the_table_with_its_change(scrutiny, many):
    metric, councils, _ = many
    comparison = _get(scrutiny, metric="rate").context["comparison"]
    assert comparison.series == {} and len(comparison.rows) == COUNCILS
    # The period before is England's 2018 one, which each council's figure then is read for with the latest.
    assert _table(comparison) == _table(_every_series(metric, []))
    assert {row.council.name: row.previous for row in comparison.rows}["Council 03"] == Decimal(13)
