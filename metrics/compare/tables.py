"""Tables for the compare page and the partnerships view: sortable, with CSV and XLSX downloads."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from metrics.units import export_number, format_value
from pipdash.dates import period_label
from pipdash.web.tables import NUMERIC, GovukTable, SourceColumn


class ComparisonTable(GovukTable):
    council = tables.Column("Council", accessor="council__name")
    region = tables.Column("Region", accessor="council__region__name")
    period = tables.Column("Period", accessor="period_end", orderable=False)
    value = tables.Column("Value", attrs=NUMERIC, empty_values=())
    rank = tables.Column("Rank", attrs=NUMERIC)
    quartile = tables.Column("Quartile", attrs=NUMERIC)
    change = tables.Column("Change since the previous period", attrs=NUMERIC)
    rag = tables.Column("Against England and region", accessor="rag", orderable=False)

    def __init__(self, data, *, comparison, **kwargs):
        self.comparison = comparison
        self.ranked_count = len(comparison.ranking)
        super().__init__(data, **kwargs)

    def render_council(self, value, record):
        # One reverse() for the table, not one per row (153 rows).
        if not hasattr(self, "_council_url"):
            self._council_url = reverse("council-detail", kwargs={"gss_code": "CODE"})
        url = self._council_url.replace("CODE", record.council.gss_code)
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, record.council)

    def value_council(self, value, record):
        return str(record.council)

    def render_period(self, value, record):
        return period_label(record.period_start, record.period_end)

    def render_value(self, value, record):
        if value is None:
            return format_html('<span class="app-muted">No figure: {}</span>', record.reason or "not published")
        return self.comparison.format(value)

    def value_value(self, value, record):
        return export_number(value) if value is not None else record.reason

    def value_period(self, value, record):
        return period_label(record.period_start, record.period_end)

    def value_rank(self, value):
        return value

    def value_quartile(self, value):
        return value

    def render_rank(self, value):
        return f"{value} of {self.ranked_count}"

    def render_quartile(self, value):
        return f"Q{value}"

    def render_change(self, value, record):
        text = format_value(value, self.comparison.change_unit)
        return f"+{text}" if value > 0 else text

    def value_change(self, value):
        return export_number(value)

    def render_rag(self, value):
        if value is None:
            return "No figure to compare"
        return format_html(
            '<strong class="app-rag app-rag--{}">{}</strong> {}', value.status, value.word, capfirst(value.reason)
        )

    def value_rag(self, value):
        return value.sentence if value else ""


class TrendTable(GovukTable):
    """The trend chart's figures, a row a period and a column a line drawn (councils, England, the statistical
    neighbours' median, regions), so a reader compares them at each date as the chart does; a gap says why."""

    period = tables.Column("Period", orderable=False)
    per_page = 40  # monthly figures over ten years are 120 rows: paged, and downloaded whole

    def __init__(self, lines, *, comparison, **kwargs):
        self.comparison = comparison
        columns = [(f"line{i}", TrendValueColumn(line.name, comparison)) for i, line in enumerate(lines)]
        rows = [
            {"period": period_label(*period), **{f"line{i}": line.points.get(period) for i, line in enumerate(lines)}}
            for period in comparison.periods
        ]
        super().__init__(rows, extra_columns=columns, orderable=False, **kwargs)


class TrendValueColumn(tables.Column):
    """One line's figure at a period: the value as the page writes it, or 'No figure: reason'."""

    def __init__(self, name, comparison):
        self.comparison = comparison
        super().__init__(name, attrs=NUMERIC, empty_values=(), orderable=False)

    def render(self, value):
        # No row at all is simply no figure; a gap the source explained says its reason ("c (confidential)").
        if value is None:
            return format_html('<span class="app-muted">{}</span>', "No figure")
        if value.value is None:
            return format_html('<span class="app-muted">No figure: {}</span>', value.reason)
        shown = self.comparison.format(value.value)
        return format_html('{} <span class="app-muted">(median {})</span>', shown, value.note) if value.note else shown

    def value(self, value):
        if value is None:
            return ""
        return value.reason if value.value is None else export_number(value.value)


class PartnershipTable(GovukTable):
    supporting = tables.Column("Supporting council", accessor="supporting__name")
    supported = tables.Column("Supported council", accessor="supported__name")
    kind = tables.Column("Kind", accessor="get_kind_display", order_by="kind")
    starts_label = tables.Column("From", order_by="starts_on")
    end_text = tables.Column("To", order_by="ends_on", empty_values=())
    programme = tables.Column("Programme", accessor="programme__name", default="")
    description = tables.Column("What", orderable=False, default="")
    source_document = SourceColumn()

    def render_supporting(self, value, record):
        return format_html('<a class="govuk-link" href="{}">{}</a>', record.supporting.get_absolute_url(), value)

    def render_supported(self, value, record):
        return format_html('<a class="govuk-link" href="{}">{}</a>', record.supported.get_absolute_url(), value)

    def value_supporting(self, value):
        return value

    def value_supported(self, value):
        return value
