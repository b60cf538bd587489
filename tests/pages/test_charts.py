"""The chart dicts: traces, axis titles with units, UK dates, lines told apart without colour."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from metrics.charts import metric_chart
from metrics.models import Reading
from metrics.selectors import Figure, metric_summary_list
from metrics.units import Direction, MeasureKind, Unit
from tests.factories import BenchmarkFactory, MetricFactory, RegionFactory


def figure(metric, kind, value, on, status=Reading.Status.APPROVED):
    reading = Reading(metric=metric, kind=kind, value=Decimal(value), period_end=on, status=status)
    return Figure(reading, Decimal(value), status)


@pytest.fixture
def turnover_chart(council):
    metric = MetricFactory(
        name="Social worker turnover",
        slug="turnover",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
    )
    figures = [
        figure(metric, Reading.Kind.BASELINE, "20", dt.date(2017, 4, 1)),
        figure(metric, Reading.Kind.ACTUAL, "14", dt.date(2018, 4, 1)),
        figure(metric, Reading.Kind.ACTUAL, "12", dt.date(2018, 7, 20), status=Reading.Status.SUBMITTED),
        figure(metric, Reading.Kind.TARGET, "10", dt.date(2019, 3, 31)),
    ]
    benchmarks = [
        BenchmarkFactory(metric=metric, value=Decimal("16"), period_end=dt.date(2017, 9, 30)),
        BenchmarkFactory(
            metric=metric, area="region", region=RegionFactory(), value=Decimal("15"), period_end=dt.date(2017, 9, 30)
        ),
    ]
    (summary,) = metric_summary_list(figures=figures, benchmarks=benchmarks, today=dt.date(2018, 8, 1))
    return metric_chart(summary, council=council)


def test_traces_are_told_apart_without_colour(turnover_chart):
    traces = {t["name"]: t for t in turnover_chart.figure["data"]}
    assert list(traces) == [
        "Actual",
        "Not yet approved",
        "Target trajectory (from the baseline)",
        "England average",
        "East Midlands average",
    ]
    assert traces["Actual"]["line"]["dash"] == "solid"
    assert traces["Target trajectory (from the baseline)"]["line"]["dash"] == "dash"
    assert traces["England average"]["line"]["dash"] == "dot"
    symbols = [t["marker"]["symbol"] for t in traces.values()]
    assert len(set(symbols)) == 5  # actual, draft ring, target, England, region each have their own marker
    assert traces["Actual"]["y"] == [14.0, 12.0]
    assert traces["Actual"]["x"] == ["2018-04-01", "2018-07-20"]
    assert traces["Actual"]["customdata"] == ["14%", "12%"]


def test_axes_have_titles_with_units_and_uk_dates(turnover_chart):
    layout = turnover_chart.figure["layout"]
    assert layout["title"]["text"] == "Social worker turnover"
    assert layout["yaxis"]["title"]["text"] == "Per cent (%)"
    assert layout["yaxis"]["exponentformat"] == "none"
    assert layout["xaxis"]["title"]["text"] == "Date"
    assert layout["xaxis"]["tickformat"] == "%-d %b %Y"
    assert layout["xaxis"]["hoverformat"] == "%-d %B %Y"  # 20 July 2018
    assert "%{x|%-d %B %Y}" in turnover_chart.figure["data"][0]["hovertemplate"]


def test_the_figure_is_plain_json(turnover_chart):
    assert json.loads(json.dumps(turnover_chart.figure)) == turnover_chart.figure
    assert set(turnover_chart.figure) == {"data", "layout"}
    for trace in turnover_chart.figure["data"]:
        assert trace["type"] == "scatter"
        assert all(isinstance(x, str) and dt.date.fromisoformat(x) for x in trace["x"])
        assert all(isinstance(y, float) for y in trace["y"])


def test_plotly_accepts_the_dict_as_a_valid_figure(turnover_chart):
    # Built without plotly.graph_objects for speed; its validation here proves every property is real.
    import plotly.graph_objects as go

    validated = go.Figure(turnover_chart.figure)
    assert [t.name for t in validated.data] == [t["name"] for t in turnover_chart.figure["data"]]
    assert validated.layout.yaxis.title.text == "Per cent (%)"


def test_rows_say_what_is_not_approved(turnover_chart):
    assert [(r.series, r.status) for r in turnover_chart.rows if r.series == "Actual"] == [
        ("Actual", ""),
        ("Actual", "Submitted for approval"),
    ]
    assert turnover_chart.rag.status == "green"


def test_the_palette_is_okabe_ito(turnover_chart):
    colours = {t["line"]["color"] for t in turnover_chart.figure["data"]}
    assert colours <= {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"}


def test_a_single_date_is_drawn_over_months_not_hours(council):
    metric = MetricFactory(unit=Unit.COUNT)
    figures = [figure(metric, Reading.Kind.ACTUAL, "155", dt.date(2018, 7, 20))]
    (summary,) = metric_summary_list(figures=figures, benchmarks=[])
    layout = metric_chart(summary, council=council).figure["layout"]
    assert layout["xaxis"]["range"] == ["2018-04-19", "2018-10-20"]


def test_a_small_count_has_whole_number_ticks(council):
    metric = MetricFactory(unit=Unit.COUNT)
    figures = [figure(metric, Reading.Kind.ACTUAL, "2", dt.date(2018, 7, 20))]
    (summary,) = metric_summary_list(figures=figures, benchmarks=[])
    assert metric_chart(summary, council=council).figure["layout"]["yaxis"]["dtick"] == 1
