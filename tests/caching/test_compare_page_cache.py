"""The compare page's results are cached for every viewer alike, and every write that changes them shows at once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.units import Direction, MeasureKind, Unit
from tests.conftest import client_for
from tests.factories import BenchmarkFactory, ComparisonGroupFactory, MetricFactory, ReadingFactory

URL = "/compare/"


@pytest.fixture
def turnover(db):
    return MetricFactory(
        name="Social worker turnover rate (FTE, DfE)",
        slug="csww-turnover",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        official_key="csww:turnover_rate_fte",
        council=None,
        project=None,
    )


def _official(metric, council, value, year=2019):
    return ReadingFactory(
        metric=metric,
        council=council,
        project=None,
        value=Decimal(value),
        published_value=Decimal(value),
        status="approved",
        period_end=dt.date(year, 9, 30),
    )


def _page(user, query):
    response = client_for(user).get(f"{URL}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_is_served_from_the_cache_without_reading_the_figures(scrutiny, council, turnover):
    _official(turnover, council, "7.3")
    query = f"metric={turnover.slug}&council={council.gss_code}"
    client = client_for(scrutiny)
    with CaptureQueriesContext(connection) as built:
        first = client.get(f"{URL}?{query}").content.decode()
    with CaptureQueriesContext(connection) as cached:
        second = client.get(f"{URL}?{query}").content.decode()
    assert "7.3%" in first and "7.3%" in second
    assert any("metrics_reading" in q["sql"] for q in built.captured_queries)
    assert not any("metrics_reading" in q["sql"] or "metrics_benchmark" in q["sql"] for q in cached.captured_queries)
    assert len(cached) <= len(built) - 4


def test_a_newly_published_figure_appears_at_once(scrutiny, council, other_council, turnover):
    _official(turnover, council, "7.3")
    query = f"metric={turnover.slug}&council={council.gss_code}&council={other_council.gss_code}"
    assert "16.1%" not in _page(scrutiny, query)
    _official(turnover, other_council, "16.1")
    assert "16.1%" in _page(scrutiny, query)


def test_a_changed_england_figure_appears_at_once(scrutiny, council, turnover):
    _official(turnover, council, "7.3")
    england = BenchmarkFactory(metric=turnover, value=Decimal("15.4"), period_end=dt.date(2019, 9, 30))
    query = f"metric={turnover.slug}&council={council.gss_code}"
    assert "15.4%" in _page(scrutiny, query)
    england.value = Decimal("16.0")
    england.save()
    page = _page(scrutiny, query)
    assert "16%" in page and "15.4%" not in page


def test_a_group_that_gains_a_council_shows_it_at_once(scrutiny, council, other_council, turnover):
    _official(turnover, council, "7.3")
    _official(turnover, other_council, "16.1")
    group = ComparisonGroupFactory(slug="mine")
    group.councils.add(council)
    query = f"metric={turnover.slug}&group=mine"
    assert "Comparing 1 council," in _page(scrutiny, query)
    group.councils.add(other_council)  # a many-to-many change sends no save signal
    page = _page(scrutiny, query)
    assert "Comparing 2 councils" in page
    assert f'href="/councils/{other_council.gss_code}/"' in page


def test_the_cached_table_follows_the_sort_asked_for(scrutiny, council, other_council, turnover):
    _official(turnover, council, "7.3")
    _official(turnover, other_council, "16.1")
    query = f"metric={turnover.slug}&council={council.gss_code}&council={other_council.gss_code}"
    # The ranked table, after the trend chart's own table of the same figures.
    ascending = _page(scrutiny, f"{query}&comparison-sort=value").partition("Rank 1 is the best")[2]
    descending = _page(scrutiny, f"{query}&comparison-sort=-value").partition("Rank 1 is the best")[2]
    assert ascending.index("7.3%</td>") < ascending.index("16.1%</td>")
    assert descending.index("16.1%</td>") < descending.index("7.3%</td>")
