"""Plotly figures built in Python as plain dicts and handed to the page (STYLE.md section 6).

The dicts are written directly in plotly.js's figure format (`{"data": [...], "layout": {...}}`,
ISO dates, floats) rather than through plotly.graph_objects, whose validation of every property
cost 66 ms per 128-point chart at national scale (benchmarks/results/ANALYSIS.md), against well
under a millisecond for the same dict; the tests pin the properties that matter.

A chart and its "Show the data" table and CSV come from the same rows, so the download is
exactly what is drawn. Lines are told apart without colour: actuals solid with circles,
the target trajectory dashed with diamonds, each benchmark dotted with its own marker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from html import escape

from django.urls import reverse

from metrics.direction import travel_in_series
from metrics.models import Reading
from metrics.units import Direction, Unit, axis_title, format_value
from pipdash.dates import period_label, uk_date

# Okabe and Ito's palette, safe for the common colour-vision deficiencies.
ACTUAL_COLOUR = "#0072B2"
TARGET_COLOUR = "#D55E00"
# Each benchmark has its own colour, marker and dash, none of them the actuals' or the target's.
BENCHMARK_STYLES = [
    ("#009E73", "square", "dot"),
    ("#CC79A7", "triangle-up", "dashdot"),
    ("#E69F00", "x", "longdash"),
    ("#56B4E9", "star", "longdashdot"),
]
TEXT_COLOUR = "#0b0c0c"
FONT = "arial, sans-serif"
TICK_FORMAT = "%-d %b %Y"  # 20 Jul 2018 on the axis
HOVER_DATE = "%-d %B %Y"  # 20 July 2018 in the hover label
MIN_SPAN_DAYS = 60
SMALL_COUNT = 8
# A chart's data table sits beside it up to this many rows; a longer series (ten years of monthly
# returns is 120 actuals, and as many targets) gets its table on a page of its own, linked from the
# chart: 130-row tables in every chart made a council's page 440 KB at national scale, and slow to read.
INLINE_TABLE_ROWS = 40
PADDING = dt.timedelta(days=92)

ACTUAL = "Actual"
DRAFT = "Not yet approved"
BASELINE = "Baseline"
TARGET = "Target"


@dataclass(frozen=True)
class ChartRow:
    series: str
    on: dt.date
    value: Decimal | None
    unit: str
    status: str = ""
    qualifier: str = ""  # the source's "over", "close to": in the hover label, the table and the CSV
    missing_reason: str = ""  # a gap: the figure was not published ("c (confidential)")
    period: str = ""  # the period when the figure is for one ("2018/19"), not as at a date
    travel: object = None  # against the previous comparable figure (metrics/direction.py); None for benchmarks
    start: dt.date | None = None  # a benchmark's period start, when it covers a period: drawn from here to `on`

    @property
    def previous_value(self):
        return self.travel.previous_value if self.travel is not None and self.travel.has_previous else None

    @property
    def change(self):
        return self.travel.change if self.travel is not None else None

    @property
    def direction(self) -> str:
        return self.travel.words if self.travel is not None else ""

    @property
    def travel_text(self) -> str:
        """'Improving: up 5 from 150 (31 March 2018)'; blank for a benchmark or a gap."""
        return self.travel.sentence if self.travel is not None else ""

    @property
    def display_value(self) -> str:
        if self.value is None:
            return f"No figure: {self.missing_reason}" if self.missing_reason else "No figure"
        return format_value(self.value, self.unit, self.qualifier)

    @property
    def date_label(self) -> str:
        return self.period or uk_date(self.on)

    @property
    def when(self) -> str:
        """"2018/19", or "as at 20 July 2018" for a figure as at one date: the headline's period."""
        if self.period:
            return self.period
        return f"by {uk_date(self.on)}" if self.series == TARGET else f"as at {uk_date(self.on)}"


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    figure: dict
    rows: list[ChartRow]
    csv_url: str
    unit_label: str
    data_url: str = ""
    rag: object = None
    sources: tuple = ()
    releases: tuple = ()  # official releases the figures came from (OfficialRelease), cited beside the sources
    # Whether the RAG sentence compares the figure with the target and benchmarks: when it cannot (no
    # figure yet, or neither direction is better), a headline lists them itself.
    judged: bool = True

    @property
    def element_id(self) -> str:
        return f"chart-{self.slug}"

    @property
    def data_id(self) -> str:
        return f"chart-{self.slug}-data"

    @property
    def table_fits_beside(self) -> bool:
        return len(self.rows) <= INLINE_TABLE_ROWS or not self.data_url

    @property
    def is_headline(self) -> bool:
        """At most one figure of the council's own: a one-point chart says less than the number with its
        sentence, which already says the target and the benchmarks it is judged against."""
        return sum(row.series == ACTUAL for row in self.rows) <= 1

    @property
    def headline(self) -> ChartRow | None:
        """The one actual figure a headline states (None before the first)."""
        return next((row for row in self.rows if row.series == ACTUAL), None)

    @property
    def headline_comparisons(self) -> list[ChartRow]:
        """The target and benchmarks a headline lists, when its RAG sentence has not said them."""
        if self.judged and self.headline is not None and self.headline.value is not None:
            return []
        return [row for row in self.rows if row.series != ACTUAL and row.value is not None]

    @property
    def series_names(self) -> list[str]:
        return list(dict.fromkeys(row.series for row in self.rows))

    @property
    def description(self) -> str:
        """A short text alternative; the full data is in the table beside the chart."""
        return f"Line chart of {self.title}: {', '.join(self.series_names)}. The data is in the table below the chart."


def chart_rows(summary) -> list[ChartRow]:
    """The points of one metric's chart, series by series: actuals, baseline and targets, benchmarks."""
    unit = summary.metric.unit
    travels = travel_in_series(summary.figures)
    # Gaps (figures published without a value, with the reason) are rows too: the line breaks there.
    actuals = sorted(
        summary.actuals + [f for f in summary.figures if f.kind == Reading.Kind.ACTUAL and f.value is None],
        key=lambda f: f.on,
    )
    rows = [
        ChartRow(
            ACTUAL, f.on, f.value, unit, "" if f.is_approved else f.status_label,
            f.qualifier, _reason(f), _period(f.reading), travels.get(f.reading.pk),
        )  # fmt: skip
        for f in actuals
    ]
    trajectory = sorted(summary.baselines + summary.targets, key=lambda f: f.on)
    rows += [
        ChartRow(
            BASELINE if f.kind == Reading.Kind.BASELINE else TARGET, f.on, f.value, unit,
            qualifier=f.qualifier, travel=travels.get(f.reading.pk),
        )  # fmt: skip
        for f in trajectory
    ]
    return rows + benchmark_rows(summary.benchmarks, unit)


def benchmark_rows(benchmarks, unit) -> list[ChartRow]:
    """A chart's rows of England's and the region's averages, each labelled with its financial year if any."""
    rows = []
    for benchmark in benchmarks:
        period = _period(benchmark)
        rows.append(
            ChartRow(
                f"{benchmark.area_label} average",
                benchmark.period_end,
                benchmark.value,
                unit,
                period=period,
                start=benchmark.period_start if period else None,
            )
        )
    return rows


def _period(figure) -> str:
    """A financial or academic year as DfE labels it ("2018/19"); blank for a figure as at one date."""
    start, end = figure.period_start, figure.period_end
    return period_label(start, end) if start is not None and start != end else ""


def _reason(figure) -> str:
    return figure.reading.missing_reason if figure.value is None else ""


def _from_earlier_codes(rows: list[ChartRow], council) -> list[ChartRow]:
    """Mark the figures of a council's series dated before it existed: they were published under the code of
    the council it replaced one-to-one (programmes/continuity.py), and the table says which."""
    began = getattr(council, "operational_from", None)
    if began is None or not any(row.series == ACTUAL and row.on < began for row in rows):
        return rows
    lineage = getattr(council, "lineage", None)
    marked = []
    for row in rows:
        if row.series == ACTUAL and row.on < began:
            held = lineage.held_on(row.on) if lineage is not None else None
            code = f"as {held.name}, {held.gss_code}" if held is not None and held.pk != council.pk else "earlier code"
            row = replace(row, period=f"{row.date_label} ({code})")
        marked.append(row)
    return marked


def metric_chart(summary, *, council) -> Chart:
    rows = _from_earlier_codes(chart_rows(summary), council)
    metric = summary.metric
    return Chart(
        slug=metric.slug,
        title=metric.name,
        figure=figure_dict(metric, rows),
        rows=rows,
        csv_url=reverse("chart-csv", kwargs={"gss_code": council.gss_code, "metric_slug": metric.slug}),
        data_url=reverse("chart-data", kwargs={"gss_code": council.gss_code, "metric_slug": metric.slug}),
        unit_label=axis_title(metric.unit, metric.name),
        rag=summary.rag,
        sources=tuple(summary.sources),
        releases=tuple(getattr(summary, "releases", ())),
        judged=metric.direction != Direction.NEITHER,
    )


def _trace(rows, *, name, colour, dash, symbol, mode="lines+markers", legendgroup=None, size=9, hollow=False):
    trace = {
        "type": "scatter",
        "x": [r.on.isoformat() for r in rows],
        "y": [None if r.value is None else float(r.value) for r in rows],  # None: a gap in the line
        # Plotly draws names, titles and hover text as HTML: user text must reach it escaped.
        "customdata": [escape(r.display_value) for r in rows],
        "name": escape(name),
        "mode": mode,
        "line": {"color": colour, "dash": dash, "width": 3},
        "marker": {
            "color": "#ffffff" if hollow else colour,
            "symbol": symbol,
            "size": size,
            "line": {"color": colour, "width": 2},
        },
        "hovertemplate": f"%{{customdata}}<br>%{{x|{HOVER_DATE}}}<extra>{escape(name)}</extra>",
    }
    if legendgroup is not None:
        trace["legendgroup"] = legendgroup
    return trace


def _benchmark_traces(rows, *, name, colour, dash, symbol) -> list[dict]:
    """A benchmark for a period (England's 2017/18 average) holds over the whole period: a level line
    from its start to its end, each period its own segment, with its marker at the middle so that two
    periods' markers never sit on one date. Benchmarks as at one date stay points joined in turn.

    Two traces in one legend group: the segments (no legend entry of their own) and the markers, each
    apart from the next, so that the legend shows the series' dash and marker together."""
    if all(row.start is None for row in rows):
        return [_trace(rows, name=name, colour=colour, dash=dash, symbol=symbol, legendgroup=name)]
    segments = _trace(rows, name=name, colour=colour, dash=dash, symbol=symbol, mode="lines", legendgroup=name)
    markers = _trace(rows, name=name, colour=colour, dash=dash, symbol=symbol, legendgroup=name)
    for trace in (segments, markers):
        trace |= {"x": [], "y": [], "customdata": [], "connectgaps": False}
        # The hover says the period, not the day hovered along it.
        trace["hovertemplate"] = f"%{{customdata}}<extra>{escape(name)}</extra>"
    segments |= {"showlegend": False, "hoverinfo": "skip"}
    segments.pop("hovertemplate")
    for row in rows:
        value = None if row.value is None else float(row.value)
        middle = row.on if row.start is None else row.start + (row.on - row.start) / 2
        # None after each point: nothing joins one marker to the next.
        markers["x"] += [middle.isoformat(), None]
        markers["y"] += [value, None]
        markers["customdata"] += [escape(f"{row.display_value}, {row.when}"), ""]
        if row.start is not None:
            segments["x"] += [row.start.isoformat(), row.on.isoformat(), None]
            segments["y"] += [value, value, None]
            segments["customdata"] += ["", "", ""]
    return [segments, markers]


def figure_dict(metric, rows: list[ChartRow]) -> dict:
    """The Plotly figure for one metric, as JSON-safe plain data."""
    traces = []
    actuals = [r for r in rows if r.series == ACTUAL]
    if actuals:
        traces.append(_trace(actuals, name=ACTUAL, colour=ACTUAL_COLOUR, dash="solid", symbol="circle"))
        drafts = [r for r in actuals if r.status]
        if drafts:
            traces.append(
                _trace(
                    drafts,
                    name=DRAFT,
                    colour=ACTUAL_COLOUR,
                    dash="solid",
                    symbol="circle-open",  # a ring around the actual's dot: its own marker, not only a colour
                    mode="markers",
                    size=14,
                    hollow=True,
                )
            )
    trajectory = [r for r in rows if r.series in (BASELINE, TARGET)]
    if trajectory:
        kinds = {r.series for r in trajectory}
        name = "Target trajectory (from the baseline)" if kinds == {BASELINE, TARGET} else kinds.pop()
        traces.append(_trace(trajectory, name=name, colour=TARGET_COLOUR, dash="dash", symbol="diamond"))
    benchmark_series = [s for s in dict.fromkeys(r.series for r in rows) if s not in (ACTUAL, BASELINE, TARGET)]
    for index, series in enumerate(benchmark_series):
        colour, symbol, dash = BENCHMARK_STYLES[index % len(BENCHMARK_STYLES)]
        points = [r for r in rows if r.series == series]
        traces += _benchmark_traces(points, name=series, colour=colour, dash=dash, symbol=symbol)

    # Axis titles stand off from their tick labels, so neither touches the labels nor the legend below.
    xaxis = {
        "title": {"text": "Date", "standoff": 12},
        "type": "date",
        "tickformat": TICK_FORMAT,
        "hoverformat": HOVER_DATE,
    }
    dates = [r.on for r in rows] + [r.start for r in rows if r.start is not None]
    if dates and (max(dates) - min(dates)).days < MIN_SPAN_DAYS:
        # A single date would otherwise be drawn over a few hours, with the same day on every tick.
        xaxis["range"] = [(min(dates) - PADDING).isoformat(), (max(dates) + PADDING).isoformat()]
    axis = {
        "showgrid": True,
        "gridcolor": "#dddddd",
        "linecolor": TEXT_COLOUR,
        "ticks": "outside",
        "zeroline": False,
        "automargin": True,
    }
    yaxis = {
        **axis,
        "title": {"text": escape(axis_title(metric.unit, metric.name)), "standoff": 12},
        "rangemode": "tozero" if metric.unit in (Unit.COUNT, Unit.PERCENT, Unit.GBP, Unit.DAYS) else "normal",
        "separatethousands": True,
        "exponentformat": "none",  # 15,000,000 rather than 15M
    }
    values = [r.value for r in rows if r.value is not None]  # a gap has none
    if metric.unit == Unit.COUNT and values and max(values) <= SMALL_COUNT:
        yaxis["dtick"] = 1  # no half a person on the axis
    # No template: plotly.js has none of its own (plotly.py's default one is what "none" turned off).
    layout = {
        "title": {"text": escape(metric.name), "x": 0, "xanchor": "left", "font": {"size": 18}},
        "font": {"family": FONT, "size": 14, "color": TEXT_COLOUR},
        "xaxis": {**axis, **xaxis},
        "yaxis": yaxis,
        # The legend sits at the foot of the whole figure (container, not plot, coordinates): plotly.js then
        # makes the bottom margin room for the axis title and the legend one above the other, however
        # many lines the legend wraps to at 320 px. Placed under the plot area, it overlapped the title.
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0, "yanchor": "bottom"},
        "margin": {"l": 70, "r": 20, "t": 60, "b": 110},
        "hovermode": "closest",
        "showlegend": True,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
    }
    return {"data": traces, "layout": layout}
