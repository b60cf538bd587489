"""Direction of travel (issue 14): each figure against the previous comparable one, said in words that
follow the measure's direction of good, never an arrow or a colour alone."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.direction import latest_travels, travel_in_series
from metrics.selectors import figures_from, visible_readings
from metrics.units import Direction, MeasureKind, Unit
from programmes.access import access_for
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory

pytestmark = pytest.mark.django_db

Q1, Q2 = (dt.date(2018, 4, 1), dt.date(2018, 6, 30)), (dt.date(2018, 7, 1), dt.date(2018, 9, 30))
YEAR = (dt.date(2017, 4, 1), dt.date(2018, 3, 31))


def _metric(council, direction, unit=Unit.COUNT):
    return MetricFactory(council=council, direction=direction, unit=unit, kind=MeasureKind.RATE)


def _figure(metric, value, period, kind="actual", **extra):
    start, end = period if isinstance(period, tuple) else (None, period)
    return ReadingFactory(
        metric=metric, council=metric.council, kind=kind, value=Decimal(value), period_start=start, period_end=end,
        **extra,
    )  # fmt: skip


def _seen(user, council):
    access = access_for(user)
    return figures_from(visible_readings(access=access, councils=[council]), access=access)


def _travels(user, council):
    return travel_in_series(_seen(user, council))


def _csv(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))


@pytest.mark.parametrize(
    ("direction", "values", "words", "change"),
    [
        (Direction.HIGHER, ("150", "155"), "improving", "up 5"),
        (Direction.HIGHER, ("155", "150"), "worsening", "down 5"),
        (Direction.LOWER, ("18", "16"), "improving", "down 2"),
        (Direction.LOWER, ("16", "18"), "worsening", "up 2"),
        (Direction.NEITHER, ("40", "42"), "up", "up 2"),
        (Direction.NEITHER, ("42", "40"), "down", "down 2"),
        (Direction.LOWER, ("16", "16"), "no change", "no change"),
    ],
)
def test_the_words_follow_the_measures_direction_of_good(scrutiny, council, direction, values, words, change):
    metric = _metric(council, direction)
    _figure(metric, values[0], Q1)
    newest = _figure(metric, values[1], Q2)
    travel = _travels(scrutiny, council)[newest.pk]
    assert (travel.words, travel.change_text, travel.previous_value) == (words, change, Decimal(values[0]))
    assert "improving" not in travel.sentence.lower() or direction != Direction.NEITHER


def test_the_first_figure_has_no_earlier_figure(scrutiny, council):
    first = _figure(_metric(council, Direction.HIGHER), "150", Q1)
    travel = _travels(scrutiny, council)[first.pk]
    assert (travel.words, travel.sentence, travel.change) == ("no earlier figure", "No earlier figure", None)


def test_a_quarter_is_compared_with_the_quarter_before_not_a_years_figure_or_a_target(scrutiny, council):
    metric = _metric(council, Direction.HIGHER)
    _figure(metric, "100", Q1)
    _figure(metric, "900", YEAR)  # a year's figure ending later than nothing comparable
    _figure(metric, "500", dt.date(2018, 6, 30), kind="target")
    newest = _figure(metric, "120", Q2)
    travel = _travels(scrutiny, council)[newest.pk]
    assert (travel.previous_value, travel.previous_on) == (Decimal("100"), Q1[1])
    assert travel.sentence == "Improving: up 20 from 100 (1 April 2018 to 30 June 2018)"


def test_a_percentage_changes_in_percentage_points(scrutiny, council):
    metric = _metric(council, Direction.LOWER, Unit.PERCENT)
    _figure(metric, "16.0", dt.date(2017, 9, 30))
    newest = _figure(metric, "7.3", dt.date(2018, 7, 20))
    travel = _travels(scrutiny, council)[newest.pk]
    assert travel.change_text == "down 8.7 percentage points"
    assert travel.sentence == "Improving: down 8.7 percentage points from 16% (30 September 2017)"


def test_readers_compare_published_figures_only_and_the_council_sees_its_drafts(scrutiny, manager, council):
    metric = _metric(council, Direction.HIGHER)
    _figure(metric, "100", dt.date(2018, 6, 30))
    _figure(metric, "90", dt.date(2018, 8, 15), status="draft")  # the council's own, not yet published
    newest = _figure(metric, "120", dt.date(2018, 9, 30))
    for user, previous in ((scrutiny, Decimal("100")), (manager, Decimal("90"))):
        latest = [f for f in _seen(user, council) if f.reading.pk == newest.pk]
        assert latest_travels(latest, access=access_for(user), council=council)[newest.pk].previous_value == previous


def test_the_bulk_read_agrees_with_the_series_in_one_query(scrutiny, council, django_assert_num_queries):
    metrics = [_metric(council, Direction.HIGHER) for _ in range(5)]
    newest = []
    for n, metric in enumerate(metrics):
        for month in range(1, 13):
            reading = _figure(metric, str(10 * month + n), dt.date(2018, month, 28))
        newest.append(reading)
    access = access_for(scrutiny)
    figures = figures_from(visible_readings(access=access, councils=[council]), access=access)
    series = travel_in_series(figures)
    latest = [f for f in figures if f.reading.pk in {r.pk for r in newest}]
    with django_assert_num_queries(1):
        bulk = latest_travels(latest, access=access, council=council)
    assert {pk: (t.previous_value, t.words) for pk, t in bulk.items()} == {
        r.pk: (series[r.pk].previous_value, series[r.pk].words) for r in newest
    }


def test_the_measures_table_and_the_downloads_say_the_direction(scrutiny, council):
    metric = _metric(council, Direction.HIGHER)
    metric.is_key = True
    metric.save()
    _figure(metric, "150", dt.date(2018, 3, 31))
    _figure(metric, "155", dt.date(2018, 7, 20))
    client = client_for(scrutiny)
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Improving: up 5 from 150 (31 March 2018)" in page
    rows = _csv(client, reverse("figures-csv", args=[council.gss_code]))
    assert [(r["value"], r["previous_value"], r["change"], r["direction"]) for r in rows] == [
        ("150", "", "", "no earlier figure"),
        ("155", "150", "5", "improving"),
    ]
    chart_csv = reverse("chart-csv", kwargs={"gss_code": council.gss_code, "metric_slug": metric.slug})
    chart_rows = _csv(client, chart_csv)
    assert [(r["previous_value"], r["direction"]) for r in chart_rows if r["series"] == "Actual"] == [
        ("", "no earlier figure"),
        ("150", "improving"),
    ]
