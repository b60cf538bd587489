"""A figure's save reads what its checks need, not every other council's figures (issue 20, cheap saves)."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.units import MeasureKind, Unit
from metrics.validation import OUTLIER_MIN_VALUES, QualityContext
from tests.factories import CouncilFactory, MetricFactory, ReadingFactory

pytestmark = pytest.mark.django_db
PEERS = 12


@pytest.fixture
def turnover(council):
    metric = MetricFactory(name="Turnover", unit=Unit.PERCENT, kind=MeasureKind.RATE)
    for n in range(PEERS):  # 5% to 16%, one council each
        ReadingFactory(metric=metric, council=CouncilFactory(), value=Decimal(5 + n), period_end=dt.date(2018, 3, 31))
    return metric


def test_the_outlier_check_sees_the_lowest_and_highest_of_many_councils(council, turnover):
    context = QualityContext.for_council(council=council, metrics=[turnover])
    # Spread 5 to 16 (11): up to 16 + 3 x 11 = 49 is plausible, 50 is not.
    assert context.quality_warnings(turnover, None, "actual", Decimal("49"), dt.date(2018, 9, 30)) == []
    assert context.quality_warnings(turnover, None, "actual", Decimal("50"), dt.date(2018, 9, 30)) == [
        "This is far outside the figures seen so far (5% to 16% in this council's and other councils' figures)"
    ]


def test_the_check_holds_a_bounded_sample_of_other_councils_figures(council, turnover, settings):
    context = QualityContext.for_council(council=council, metrics=[turnover])
    (values,) = context.peers.values()
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # The lowest few and the highest, whatever the number of councils.
        assert sorted(values) == [Decimal(5 + n) for n in range(OUTLIER_MIN_VALUES)] + [Decimal(16)]
    else:
        assert len(values) == PEERS  # SQLite reads them all: only PostgreSQL serves national scale
