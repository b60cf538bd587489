"""Bad files get a clear message before any row is checked; good ones in any of Excel's encodings are read."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.imports.columns import ROW_LIMIT
from metrics.imports.files import ImportFileError, read_upload
from tests.imports.conftest import HEADER, csv_bytes, row, xlsx_bytes


def _refused(content, file_name="figures.csv"):
    with pytest.raises(ImportFileError) as caught:
        read_upload(content=content, file_name=file_name)
    return str(caught.value)


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b",,,,\r\n,,,\r\n"])
def test_an_empty_file_is_refused(content):
    assert "empty" in _refused(content)


def test_a_header_without_rows_is_refused():
    assert "no figures" in _refused(csv_bytes([]))


def test_a_pdf_is_not_a_spreadsheet():
    assert "must be a CSV or an Excel workbook" in _refused(b"%PDF-1.7\n...", "figures.pdf")


def test_binary_content_named_csv_is_refused():
    assert "not a CSV" in _refused(bytes(range(256)) * 4)


def test_an_old_xls_file_is_refused():
    message = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "figures.xls")
    assert "older Excel file (.xls)" in message


def test_text_named_xlsx_is_refused():
    assert "not an Excel workbook" in _refused(csv_bytes([row()]), "figures.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "zip archive, not an Excel workbook" in _refused(buffer.getvalue(), "figures.ods")


def test_a_damaged_zip_is_refused():
    assert "damaged" in _refused(xlsx_bytes([row()])[:2000], "figures.xlsx")


def test_a_zip_bomb_disguised_as_xlsx_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 100_000
    assert "unpacks to far more data" in _refused(content, "figures.xlsx")


def test_a_header_missing_a_column_is_refused():
    header = [name for name in HEADER if name != "value"]
    assert "missing column: value" in _refused(csv_bytes([row()], header=header))


def test_a_header_missing_both_ways_of_giving_a_period_is_refused():
    header = [name for name in HEADER if name not in ("as_at", "period_end")]
    assert "missing column: period_end" in _refused(csv_bytes([row()], header=header))


def test_as_at_alone_is_enough_for_the_period():
    header = [name for name in HEADER if name not in ("period_start", "period_end")]
    assert read_upload(content=csv_bytes([row()], header=header), file_name="f.csv").rows


def test_extra_columns_are_refused():
    message = _refused(csv_bytes([row()], header=[*HEADER, "comments"]))
    assert "columns pipdash does not know: ‘comments’" in message


def test_a_repeated_column_is_refused():
    assert "more than once" in _refused(csv_bytes([row()], header=[*HEADER, "note"]))


def test_a_row_limit_refuses_50000_rows_without_checking_them():
    content = csv_bytes([row()] * 50_000)
    assert f"more than {ROW_LIMIT:,} rows" in _refused(content)


def test_the_upload_size_limit_comes_from_settings(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    assert "larger than 1000" in _refused(csv_bytes([row()] * 20))


def test_windows_1252_csv_is_read():
    sheet = read_upload(content=csv_bytes([row(source="Budget £1m paper")], encoding="cp1252"), file_name="f.csv")
    assert sheet.rows[0].cells["source"].value == "Budget £1m paper"


def test_utf8_csv_with_a_byte_order_mark_is_read():
    sheet = read_upload(content=csv_bytes([row(note="café")], encoding="utf-8-sig"), file_name="f.csv")
    assert sheet.columns[0] == "project"
    assert sheet.rows[0].cells["note"].value == "café"


def test_utf16_csv_is_refused_with_how_to_save_it():
    message = _refused(csv_bytes([row()], encoding="utf-16"))
    assert "UTF-16" in message
    assert "CSV UTF-8" in message


def test_semicolon_separated_csv_is_read():
    content = csv_bytes([row()]).replace(b",", b";")
    assert read_upload(content=content, file_name="f.csv").rows[0].cells["value"].value == "180"


def test_headers_are_matched_loosely():
    header = [name.replace("_", " ").title() for name in HEADER]
    assert read_upload(content=csv_bytes([list(row().values())], header=header), file_name="f.csv").rows


def test_blank_rows_are_ignored_and_row_numbers_match_the_spreadsheet():
    content = csv_bytes([row(), [""] * len(HEADER), row(value="190")])
    sheet = read_upload(content=content, file_name="f.csv")
    assert [r.number for r in sheet.rows] == [2, 4]


def test_merged_cells_are_refused():
    content = xlsx_bytes([row(), row()], prepare=lambda sheet: sheet.merge_cells("A2:A3"))
    assert "merged cells (A2:A3)" in _refused(content, "figures.xlsx")


def test_formulas_are_marked_on_their_cell():
    def add_formula(sheet):
        sheet["D2"] = "=SUM(100,80)"

    sheet = read_upload(content=xlsx_bytes([row()], prepare=add_formula), file_name="figures.xlsx")
    assert sheet.rows[0].cells["value"].problem.startswith("cell contains a formula")


def test_formulas_in_csv_are_marked_too():
    sheet = read_upload(content=csv_bytes([row(value="=1+1")]), file_name="f.csv")
    assert sheet.rows[0].cells["value"].problem.startswith("cell contains a formula")


def test_xlsx_percent_cells_read_as_they_are_shown():
    def percent(sheet):
        sheet["D2"] = 0.073
        sheet["D2"].number_format = "0.0%"

    sheet = read_upload(content=xlsx_bytes([row()], prepare=percent), file_name="figures.xlsx")
    assert sheet.rows[0].cells["value"].value == "7.300%"


def test_values_beyond_the_header_are_kept_as_stray():
    content = csv_bytes([[*row().values(), "oops"]])
    assert read_upload(content=content, file_name="f.csv").rows[0].stray == ["K"]


def test_the_figures_sheet_is_read_even_when_it_is_not_first():
    def move(sheet):
        sheet.parent.move_sheet(sheet, offset=1)
        sheet.parent.create_sheet("Notes", 0)

    sheet = read_upload(content=xlsx_bytes([row()], prepare=move), file_name="figures.xlsx")
    assert sheet.rows[0].cells["metric"].value == "Staff trained"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["f.csv", "f.xlsx", "f.txt", "f"]))
def test_any_bytes_are_read_or_refused_with_a_message(content, file_name):
    try:
        read_upload(content=content, file_name=file_name)
    except ImportFileError as problem:
        assert str(problem)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_a_truncated_workbook_is_refused_with_a_message(cut):
    content = xlsx_bytes([row(), row()])
    try:
        read_upload(content=content[:cut] + content[cut + 50 :], file_name="f.xlsx")
    except ImportFileError as problem:
        assert str(problem)
