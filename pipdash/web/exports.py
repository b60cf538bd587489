"""Downloads every page uses: any django-tables2 table as CSV or XLSX, rows as CSV, streamed CSV.

Spreadsheet programs run a cell that starts with =, +, - or @ as a formula, so text cells
that start that way get a leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils.text import slugify
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_PARAM = "_export"
TABLE_PARAM = "_table"


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def number(value: Decimal | None):
    """A Decimal as a plain number: 155, 7.3, 1207908 (no trailing zeros, no exponent)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


def attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def configure_tables(request, *tables) -> None:
    """Sorting from the query string; pages only for a table that may run to thousands of rows.

    A download is always every row the user may see, in the order shown, whatever the page.
    """
    for table in tables:
        per_page = getattr(table, "per_page", None)
        RequestConfig(request, paginate={"per_page": per_page} if per_page else False).configure(table)


def table_export_response(request, *tables) -> HttpResponse | None:
    """If the request asks for one of these tables as CSV or XLSX, the file of the rows shown (sorted as shown)."""
    export_format = request.GET.get(EXPORT_PARAM)
    wanted = request.GET.get(TABLE_PARAM)
    if export_format not in ("csv", "xlsx"):
        return None
    for table in tables:
        if table.export_key == wanted:
            return table_file(table, export_format)
    return None


def table_file(table, export_format: str) -> HttpResponse:
    rows = list(table.as_values())
    dataset = tablib.Dataset(title=(table.caption or "Data")[:31])
    dataset.headers = [str(h) for h in rows[0]]
    for row in rows[1:]:
        dataset.append([neutralise(cell) for cell in row])
    filename = f"{slugify(table.export_filename or table.export_key)}.{export_format}"
    return attachment(dataset.export(export_format), TableExport.FORMATS[export_format], filename)


def csv_response(header, rows, *, filename: str) -> HttpResponse:
    response = attachment("", "text/csv; charset=utf-8", filename)
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


class Echo:
    """A file-like object whose write returns the text, so csv.writer yields rows to a stream."""

    def write(self, value):
        return value
