"""Plotly figures for the compare page, as plain dicts in plotly.js's format, drawn by static/js/charts.js.

Written as dicts rather than through plotly.graph_objects for the reason metrics/charts.py gives:
validating every property of 153 councils' bars and lines cost 320 ms of the page at national scale.
Missing figures are gaps (null), never zeros. Lines are told apart by dash and marker as well as
colour; England is a thick black dashed line, regions dotted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from metrics.charts import BENCHMARK_STYLES, FONT, HOVER_DATE, TEXT_COLOUR, TICK_FORMAT
from metrics.compare.selectors import Comparison
from metrics.units import Direction, axis_title, format_value

COUNCIL_STYLES = [
    ("#0072B2", "circle"),
    ("#D55E00", "diamond"),
    ("#009E73", "square"),
    ("#CC79A7", "triangle-up"),
    ("#E69F00", "x"),
    ("#56B4E9", "star"),
    ("#000000", "cross"),
    ("#F0E442", "triangle-down"),
]
ENGLAND_COLOUR = "#0b0c0c"
NEIGHBOURS_COLOUR = "#6f72af"
BAR_COLOUR = "#b1b4b6"
CHOSEN_COLOUR = "#1d70b8"
BAND_FILLS = ["#f3f2f1", "#ffffff"]
# More lines than this cannot be told apart; the table and the ranking still cover every council.
MAX_LINES = 12
MAX_REGION_LINES = 3
# The ranking grows with the councils in it: ROW_HEIGHT px a bar holds a RANK_FONT px name with room to
# spare, so no two names touch (checked in Chromium with 153 councils, tests/browser/test_ranking_chart.py).
ROW_HEIGHT = 20
RANK_FONT = 12
RANKING_MARGIN = 140  # the legend and the value axis above the bars
NAME_CHARS = 24


@dataclass(frozen=True)
class CompareChart:
    slug: str
    title: str
    figure: dict
    description: str
    table: object = None  # the figures drawn, as a table beside the chart (metrics.compare.tables.TrendTable)

    @property
    def element_id(self) -> str:
        return f"chart-{self.slug}"

    @property
    def data_id(self) -> str:
        return f"chart-{self.slug}-data"


def _axis():
    return {"showgrid": True, "gridcolor": "#dddddd", "linecolor": TEXT_COLOUR, "ticks": "outside", "automargin": True}


def _figure(traces, title: str, axis_label: str, **layout) -> dict:
    # No template: plotly.js has none of its own (plotly.py's default one is what "none" turned off).
    return {
        "data": traces,
        "layout": {
            # The figure's caption is the title: drawing it again inside the chart would say it twice.
            "meta": {"title": escape(title)},
            "font": {"family": FONT, "size": 14, "color": TEXT_COLOUR},
            "yaxis": {
                **_axis(),
                "title": {"text": escape(axis_label)},
                "rangemode": "tozero",
                "separatethousands": True,
                "exponentformat": "none",
            },
            # At the foot of the figure (container coordinates): plotly.js then makes room for the axis title
            # and the legend one above the other, however many lines the legend takes at 320 px.
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0, "yanchor": "bottom"},
            "margin": {"l": 70, "r": 20, "t": 30, "b": 40},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            **layout,
        },
    }


def _line(name, points, unit, colour, dash, symbol, width=2) -> dict:
    values = list(points.values())
    return {
        "type": "scatter",
        "x": [end.isoformat() for _, end in points],
        "y": [None if v is None or v.value is None else float(v.value) for v in values],
        "customdata": [escape(_said(v, unit)) for v in values],
        # Plotly draws names, titles and hover text as HTML: user text must reach it escaped.
        "name": escape(name),
        "mode": "lines+markers",
        "connectgaps": False,
        "line": {"color": colour, "dash": dash, "width": width},
        "marker": {"color": colour, "symbol": symbol, "size": 8},
        "hovertemplate": f"%{{customdata}}<br>%{{x|{HOVER_DATE}}}<extra>{escape(name)}</extra>",
    }


@dataclass(frozen=True)
class TrendLine:
    name: str
    points: dict  # period -> Value or None, over every period of the comparison
    colour: str
    dash: str
    symbol: str
    width: int = 2


def _said(value, unit) -> str:
    """A point as its hover text says it: the figure (with how many figures a median is of), or why there is none."""
    if value is None:
        return ""
    if value.value is None:
        return value.reason
    return format_value(value.value, unit) + (f" (median {value.note})" if value.note else "")


def trend_lines(comparison: Comparison) -> list[TrendLine]:
    """The lines the trend chart draws, in its legend's order; its data table shows exactly these."""
    periods, lines = comparison.periods, []
    for index, council in enumerate(comparison.councils[:MAX_LINES]):
        colour, symbol = COUNCIL_STYLES[index % len(COUNCIL_STYLES)]
        values = comparison.series.get(council.pk, {})
        lines.append(TrendLine(str(council), {p: values.get(p) for p in periods}, colour, "solid", symbol))
    if comparison.england:
        points = {p: comparison.england.get(p) for p in periods}
        lines.append(TrendLine("England", points, ENGLAND_COLOUR, "dash", "circle-open", width=4))
    if comparison.neighbours:
        label, points = comparison.neighbours
        points = {p: points.get(p) for p in periods}
        lines.append(TrendLine(label, points, NEIGHBOURS_COLOUR, "dashdot", "diamond-open", width=4))
    # Regional lines help beside a few regions' councils; beside many they drown the councils' own lines.
    regions = comparison.regions if len(comparison.regions) <= MAX_REGION_LINES else {}
    for index, (region, values) in enumerate(regions.items()):
        colour, symbol, _ = BENCHMARK_STYLES[index % len(BENCHMARK_STYLES)]
        lines.append(TrendLine(region.name, {p: values.get(p) for p in periods}, colour, "dot", symbol))
    return lines


def trend_chart(comparison: Comparison, lines: list[TrendLine] | None = None) -> CompareChart:
    """A line per chosen council over every period, with England, the neighbours' median and the regions."""
    metric = comparison.metric
    lines = trend_lines(comparison) if lines is None else lines
    traces = [
        _line(line.name, line.points, metric.unit, line.colour, line.dash, line.symbol, line.width) for line in lines
    ]
    names = [line.name for line in lines]
    figure = _figure(
        traces,
        f"{metric.name} over time",
        axis_title(metric.unit, metric.name),
        xaxis={**_axis(), "title": {"text": "Date", "standoff": 12}, "type": "date", "tickformat": TICK_FORMAT},
        hovermode="closest",
    )
    return CompareChart(
        "compare-trend",
        f"{metric.name} over time",
        figure,
        f"Line chart of {metric.name} over time for {', '.join(names) or 'no council'}. Gaps are figures not "
        "published. The figures drawn are in the table below it."
        + (f" Only the first {MAX_LINES} councils by name are drawn." if len(comparison.councils) > MAX_LINES else "")
        + (
            " The councils are in too many regions to draw each region's line."
            if len(comparison.regions) > MAX_REGION_LINES
            else ""
        ),
    )


def ranking_chart(comparison: Comparison) -> CompareChart | None:
    """Every council at the latest period as a horizontal bar, best at the top, in quartile bands.

    Horizontal so that each bar carries its council's name, readable with all 153 councils: the chart
    grows by ROW_HEIGHT a council rather than squeezing the names. Chosen councils are striped, marked ▶
    beside their names and labelled "5.7% (chosen)" at the end of the bar: they stand out without colour."""
    ranking = comparison.ranking
    if not ranking:
        return None
    metric = comparison.metric
    positions = list(range(1, len(ranking) + 1))
    traces = []
    for chosen, name, colour in ((False, "Other councils", BAR_COLOUR), (True, "Chosen councils", CHOSEN_COLOUR)):
        rows = [(y, row) for y, row in zip(positions, ranking, strict=True) if row.chosen == chosen]
        if not rows:
            continue
        marker = {"color": colour, "line": {"color": TEXT_COLOUR if chosen else colour, "width": 1}}
        if chosen:
            marker["pattern"] = {
                "shape": "/",
                "fillmode": "overlay",  # white stripes over the bar's own colour
                "bgcolor": colour,
                "fgcolor": "#ffffff",
                "size": 8,
                "solidity": 0.3,
            }
        trace = {
            "type": "bar",
            "orientation": "h",
            "y": [y for y, _ in rows],
            "x": [float(row.value) for _, row in rows],
            "customdata": [
                escape(f"{row.council}: {comparison.format(row.value)}, rank {row.rank}") for _, row in rows
            ],
            "name": name,
            "marker": marker,
            "hovertemplate": "%{customdata}<extra></extra>",
        }
        if chosen:
            trace |= {
                "text": [escape(f"{comparison.format(row.value)} (chosen)") for _, row in rows],
                "textposition": "outside",
                "cliponaxis": False,
            }
        traces.append(trace)
    shapes, annotations = [], []
    for quartile in range(1, 5):
        members = [y for y, row in zip(positions, ranking, strict=True) if row.quartile == quartile]
        if not members:
            continue
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": members[0] - 0.5,
                "y1": members[-1] + 0.5,
                "fillcolor": BAND_FILLS[quartile % 2],
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": 1,
                "y": members[0] - 0.5,
                "xref": "paper",
                "yref": "y",
                "text": f"Q{quartile}",
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "top",
            }
        )
    england = comparison.england.get(comparison.latest)
    if england and england.value is not None:
        traces.append(
            {
                "type": "scatter",
                "x": [float(england.value)] * 2,
                "y": [0.5, len(ranking) + 0.5],
                "mode": "lines",
                "name": f"England {comparison.format(england.value)}",
                "line": {"color": ENGLAND_COLOUR, "dash": "dash", "width": 3},
                "hoverinfo": "skip",
            }
        )
    best = "lowest" if metric.direction == Direction.LOWER else "highest"
    title = f"{metric.name}, {comparison.latest_label}: councils ranked"
    figure = _figure(
        traces,
        title,
        "",
        # The value axis is read from the top, where the best councils are, above a long chart.
        xaxis={
            **_axis(),
            "title": {"text": escape(axis_title(metric.unit, metric.name)), "standoff": 8},
            "side": "top",
            "rangemode": "tozero",
            "separatethousands": True,
            "exponentformat": "none",
        },
        shapes=shapes,
        annotations=annotations,
        bargap=0.25,
        hovermode="closest",
        height=RANKING_MARGIN + ROW_HEIGHT * len(ranking),
        # Above the bars with the axis: at the foot of a 3,000 px chart nobody would find it.
        legend={"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 1, "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 30, "b": 20},
    )
    # Said above the names, where the ranking starts: an axis title would sit halfway down 3,000 px.
    annotations.append(
        {
            "x": 0,
            "y": 0.5,
            "xref": "paper",
            "yref": "y",
            "xanchor": "right",
            "yanchor": "bottom",
            "showarrow": False,
            "text": f"Rank, {best} first",
        }
    )
    figure["layout"]["yaxis"] = {
        **_axis(),
        "showgrid": False,
        "tickmode": "array",
        "tickvals": positions,
        "ticktext": [_rank_label(row) for row in ranking],
        "tickfont": {"size": RANK_FONT},
        "range": [len(ranking) + 0.5, 0.5],  # rank 1 at the top
    }
    chosen = ", ".join(f"{row.council.name} rank {row.rank}" for row in ranking if row.chosen)
    return CompareChart(
        "compare-ranking",
        title,
        figure,
        f"Bar chart of {len(ranking)} councils ranked by {metric.name}, {comparison.latest_label}, in quartile bands"
        + (f"; chosen: {chosen}" if chosen else "")
        + ". The data is in the table below.",
    )


def _rank_label(row) -> str:
    """'12. Leeds', a chosen council marked '▶ 12. Leeds'. Plain text: plotly.js draws <b> as an inline
    style attribute, which the Content Security Policy refuses. A long name is shortened to NAME_CHARS so
    that at 320 px the names leave the bars room; the hover, the description and the table give it whole."""
    name = row.council.name
    if len(name) > NAME_CHARS:
        name = name[: NAME_CHARS - 1].rstrip(" ,") + "…"
    label = escape(f"{row.rank}. {name}")
    return f"▶ {label}" if row.chosen else label


def partnership_chart(partnerships, *, today: dt.date) -> CompareChart | None:
    """A bar per partnership from its start to its end (or today, when it has not ended); a partnership
    ends when a party ceases to exist, even if no source says so."""
    dated = [p for p in partnerships if p.starts_on]
    if not dated:
        return None
    traces = []
    for index, kind in enumerate(dict.fromkeys(p.get_kind_display() for p in dated)):
        colour, _ = COUNCIL_STYLES[index % len(COUNCIL_STYLES)]
        rows = [p for p in dated if p.get_kind_display() == kind]
        ends = [p.ended_on or today for p in rows]
        traces.append(
            {
                "type": "bar",
                "base": [p.starts_on.isoformat() for p in rows],
                "x": [(end - p.starts_on).days * 86_400_000 for p, end in zip(rows, ends, strict=True)],
                "y": [escape(f"{p.supporting.name} → {p.supported.name}") for p in rows],
                "orientation": "h",
                "name": kind,
                "marker": {"color": colour},
                "customdata": [
                    escape(f"{p.supporting.name} supports {p.supported.name}: from {p.starts_label}, to {p.end_text}")
                    for p in rows
                ],
                "hovertemplate": "%{customdata}<extra></extra>",
            }
        )
    figure = _figure(
        traces,
        "Improvement partnerships over time",
        "",
        xaxis={
            **_axis(),
            "title": {"text": "Year (each bar runs from the partnership's start to its end)"},
            "type": "date",
            "tickformat": "%Y",
        },
        barmode="overlay",
        height=160 + 45 * len({(p.supporting_id, p.supported_id) for p in dated}),
    )
    figure["layout"]["yaxis"] = {**_axis(), "automargin": True, "autorange": "reversed"}
    return CompareChart(
        "partnerships",
        "Improvement partnerships over time",
        figure,
        f"Timeline of {len(dated)} improvement partnerships, one bar from start to end each. "
        "The same partnerships are in the table below.",
    )
