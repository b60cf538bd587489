"""A NUL character in a cell is that cell's error on the preview, never a 500 when saving
(PostgreSQL cannot store NUL): wherever it is in the file, and in any column."""

import pytest

from metrics.models import ImportBatch, Reading
from tests.conftest import client_for
from tests.imports.conftest import csv_bytes, row
from tests.imports.test_import_views import _confirm_url, _post_file


@pytest.mark.parametrize("padding_rows", [0, 200])  # a NUL in the first 4 KB, and far past it
@pytest.mark.parametrize("column", ["note", "source", "metric", "value"])
def test_a_nul_in_a_cell_is_reported_on_its_row_and_column(manager, metrics, padding_rows, column):
    rows = [row(as_at=f"{1 + n % 28:02d}/0{1 + n // 28 % 9}/2018", value=str(100 + n)) for n in range(padding_rows)]
    bad = row(as_at="31/03/2019", value="500")
    bad[column] = bad[column] + "\x00x"
    client = client_for(manager)
    response = _post_file(client, csv_bytes([*rows, bad]))
    page = client.get(response["Location"])
    assert page.status_code == 200
    errors = [(e.row, e.column, e.message) for e in page.context["preview"].errors]
    assert (padding_rows + 2, column, "cell contains an invisible NUL character; retype the cell") in errors
    assert b"as a draft" not in page.content and b"as drafts" not in page.content
    refused = client.post(_confirm_url(ImportBatch.objects.get()), {"fingerprint": page.context["preview"].fingerprint})
    assert refused.status_code == 409
    assert not Reading.objects.exists()


def test_a_nul_in_the_file_name_is_dropped(manager, metrics):
    client = client_for(manager)
    client.get(_post_file(client, csv_bytes([row()]), name="fig\x00ures.csv")["Location"])
    assert ImportBatch.objects.get().file_name == "figures.csv"
