"""The template a council downloads: one row per metric of its projects, ready to fill in.

The CSV is UTF-8 with a byte order mark so that Excel shows £ correctly. The XLSX adds
drop-down lists for project, metric, kind and qualifier, read from a hidden sheet of valid values.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from metrics.imports.columns import COLUMN_NAMES, COLUMNS, DATA_SHEET_TITLE, LISTS_SHEET_TITLE
from metrics.imports.lookups import importable_metrics, importable_projects, project_label
from metrics.models import Reading
from metrics.units import MeasureKind, Qualifier, Unit

# Rows below the listed metrics that still offer the drop-down lists, for more periods.
SPARE_ROWS = 1000
DATE_COLUMNS = ("period_start", "period_end", "as_at")
WIDTHS = {"project": 36, "metric": 60, "kind": 12, "value": 14, "source": 40, "note": 40, "measure": 34}


def template_rows(*, council) -> list[dict[str, str]]:
    """One row per metric the council imports figures for, with the columns to fill left blank."""
    rows = []
    for metric in importable_metrics(council=council):
        row = dict.fromkeys(COLUMN_NAMES, "")
        row.update(
            project=project_label(metric.project) if metric.project else "",
            metric=metric.name,
            unit=Unit(metric.unit).label,
            measure=MeasureKind(metric.kind).label,
        )
        rows.append(row)
    return rows


def template_csv(*, council) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(template_rows(council=council))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(*, council) -> bytes:
    rows = template_rows(council=council)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET_TITLE
    sheet.append(list(COLUMN_NAMES))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[name] or None for name in COLUMN_NAMES])
        _as_text(sheet[sheet.max_row])
    sheet.freeze_panes = "A2"
    for position, name in enumerate(COLUMN_NAMES, start=1):
        dimension = sheet.column_dimensions[get_column_letter(position)]
        dimension.width = WIDTHS.get(name, 16)
        if name in DATE_COLUMNS:
            dimension.number_format = "dd/mm/yyyy"

    lists = workbook.create_sheet(LISTS_SHEET_TITLE)
    lists.sheet_state = "hidden"
    valid = {
        "project": [project_label(p) for p in importable_projects(council=council)],
        "metric": sorted({row["metric"] for row in rows}),
        "kind": list(Reading.Kind.values),
        "qualifier": [value for value in Qualifier.values if value],
    }
    last_row = len(rows) + SPARE_ROWS + 1
    for list_column, (name, values) in enumerate(valid.items(), start=1):
        lists.cell(row=1, column=list_column, value=name)
        for list_row, value in enumerate(values, start=2):
            _as_text([lists.cell(row=list_row, column=list_column, value=value)])
        if not values:
            continue
        letter = get_column_letter(list_column)
        validation = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(LISTS_SHEET_TITLE)}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"Not a {name} pipdash knows",
            error=f"Choose a {name} from the list.",
        )
        sheet.add_data_validation(validation)
        target = get_column_letter(COLUMN_NAMES.index(name) + 1)
        validation.add(f"{target}2:{target}{last_row}")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_guide():
    """The columns and what goes in each, for the upload page."""
    return COLUMNS


def _as_text(cells) -> None:
    """openpyxl stores a string starting with "=" as a formula; names are data, never formulas."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
