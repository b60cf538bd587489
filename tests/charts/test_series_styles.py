"""Every series of a measure's chart is told apart by its marker and its dash, not colour alone; benchmarks
for a period are drawn across the period; the legend keeps clear of the axis titles."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.charts import metric_chart
from metrics.models import Reading
from metrics.selectors import Figure, metric_summary_list
from metrics.units import Direction, MeasureKind, Unit
from tests.factories import BenchmarkFactory, ComparisonGroupFactory, MetricFactory, RegionFactory

YEARS = [(dt.date(2016, 4, 1), dt.date(2017, 3, 31)), (dt.date(2017, 4, 1), dt.date(2018, 3, 31))]


def figure(metric, kind, value, on, status=Reading.Status.APPROVED):
    reading = Reading(metric=metric, kind=kind, value=Decimal(value), period_end=on, status=status)
    return Figure(reading, Decimal(value), status)


@pytest.fixture
def chart(council):
    metric = MetricFactory(
        name="Re-referrals within 12 months", unit=Unit.PERCENT, direction=Direction.LOWER, kind=MeasureKind.RATE
    )
    figures = [
        figure(metric, Reading.Kind.BASELINE, "25", dt.date(2016, 3, 31)),
        figure(metric, Reading.Kind.ACTUAL, "24", dt.date(2017, 3, 31)),
        figure(metric, Reading.Kind.ACTUAL, "21", dt.date(2018, 3, 31), status=Reading.Status.SUBMITTED),
        figure(metric, Reading.Kind.TARGET, "18", dt.date(2019, 3, 31)),
    ]
    areas = [
        {"area": "england"},
        {"area": "region", "region": RegionFactory(gss_code="E12000003", name="Yorkshire and The Humber")},
        {"area": "group", "group": ComparisonGroupFactory(name="Statistical neighbours")},
    ]
    benchmarks = [
        BenchmarkFactory(metric=metric, value=Decimal(20 + i), period_start=start, period_end=end, **area)
        for i, area in enumerate(areas)
        for start, end in YEARS
    ]
    (summary,) = metric_summary_list(figures=figures, benchmarks=benchmarks, today=dt.date(2018, 8, 1))
    return metric_chart(summary, council=council)


def legend_entries(figure):
    return [t for t in figure["data"] if t.get("showlegend", True)]


def test_every_series_has_its_own_marker_and_its_own_dash(chart):
    entries = legend_entries(chart.figure)
    assert [t["name"] for t in entries] == [
        "Actual",
        "Not yet approved",
        "Target trajectory (from the baseline)",
        "England average",
        "Yorkshire and The Humber average",
        "Statistical neighbours average",
    ]
    symbols = [t["marker"]["symbol"] for t in entries]
    assert len(set(symbols)) == len(symbols), symbols
    lines = [t for t in entries if "lines" in t["mode"]]
    dashes = [t["line"]["dash"] for t in lines]
    assert len(set(dashes)) == len(dashes) == 5, dashes
    # The one series without a line is the ring drawn round each draft figure.
    assert [t["name"] for t in entries if "lines" not in t["mode"]] == ["Not yet approved"]


def test_a_benchmark_for_a_year_is_a_level_line_across_that_year(chart):
    england = [t for t in chart.figure["data"] if t["name"] == "England average"]
    segments, markers = england
    assert segments["showlegend"] is False and segments["legendgroup"] == markers["legendgroup"]
    assert segments["x"] == ["2016-04-01", "2017-03-31", None, "2017-04-01", "2018-03-31", None]
    assert segments["y"] == [20.0, 20.0, None, 20.0, 20.0, None]
    # One marker in the middle of each year, unjoined: two years' markers never share a date.
    assert markers["x"] == ["2016-09-30", None, "2017-09-30", None]
    assert markers["customdata"] == ["20%, 2016/17", "", "20%, 2017/18", ""]
    assert markers["connectgaps"] is False


def test_the_axis_starts_at_the_first_benchmark_period(chart):
    xs = [x for t in chart.figure["data"] for x in t["x"] if x]
    assert min(xs) == "2016-03-31"  # the baseline; the first period starts a day later
    assert "2016-04-01" in xs


def test_the_legend_sits_at_the_foot_of_the_figure_clear_of_the_axis_titles(chart):
    layout = chart.figure["layout"]
    assert layout["legend"] == {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
    }
    assert layout["xaxis"]["title"]["standoff"] > 0 and layout["yaxis"]["title"]["standoff"] > 0
    assert layout["xaxis"]["automargin"] and layout["yaxis"]["automargin"]


def test_plotly_accepts_the_figure(chart):
    import plotly.graph_objects as go

    validated = go.Figure(chart.figure)
    assert validated.layout.legend.yref == "container"
    assert [t.name for t in validated.data][-1] == "Statistical neighbours average"
