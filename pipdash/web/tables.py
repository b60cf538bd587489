"""django-tables2 base pieces every page's tables use: GOV.UK markup, a caption and download key,
date and source columns.

Every table is sortable by its headers and downloadable as CSV or XLSX (pipdash/web/exports.py);
the prefix keeps several tables on one page from sharing sort parameters.
"""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html

from pipdash.dates import partial_date, partial_iso, uk_date

NUMERIC = {"th": {"class": "govuk-table__header--numeric"}, "td": {"class": "govuk-table__cell--numeric"}}


class GovukTable(tables.Table):
    """The base of every table: GOV.UK markup, a caption, a download key."""

    def __init__(self, data, *, caption: str, export_key: str, export_filename: str = "", **kwargs):
        self.caption = caption
        self.export_key = export_key
        self.export_filename = export_filename or export_key
        super().__init__(data, prefix=f"{export_key}-", **kwargs)

    class Meta:
        template_name = "tables/govuk_table.html"
        attrs = {"class": "govuk-table"}
        orderable = True


def _source(document) -> str:
    return document.citation if document else ""


class SourceColumn(tables.Column):
    """The document a row came from: its title, body and date, linked when it has an address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "Source")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def render(self, value):
        if value.url:
            return format_html('<a class="govuk-link" href="{}">{}</a>', value.url, value.citation)
        return value.citation

    def value(self, value):
        return _source(value)


TECHNICAL_DETAIL = (
    '{} <details class="govuk-details govuk-!-margin-bottom-0"><summary class="govuk-details__summary">'
    '<span class="govuk-details__summary-text">Technical detail</span></summary>'
    '<div class="govuk-details__text">{}</div></details>'
)


def cite(source):
    """A figure's source (metrics.provenance.FigureSource) as a page shows it, linked when it has an
    address; an official file's column and line are in a "Technical detail" element, not the citation."""
    if source.url:
        cited = format_html('<a class="govuk-link" href="{}">{}</a>', source.url, source.citation)
    else:
        cited = source.citation
    technical = getattr(source, "technical", "")
    return format_html(TECHNICAL_DETAIL, cited, technical) if technical else cited


class DateColumn(tables.Column):
    def render(self, value):
        return uk_date(value)

    def value(self, value):
        return value


class PartialDateColumn(tables.Column):
    """A date no more precise than its source gave it ("2016", "Autumn 2017"), its precision in
    the record's field `precision_field`; a download has "2016", "2017-10" or the full date."""

    def __init__(self, *args, precision_field: str, **kwargs):
        self.precision_field = precision_field
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        return partial_date(value, getattr(record, self.precision_field))

    def value(self, value, record):
        precision = getattr(record, self.precision_field)
        # A whole date stays a date (a date cell in a spreadsheet); a part of one is text.
        return value if precision == "day" else partial_iso(value, precision)
