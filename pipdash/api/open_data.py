"""Open data: every approved figure of a measure, of a council, or of all of England, as CSV in the
shape of DfE's Explore Education Statistics tidy-data files, with a metadata file like theirs
(col_name, col_type, label, ...), so the same tools read both.

- `/open-data/<subject>/<key>/latest.csv`: the figures as approved now (a stable address);
- `/open-data/<subject>/<key>/YYYY-MM-DD.csv`: as they were published at the end of that day;
- `/open-data/<subject>/<key>/meta.csv`: what each column is.

Only approved figures, as published, whoever asks (a council's own drafts never appear), so every
signed-in user or token gets the same file. Streamed row by row: memory stays flat at national scale.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from metrics.models import Metric
from metrics.selectors import figures_from, iter_figures
from metrics.units import Unit
from metrics.visibility import approved_as_at, visible_readings
from pipdash.api.base import ApiViewMixin
from pipdash.web.exports import Echo, neutralise, number
from programmes.access import Access
from programmes.models import Council

ENGLAND = ("E92000001", "England")
# Nobody's drafts: open data is what every reader sees.
PUBLIC = Access(user_id=None)

COLUMNS = [
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
    "region_name", "old_la_code", "new_la_code", "la_name", "measure", "measure_name", "unit", "kind", "project",
    "period_start", "period_end", "qualifier", "value", "source", "source_date",
]  # fmt: skip

# The metadata file: EES's columns, one row per filter and indicator (geography and time are not listed).
META_COLUMNS = [
    "col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint",
    "filter_grouping_column",
]  # fmt: skip
FILTERS = [
    ("measure", "Measure", "The measure's slug: its definition is at /api/v1/measures/<slug>/"),
    ("measure_name", "Measure name", "The measure's name"),
    ("unit", "Unit", "count, percent, pp, percent_change, gbp, number, per_10k or days"),
    ("kind", "Kind of figure", "actual, target or baseline"),
    ("project", "Project", "The council's project the figure belongs to, blank for the whole council"),
    ("period_start", "Period start", "First day of the period (YYYY-MM-DD); blank for a figure as at one date"),
    ("period_end", "Period end", "Last day of the period, or the 'as at' date (YYYY-MM-DD)"),
    ("qualifier", "Qualifier", "As the source states it: over, under, about, close to, at least; blank if exact"),
    ("source", "Source", "The document the figure was published in"),
    ("source_date", "Source date", "When that document was published"),
]
UNIT_SYMBOLS = {Unit.PERCENT: "%", Unit.GBP: "£"}


def _subject(subject: str, key: str):
    """(readings of the subject, file name stem, the one measure when there is one)."""
    if subject == "measures":
        metric = get_object_or_404(Metric, slug=key)
        return {"metric": metric}, f"pipdash-{metric.slug}", metric
    if subject == "councils":
        council = get_object_or_404(Council, gss_code=key)
        return {"council": council}, f"pipdash-{council.gss_code}", None
    if subject == "all" and key == "england":
        return {}, "pipdash-england", None
    raise Http404("Open data is by measure, by council, or all/england.")


def _readings(subject, key):
    filters, stem, metric = _subject(subject, key)
    readings = visible_readings(access=PUBLIC, councils=None).filter(**filters)
    return readings.order_by("council_id", "metric_id", "published_period_end", "published_kind", "id"), stem, metric


def _time(reading):
    """EES's time_period and time_identifier for a figure's period."""
    if reading.period_start is None:
        return reading.period_end.isoformat(), "As at date"
    return f"{reading.period_start.isoformat()}/{reading.period_end.isoformat()}", "Period"


def _rows(figures, councils):
    for figure in figures:
        reading = figure.reading
        council = councils[reading.council_id]
        region = council.region
        time_period, time_identifier = _time(reading)
        source = figure.source
        # As EES does, a figure withheld by its source has its reason code ("c", "x") in the value column.
        value = number(figure.value) if figure.value is not None else neutralise(reading.missing_reason)
        yield [
            time_period, time_identifier, "Local authority", *ENGLAND, region.gss_code, neutralise(region.name),
            council.dfe_number, council.gss_code, neutralise(council.name), reading.metric.slug,
            neutralise(reading.metric.name), reading.metric.unit, figure.kind,
            neutralise(reading.project.name if reading.project else ""),
            reading.period_start.isoformat() if reading.period_start else "", reading.period_end.isoformat(),
            figure.qualifier, value, neutralise(source.name), source.iso_date,
        ]  # fmt: skip


def _stream(figures, filename):
    councils = Council.objects.select_related("region").in_bulk()
    writer = csv.writer(Echo())
    rows = itertools.chain([COLUMNS], _rows(figures, councils))
    response = StreamingHttpResponse((writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class OpenDataView(ApiViewMixin, APIView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return self.download(**kwargs)


class LatestCsv(OpenDataView):
    """Every approved figure as it stands now."""

    def download(self, subject, key):
        readings, stem, _ = _readings(subject, key)
        return _stream(iter_figures(readings, access=PUBLIC), f"{stem}-latest.csv")


class DatedCsv(OpenDataView):
    """Every approved figure as readers saw it at the end of one day (Europe/London), up to today."""

    def download(self, subject, key, day):
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            raise Http404("The snapshot's date is YYYY-MM-DD.") from None
        if date > timezone.localdate():
            raise Http404("No snapshot of a day still to come.")
        end = timezone.make_aware(dt.datetime.combine(date, dt.time.max))
        readings, stem, _ = _readings(subject, key)
        unchanged, earlier = approved_as_at(readings, end)
        figures = itertools.chain(
            iter_figures(unchanged, access=PUBLIC), figures_from(earlier, access=PUBLIC) if earlier else []
        )
        return _stream(figures, f"{stem}-{date.isoformat()}.csv")


class MetaCsv(OpenDataView):
    """What each column of the data files is, in EES's metadata shape."""

    def download(self, subject, key):
        _, stem, metric = _subject(subject, key)
        if metric is not None:
            label = f"{metric.name} ({metric.get_unit_display()})"
            unit = UNIT_SYMBOLS.get(metric.unit, "")
            places = "0" if metric.unit in (Unit.COUNT,) else ""
        else:
            label, unit, places = "Value, in the row's unit", "", ""
        rows = [[name, "Filter", label_, "", "", "", hint, ""] for name, label_, hint in FILTERS]
        rows.append(["value", "Indicator", label, "", unit, places, "", ""])
        writer = csv.writer(Echo())
        lines = (writer.writerow(row) for row in itertools.chain([META_COLUMNS], rows))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.meta.csv"'
        return response


def index(request):
    """The open-data page: what the files are and where, for every measure."""
    measures = Metric.objects.filter(council__isnull=True).order_by("name").only("name", "slug")
    return render(request, "api/open_data.html", {"measures": measures})
