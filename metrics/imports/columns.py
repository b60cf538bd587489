"""The import's columns and limits, as data: the template, the reader and the checker all read them here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    example: str


COLUMNS = (
    Column("project", "The project as listed in the template; blank for a council-wide figure.", "1. Training"),
    Column("metric", "The metric's name, as listed in the template.", "Staff trained"),
    Column("kind", "actual, target or baseline.", "actual"),
    Column("value", "The figure: 155, 1,207,908, 7.3%, £9,600,000.", "155"),
    Column(
        "qualifier",
        "Blank for a figure stated exactly; else the source's word: over, under, about, close to, at least, up to.",
        "",
    ),
    Column("period_start", "First day of the period, or a financial year like 2018/19.", "01/04/2018"),
    Column("period_end", "Last day of the period, or a financial year like 2018/19.", "31/03/2019"),
    Column("as_at", "For a figure at one date instead of a period: that date.", "20/07/2018"),
    Column("source", "Where the figure comes from, e.g. the paper and page.", "Scrutiny report, July 2018, p. 4"),
    Column("note", "Anything a reader should know; explains an unusual figure.", ""),
    Column("unit", "For reference: the metric's unit. It cannot be changed here.", "Count"),
    Column("measure", "For reference: what kind of measure the metric is.", "Cumulative (running total to date)"),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
ALWAYS_REQUIRED = ("project", "metric", "kind", "value", "source", "note")
# Printed in the template so people see each metric's unit and kind; optional in an upload.
REFERENCE_ONLY = ("unit", "measure")
# A template row nobody filled in has nothing in these; it is skipped, and the preview says how many.
FILLED_IN = ("kind", "value", "qualifier", "period_start", "period_end", "as_at", "source", "note")
# A file states periods with period_start and period_end, or as_at dates, or may offer all three.
PERIOD_CHOICES = (("period_start", "period_end"), ("as_at",))

ROW_LIMIT = 20_000
# Blank rows and blank cells cost time to read too. Counted while reading, so a file is refused at
# the cap without being read past it: a sheet of figures is a few thousand rows of eleven columns.
MAX_RAW_ROWS = 5 * ROW_LIMIT
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000
# A real workbook of ROW_LIMIT rows unpacks to about 10 MB of XML (more with long notes); a zip bomb to gigabytes.
XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024
XLSX_MAX_RATIO = 200
XLSX_MAX_MEMBERS = 500
# How many rows of each kind the preview page lists; the counts always cover every row.
PREVIEW_ROWS_SHOWN = 500
PREVIEW_ERRORS_SHOWN = 1000
SOURCE_MAX_LENGTH = 200
DATA_SHEET_TITLE = "Figures"
LISTS_SHEET_TITLE = "Valid values"


def normalise_header(text) -> str:
    """'Period start', ' period_start ' and 'PERIOD-START' all name period_start."""
    return "_".join(str(text or "").strip().lower().replace("-", " ").replace("_", " ").split())
