"""Turning an uploaded file into a header and rows of cells, or a plain reason why not.

The bytes decide the format, not the file name: a zip with a workbook inside is XLSX, text is
CSV. Anything else, and anything that would cost too much to open (a zip bomb, 50,000 rows),
is refused with `ImportFileError` before a single row is checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from metrics.imports.columns import (
    ALWAYS_REQUIRED,
    COLUMN_NAMES,
    DATA_SHEET_TITLE,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_RAW_ROWS,
    PERIOD_CHOICES,
    ROW_LIMIT,
    XLSX_MAX_MEMBERS,
    XLSX_MAX_RATIO,
    XLSX_MAX_UNPACKED_BYTES,
    normalise_header,
)

CSV, XLSX = "csv", "xlsx"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
FORMULA = "="
NUL = "\x00"
MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\"")
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
SAVE_AS = "Save it from your spreadsheet program as ‘CSV UTF-8’ or ‘Excel Workbook (.xlsx)’ and upload it again."


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class Cell:
    """A cell's value (text, number or date; None when blank) and what is wrong with it, if anything."""

    value: object = None
    problem: str = ""


@dataclass
class SheetRow:
    number: int  # as the spreadsheet numbers it: the header is row 1
    cells: dict[str, Cell]
    stray: list[str] = field(default_factory=list)  # values in columns that have no header


@dataclass
class Sheet:
    file_format: str
    columns: list[str]
    rows: list[SheetRow]


def read_upload(*, content: bytes, file_name: str, first_rows_only: bool = False) -> Sheet:
    """Read the uploaded bytes into a `Sheet`; raise `ImportFileError` for a file that cannot be imported.

    `first_rows_only` stops after the header and the first filled row: enough to refuse a file that
    is not a spreadsheet of figures when it is uploaded, without parsing a large workbook twice.
    """
    if upload_format(content=content, file_name=file_name) == XLSX:
        return _read_xlsx(content, first_rows_only)
    return _read_csv(content, first_rows_only)


def upload_format(*, content: bytes, file_name: str) -> str:
    """CSV or XLSX, after every check that costs no more than a pass over the bytes; or ImportFileError.

    A large workbook's upload request stops here: opening it with openpyxl is left to the task runner.
    """
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if limit and len(content) > limit:
        raise ImportFileError(f"The file is larger than {filesizeformat(limit)}. Split it into smaller files.")
    if not content.strip():
        raise ImportFileError("The file is empty. Fill in the template and upload it again.")
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if content.startswith(OLE_MAGIC):
        raise ImportFileError(
            "The file is an older Excel file (.xls) or is protected with a password. " + SAVE_AS
        )
    if content.startswith(ZIP_MAGIC):
        _refuse_oversized_sheets(_open_zip(content))
        return XLSX
    if extension == XLSX:
        raise ImportFileError("The file is named .xlsx but is not an Excel workbook. " + SAVE_AS)
    if extension not in (CSV, "txt", ""):
        raise ImportFileError("The file must be a CSV or an Excel workbook (.xlsx). " + SAVE_AS)
    return CSV


def _decode(content: bytes) -> str:
    # UTF-16 text is every other byte NUL; a stray NUL in a cell is that cell's problem, said by row.
    if content.startswith(UTF16_BOMS) or content[:4096].count(b"\x00") > len(content[:4096]) // 4:
        raise ImportFileError("The file is saved as ‘Unicode text’ (UTF-16), which pipdash does not read. " + SAVE_AS)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\x00" in content[:4096]:  # not UTF-8 and holding NULs: a binary file, not text
            raise ImportFileError("The file is not a CSV or an Excel workbook. " + SAVE_AS) from None
    try:
        # Excel on Windows saves plain "CSV" in Windows-1252: £ is byte 0xA3.
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file's text is in an encoding pipdash does not read (it reads UTF-8 and Windows-1252). " + SAVE_AS
        ) from None


def _read_csv(content: bytes, first_rows_only: bool) -> Sheet:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw_rows = capped_rows(enumerate(reader, start=1), first_rows_only)
    except csv.Error as exc:
        raise ImportFileError(f"The file could not be read as CSV ({exc}). " + SAVE_AS) from None
    return _sheet(CSV, raw_rows, _csv_cell)


def _csv_cell(value: str) -> Cell:
    text = value.strip()
    if not text:
        return Cell()
    if NUL in text:
        return _nul_cell(text)
    if text.startswith(FORMULA):
        return Cell(text, "cell contains a formula; type the value instead")
    return Cell(text)


def _nul_cell(text: str) -> Cell:
    # The database cannot store a NUL character, and no one means to type one: say so, keep the rest.
    return Cell(text.replace(NUL, ""), "cell contains an invisible NUL character; retype the cell")


def capped_rows(numbered_rows, first_rows_only: bool = False):
    """The filled rows, refusing a file past any of the caps (rows, columns, cells) as soon as it is."""
    kept = []
    cells = 0
    for number, row in numbered_rows:
        if len(row) > MAX_COLUMNS:
            raise ImportFileError(
                f"Row {number:,} has {len(row):,} columns; pipdash reads up to {MAX_COLUMNS:,} "
                f"(the template has {len(COLUMN_NAMES)}). Delete the columns to the right of the template's "
                "and upload the file again."
            )
        cells += len(row)
        if cells > MAX_CELLS:
            raise ImportFileError(
                f"The file has more than {MAX_CELLS:,} cells, counting blank ones. Delete the empty rows "
                "and columns around the figures, or split the file, and upload each part."
            )
        if not any(_filled(value) for value in row):
            if number > MAX_RAW_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_RAW_ROWS:,} rows, counting blank ones. Delete the empty "
                    "rows below the figures and upload the file again."
                )
            continue
        kept.append((number, row))
        if first_rows_only and len(kept) == 2:
            break
        if len(kept) > ROW_LIMIT + 1:  # + the header
            raise ImportFileError(
                f"The file has more than {ROW_LIMIT:,} rows of figures. "
                f"Split it into files of up to {ROW_LIMIT:,} rows and upload each."
            )
    return kept


def _filled(value) -> bool:
    if value is None:
        return False
    cell_value = getattr(value, "value", value)
    return cell_value is not None and str(cell_value).strip() != ""


def _sheet(file_format: str, raw_rows, to_cell) -> Sheet:
    rows = raw_rows
    if not rows:
        raise ImportFileError("The file is empty. Fill in the template and upload it again.")
    header_number, header_row = rows[0]
    if header_number != 1:
        raise ImportFileError("The first row must be the header row of the template (project, metric, kind, ...).")
    columns = _columns([to_cell(value).value for value in header_row])
    sheet_rows = []
    for number, row in rows[1:]:
        cells = {}
        stray = []
        for position, value in enumerate(row):
            name = columns[position] if position < len(columns) else None
            cell = to_cell(value)
            if name:
                cells[name] = cell
            elif cell.value is not None:
                stray.append(_column_letter(position))
        sheet_rows.append(SheetRow(number=number, cells=cells, stray=stray))
    if not sheet_rows:
        raise ImportFileError("The file has a header row but no figures below it.")
    return Sheet(file_format=file_format, columns=[c for c in columns if c], rows=sheet_rows)


def _columns(header: list) -> list[str | None]:
    names = [normalise_header(value) or None for value in header]
    while names and names[-1] is None:
        names.pop()
    present = [name for name in names if name]
    unknown = [name for name in present if name not in COLUMN_NAMES]
    if unknown:
        listed = ", ".join(f"‘{name}’" for name in unknown)
        raise ImportFileError(
            f"The header has columns pipdash does not know: {listed}. "
            f"Use the template's columns: {', '.join(COLUMN_NAMES)}."
        )
    if None in names:
        raise ImportFileError(
            f"Column {_column_letter(names.index(None))} has no header. Every column needs one of: "
            f"{', '.join(COLUMN_NAMES)}."
        )
    repeated = sorted({name for name in present if present.count(name) > 1})
    if repeated:
        raise ImportFileError(f"The header names {', '.join(repeated)} more than once.")
    missing = [name for name in ALWAYS_REQUIRED if name not in present]
    if not any(all(name in present for name in choice) for choice in PERIOD_CHOICES):
        missing += [name for name in PERIOD_CHOICES[0] if name not in present]
    if missing:
        raise ImportFileError(
            f"The header is missing {_plural('column', missing)}: {', '.join(missing)}. "
            "Download the template to see every column."
        )
    return names


def _plural(word: str, items: list) -> str:
    return word if len(items) == 1 else word + "s"


def _column_letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)


def _read_xlsx(content: bytes, first_rows_only: bool) -> Sheet:
    archive = _open_zip(content)  # checked by upload_format already; opening it again costs no reading
    try:
        import openpyxl

        # read_only streams the sheet; data_only=False keeps formulas visible so they can be refused.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of error for a damaged file
        raise ImportFileError("The workbook could not be opened: it may be damaged. " + SAVE_AS) from None
    try:
        worksheet = _data_sheet(workbook)
        _refuse_merged_cells(archive, worksheet)
        worksheet.reset_dimensions()  # trust the rows present, not a stated size
        try:
            raw_rows = capped_rows(enumerate(worksheet.iter_rows(), start=1), first_rows_only)
        except ImportFileError:
            raise
        except Exception:  # noqa: BLE001
            raise ImportFileError("The workbook could not be read: it may be damaged. " + SAVE_AS) from None
        return _sheet(XLSX, raw_rows, _xlsx_cell)
    finally:
        workbook.close()


def _open_zip(content: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError("The file is damaged or is not an Excel workbook. " + SAVE_AS) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise ImportFileError("The file is a zip archive, not an Excel workbook (.xlsx). " + SAVE_AS)
    unpacked = sum(member.file_size for member in members)
    too_packed = any(
        member.file_size > 1024 * 1024 and member.file_size > XLSX_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > XLSX_MAX_MEMBERS or unpacked > XLSX_MAX_UNPACKED_BYTES or too_packed:
        raise ImportFileError(
            "The workbook unpacks to far more data than a sheet of figures needs, so pipdash will not open it. "
            + SAVE_AS
        )
    return archive


def _refuse_oversized_sheets(archive: zipfile.ZipFile) -> None:
    try:
        _count_sheet_tags(archive)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise ImportFileError("The workbook could not be opened: it may be damaged. " + SAVE_AS) from None


def _count_sheet_tags(archive: zipfile.ZipFile) -> None:
    """Count each sheet's rows and cells in its XML, at the speed of a byte search, before openpyxl parses it.

    openpyxl reads every sheet whole when it opens a workbook whose sheets state no size (it looks
    for the size until the end of the rows), so a million blank rows would cost seconds before the
    reader's own caps could stop anything.
    """
    for member in archive.infolist():
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        rows = cells = 0
        carried = b""
        with archive.open(member) as source:
            while chunk := source.read(1024 * 1024):
                window = carried + chunk
                cut = window.rfind(b"<")  # a tag cut in two is counted with the next chunk
                whole, carried = (window[:cut], window[cut:]) if cut > 0 else (window, b"")
                rows += len(ROW_TAG.findall(whole))
                cells += len(CELL_TAG.findall(whole))
                if rows > MAX_RAW_ROWS or cells > MAX_CELLS:
                    raise ImportFileError(
                        f"A sheet of the workbook has more than {MAX_RAW_ROWS:,} rows or {MAX_CELLS:,} cells, "
                        "counting blank ones. Delete the empty rows and columns around the figures, or split "
                        "the file, and upload each part."
                    )


def _data_sheet(workbook):
    if DATA_SHEET_TITLE in workbook.sheetnames:
        return workbook[DATA_SHEET_TITLE]
    visible = [sheet for sheet in workbook.worksheets if getattr(sheet, "sheet_state", "visible") == "visible"]
    if not visible:
        raise ImportFileError("The workbook has no visible sheet of figures.")
    return visible[0]


def _refuse_merged_cells(archive: zipfile.ZipFile, worksheet) -> None:
    """openpyxl's read-only mode does not report merged cells, so look for them in the sheet's XML."""
    # _worksheet_path is the part name openpyxl resolved from the workbook's relationships.
    path = getattr(worksheet, "_worksheet_path", None)
    if not path:
        return
    found = []
    tail = b""
    with archive.open(path.lstrip("/")) as source:
        while chunk := source.read(1024 * 1024):
            window = tail + chunk
            found += [ref.decode() for ref in MERGE_CELL.findall(window)]
            tail = window[-200:]
            if found:
                break
    if found:
        raise ImportFileError(
            f"The sheet has merged cells ({', '.join(sorted(set(found))[:5])}). "
            "Unmerge them so each figure has its own row, and upload again."
        )


def _xlsx_cell(cell) -> Cell:
    value = getattr(cell, "value", None)
    if value is None or (isinstance(value, str) and not value.strip()):
        return Cell()
    data_type = getattr(cell, "data_type", None)
    if data_type == "f" or (isinstance(value, str) and value.startswith(FORMULA)):
        return Cell(str(value), "cell contains a formula; copy it and paste the value only")
    if data_type == "e":
        return Cell(str(value), f"cell shows a spreadsheet error ({value})")
    if isinstance(value, str):
        return _nul_cell(value.strip()) if NUL in value else Cell(value.strip())
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if "%" in (getattr(cell, "number_format", "") or ""):
            # A cell formatted as 7.3% holds 0.073: give the checker the figure as it is seen.
            return Cell(f"{Decimal(repr(value)) * 100}%")
        return Cell(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return Cell(value)
    return Cell(str(value))
