"""Downloads of a council's figures: every figure it may see as CSV, one chart's data as CSV.

Text cells are neutralised against spreadsheet formulas (pipdash.web.exports.neutralise).
"""

from __future__ import annotations

import csv
import itertools

from django.http import HttpResponse, StreamingHttpResponse

from metrics.direction import TravelStream
from pipdash.web.exports import Echo, csv_response, neutralise, number

FIGURE_COLUMNS = [
    "council_gss",
    "workstream",
    "project",
    "metric",
    "unit",
    "kind",
    "qualifier",
    "value",
    "period_start",
    "period_end",
    "as_at",
    "source_document",
    "source_date",
    "missing_reason",  # why a figure has no value: a suppressed official figure is a gap, never a zero
    # Direction of travel against the previous comparable figure (metrics/direction.py).
    "previous_value",
    "change",
    "direction",
]


CHART_COLUMNS = [
    "series", "date", "value", "unit", "status", "qualifier", "missing_reason", "previous_value", "change", "direction",
]  # fmt: skip


def iso_or_blank(day) -> str:
    return day.isoformat() if day else ""


def figure_rows(figures, *, council):
    """One row per reading the user may see, in FIGURE_COLUMNS order; `figures` come in order of date
    within each measure, so each figure's travel is found among those already written."""
    travels = TravelStream()
    for figure in figures:
        travel = travels.next(figure)
        reading = figure.reading
        project = reading.project
        workstream = project.workstream.name if project else ""
        # Where the value came from: a document and the place in it, an import, or entry in pipdash.
        source = figure.source
        yield [
            council.gss_code,
            neutralise(workstream),
            neutralise(str(project) if project else ""),
            neutralise(figure.metric.name),
            figure.metric.unit,
            figure.kind,
            figure.qualifier,
            number(figure.value),
            iso_or_blank(reading.period_start),
            "" if reading.period_start is None else iso_or_blank(reading.period_end),
            iso_or_blank(reading.period_end) if reading.period_start is None else "",
            neutralise(source.name),
            source.iso_date,
            neutralise(reading.missing_reason) if figure.value is None else "",
            number(travel.previous_value) if travel is not None else "",
            number(travel.change) if travel is not None else "",
            travel.words if travel is not None else "",
        ]


def figures_csv_response(figures, *, council) -> StreamingHttpResponse:
    """Every figure as CSV, streamed row by row as `figures` (an iterator) yields them: the download
    grows with the data (1.2 MB at national scale), memory does not."""
    writer = csv.writer(Echo())
    rows = itertools.chain([FIGURE_COLUMNS], figure_rows(figures, council=council))
    response = StreamingHttpResponse((writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council.slug or council.gss_code}-figures.csv"'
    return response


def chart_csv_response(chart, *, council) -> HttpResponse:
    """Exactly the points drawn in one chart."""
    rows = (
        [
            neutralise(row.series),
            iso_or_blank(row.on),
            number(row.value),
            row.unit,
            neutralise(row.status),
            row.qualifier,
            neutralise(row.missing_reason),
            number(row.previous_value),
            number(row.change),
            row.direction,
        ]
        for row in chart.rows
    )
    # New columns come last so that the columns readers already use keep their places.
    return csv_response(
        CHART_COLUMNS,
        rows,
        filename=f"{council.gss_code}-{chart.slug}.csv",
    )
