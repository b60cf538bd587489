"""metrics/charts.py's charts made for less, from what a page has worked out already (issue 20 point 4).

The same Chart, the same rows and the same Plotly figure as charts.metric_chart (tests hold them equal),
made without the work that function repeats: it finds every figure's direction of travel again, chart
by chart, though the page found them all once (metrics/direction.py, travel_in_series); it labels each
row's period ("1 April 2016 to 30 April 2016") afresh, though six monthly series share their 120 months;
and it reads each figure's source, to list the chart's sources once each, by making a FigureSource of
every figure, where a figure shown as its document says needs only its document. A project page of six
measures with ten years of monthly figures spent a third of its charts' time on these.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse

from metrics import charts
from metrics.charts import ACTUAL, BASELINE, TARGET, Chart, ChartRow, figure_dict
from metrics.direction import travel_in_series
from metrics.models import Reading
from metrics.provenance import FigureSource
from metrics.units import Direction, axis_title
from pipdash.dates import period_label

_ACTUAL, _BASELINE, _TARGET = Reading.Kind.ACTUAL.value, Reading.Kind.BASELINE.value, Reading.Kind.TARGET.value
_APPROVED = Reading.Status.APPROVED.value  # Figure.is_approved, without an enum look-up for each of 786 figures


@lru_cache(maxsize=8192)
def _period_label(start, end) -> str:
    # A pure function of two dates: the same months recur in every series of a page.
    return period_label(start, end)


def _period(figure) -> str:
    """charts._period: a financial or academic year as DfE labels it; blank for a figure as at one date."""
    start, end = figure.period_start, figure.period_end
    return _period_label(start, end) if start is not None and start != end else ""


def chart_rows(summary, travels: dict | None = None) -> list[ChartRow]:
    """charts.chart_rows(summary), each figure's travel taken from `travels` (by reading id) when given."""
    unit = summary.metric.unit
    if travels is None:
        travels = travel_in_series(summary.figures)
    valued, gaps, baselines, targets = [], [], [], []
    for figure in summary.figures:
        kind = figure.reading.kind
        if kind == _ACTUAL:
            (valued if figure.value is not None else gaps).append(figure)
        elif figure.value is not None and kind == _BASELINE:
            baselines.append(figure)
        elif figure.value is not None and kind == _TARGET:
            targets.append(figure)
    rows = []
    for f in sorted(valued + gaps, key=lambda f: f.on):
        reading = f.reading
        rows.append(
            ChartRow(
                ACTUAL,
                reading.period_end,
                f.value,
                unit,
                "" if f.status == _APPROVED else f.status_label,
                reading.qualifier,
                reading.missing_reason if f.value is None else "",
                _period(reading),
                travels.get(reading.pk),
            )  # fmt: skip
        )
    for f in sorted(baselines + targets, key=lambda f: f.on):
        reading = f.reading
        series = BASELINE if reading.kind == _BASELINE else TARGET
        travel = travels.get(reading.pk)
        rows.append(ChartRow(series, reading.period_end, f.value, unit, qualifier=reading.qualifier, travel=travel))
    return rows + charts.benchmark_rows(summary.benchmarks, unit)


def chart_sources(summary) -> tuple[FigureSource, ...]:
    """summary.sources (metrics/selectors.MetricSummary): every source of the figures and benchmarks once, in
    the order they appear. A figure with no origin of its own is shown as its reading's document says
    (Figure.source, FigureSource.of_reading), so its document is all that is read of it."""
    seen: dict = {}
    for document in summary.source_documents or []:
        seen.setdefault(("document", document.pk), FigureSource(document=document))
    for figure in summary.figures:
        if figure.origin is None:
            document = figure.reading.source_document
            if document is not None and ("document", document.pk) not in seen:
                seen[("document", document.pk)] = FigureSource(document=document)
            continue
        source = figure.origin
        if source.document is not None:
            seen.setdefault(("document", source.pk), FigureSource(document=source.document))
        elif source.is_entered:
            seen.setdefault(("entered", source.citation), source)
    for benchmark in summary.benchmarks:
        document = benchmark.source_document
        seen.setdefault(("document", document.pk), FigureSource(document=document))
    return tuple(seen.values())


def metric_chart(summary, *, council, travels: dict | None = None) -> Chart:
    """charts.metric_chart(summary, council=council), with each figure's travel from `travels` when given."""
    rows = chart_rows(summary, travels)
    began = getattr(council, "operational_from", None)
    if began is not None and any(row.series == ACTUAL and row.on < began for row in rows):
        # Figures from before the council existed are marked with the code they were published under: that is
        # charts.py's to say, so such a series (a recoded council's, rare) is charted there.
        return charts.metric_chart(summary, council=council)
    metric = summary.metric
    kwargs = {"gss_code": council.gss_code, "metric_slug": metric.slug}
    return Chart(
        slug=metric.slug,
        title=metric.name,
        figure=figure_dict(metric, rows),
        rows=rows,
        csv_url=reverse("chart-csv", kwargs=kwargs),
        data_url=reverse("chart-data", kwargs=kwargs),
        unit_label=axis_title(metric.unit, metric.name),
        rag=summary.rag,
        sources=chart_sources(summary),
        releases=tuple(getattr(summary, "releases", ())),
        judged=metric.direction != Direction.NEITHER,
    )
