"""Reading a file stops at the first cap it passes (columns, cells, blank rows): the cost is bounded
by the caps, not by the file. Each cap is proven by counting the rows the reader asked for."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from metrics.imports.columns import MAX_CELLS, MAX_COLUMNS, MAX_RAW_ROWS
from metrics.imports.files import ImportFileError, capped_rows, read_upload
from metrics.models import ImportBatch, Reading
from tests.conftest import client_for
from tests.imports.conftest import HEADER, csv_bytes, row, xlsx_bytes
from tests.imports.test_import_views import UPLOAD, _post_file


class CountedRows:
    """Rows handed to the reader one at a time, counting how many it took."""

    def __init__(self, rows):
        self.rows = rows
        self.taken = 0

    def __iter__(self):
        for number, values in enumerate(self.rows, start=1):
            self.taken += 1
            yield number, values


def _endless(values):
    while True:
        yield values


def test_a_row_wider_than_the_column_cap_stops_the_reading_at_that_row():
    rows = CountedRows(_endless(["x"] * (MAX_COLUMNS + 1)))
    with pytest.raises(ImportFileError, match=f"Row 1 has {MAX_COLUMNS + 1:,} columns"):
        capped_rows(rows)
    assert rows.taken == 1


def test_the_cell_cap_counts_blank_cells_and_stops_once_passed():
    width = MAX_COLUMNS
    rows = CountedRows(_endless([""] * width))
    with pytest.raises(ImportFileError, match=f"more than {MAX_CELLS:,} cells"):
        capped_rows(rows)
    assert rows.taken == MAX_CELLS // width + 1


def test_blank_rows_stop_the_reading_at_the_blank_row_cap():
    rows = CountedRows(_endless([]))
    with pytest.raises(ImportFileError, match=f"more than {MAX_RAW_ROWS:,} rows, counting blank ones"):
        capped_rows(rows)
    assert rows.taken == MAX_RAW_ROWS + 1


def test_a_csv_row_of_18279_columns_is_a_message_not_a_500(manager, metrics):
    wide = ",".join(["1"] * 18_279)
    content = csv_bytes([row()]) + wide.encode() + b"\r\n"
    client = client_for(manager)
    response = _post_file(client, content)
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert "Row 3 has 18,279 columns" in page.context["file_error"]
    assert not ImportBatch.objects.exists() and not Reading.objects.exists()


def test_a_first_row_too_wide_is_refused_on_upload(manager, metrics):
    response = _post_file(client_for(manager), ",".join(HEADER).encode() + b"\r\n" + b"," * 20_000)
    assert response.status_code == 400
    assert "Row 2 has 20,001 columns" in response.context["form"].errors["file"][0]


def test_a_workbook_with_a_figure_far_below_a_million_blank_rows_is_refused():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Figures"
    sheet.append(HEADER)
    sheet.cell(row=1_000_000, column=1, value="1. Signs of Safety")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError, match="counting blank ones"):
        read_upload(content=buffer.getvalue(), file_name="figures.xlsx")


def test_the_upload_page_still_answers_after_a_refused_file(manager, metrics):
    assert client_for(manager).get(UPLOAD).status_code == 200


def test_a_workbook_of_a_million_formatted_blank_rows_is_refused_before_openpyxl_reads_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        rows = "".join(f'<row r="{n}"><c r="A{n}" s="1"/></row>' for n in range(1, 1_000_001))
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{rows}</sheetData></worksheet>")
    with pytest.raises(ImportFileError, match=f"more than {MAX_RAW_ROWS:,} rows or {MAX_CELLS:,} cells"):
        read_upload(content=buffer.getvalue(), file_name="figures.xlsx")


def test_a_workbook_cell_beyond_column_zzz_is_a_message_not_a_500():
    workbook = zipfile.ZipFile(io.BytesIO(xlsx_bytes([row()])))
    sheet = next(name for name in workbook.namelist() if name.startswith("xl/worksheets/sheet"))
    xml = workbook.read(sheet).decode()
    xml = xml.replace("</row></sheetData>", '<c r="AAAA2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    assert "AAAA2" in xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in workbook.namelist():
            target.writestr(name, xml if name == sheet else workbook.read(name))
    with pytest.raises(ImportFileError):
        read_upload(content=buffer.getvalue(), file_name="figures.xlsx")
