"""A row with several problems reports all of them at once, each by row and column, and nothing is saved.

Someone fixing a spreadsheet should not have to upload it once per mistake.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metrics.imports.checking import check_sheet
from metrics.imports.files import read_upload
from metrics.imports.values import CellProblem, parse_period
from metrics.models import ImportBatch, Reading
from tests.conftest import client_for
from tests.imports.conftest import TODAY, csv_bytes, row

TURNOVER = {"metric": "Staff turnover", "project": "7. Workforce Development"}


def _errors(council, rows):
    sheet = read_upload(content=csv_bytes(rows), file_name="figures.csv")
    preview = check_sheet(sheet=sheet, council=council, file_name="figures.csv", today=TODAY)
    return [(error.row, error.column, error.message) for error in preview.errors]


def test_a_bad_date_and_a_percentage_over_100_in_one_row_are_both_reported(council, metrics):
    rows = [row(as_at=f"0{n}/01/2019", value=str(180 + n)) for n in range(1, 6)]
    rows.append(row(**TURNOVER, value="120%", as_at="31/02/2019"))
    assert _errors(council, rows) == [
        (7, "value", "A percentage must be between 0 and 100"),
        (7, "as_at", "‘31/02/2019’ is not a real date"),
    ]


def test_a_bad_kind_does_not_hide_a_bad_value_or_a_bad_date(council, metrics):
    assert _errors(council, [row(kind="forecast", value="lots", as_at="March 2019")]) == [
        (2, "kind", "‘forecast’ is not a kind of figure: use actual, target or baseline"),
        (2, "value", "‘lots’ is not a number"),
        (2, "as_at", "‘March 2019’ does not say which day; give a full date like 31 July 2018"),
    ]


def test_an_unreadable_value_does_not_hide_a_date_in_the_future(council, metrics):
    assert _errors(council, [row(value="1,20,000", as_at="31/12/2019")]) == [
        (2, "value", "‘1,20,000’ is not a number"),
        (2, "as_at", "An actual figure cannot be for a date in the future: enter it as a target, or change the date"),
    ]


def test_an_unknown_metric_does_not_hide_a_value_that_is_no_number_or_a_bad_period(council, metrics):
    assert _errors(council, [row(metric="Staff trainees", value="about 50", as_at="", period_start="01/13/2018",
                                 period_end="31/03/19")]) == [
        (2, "metric", "Lincolnshire has no metric called ‘Staff trainees’; use a name listed in the template"),
        (2, "value", "‘about 50’ is not a number"),
        (2, "period_start", "‘01/13/2018’ is not a real date"),
        (2, "period_end", "‘31/03/19’ has a two-digit year; write the year in full, like 20/07/2018"),
    ]


def test_an_unknown_project_does_not_hide_the_metrics_own_rules(council, metrics):
    assert _errors(council, [row(project="9. Nothing", metric="Staff turnover", value="150%")]) == [
        (2, "project", "Lincolnshire has no project called ‘9. Nothing’; use a name listed in the template"),
        (2, "value", "A percentage must be between 0 and 100"),
    ]


def test_an_unknown_project_and_an_unknown_metric_are_both_reported(council, metrics):
    assert _errors(council, [row(project="9. Nothing", metric="Staff trainees")]) == [
        (2, "project", "Lincolnshire has no project called ‘9. Nothing’; use a name listed in the template"),
        (2, "metric", "Lincolnshire has no metric called ‘Staff trainees’; use a name listed in the template"),
    ]


def test_missing_cells_are_each_named(council, metrics):
    assert _errors(council, [row(kind="", value="", as_at="", source="Paper")]) == [
        (2, "kind", "enter actual, target or baseline"),
        (2, "value", "enter the figure"),
        (2, "period_end", "give the period the figure covers (period_start and period_end) or an as_at date"),
    ]


def test_every_row_reports_every_error(council, metrics):
    rows = [
        row(),
        row(**TURNOVER, value="101%", as_at="2019-02-30"),
        row(kind="forecast", value="-5"),
        row(value="=A1", as_at="07/08/18"),
    ]
    assert [(number, column) for number, column, _ in _errors(council, rows)] == [
        (3, "value"), (3, "as_at"),
        (4, "kind"), (4, "value"),
        (5, "value"), (5, "as_at"),
    ]


@pytest.mark.parametrize(
    ("cells", "columns"),
    [
        ({"start": "01/04/18", "end": "31/13/2019"}, ["period_start", "period_end"]),
        ({"as_at": "2018/19", "end": "yesterday"}, ["as_at", "period_end", "as_at"]),
    ],
)
def test_a_period_reports_a_problem_in_each_of_its_columns(cells, columns):
    with pytest.raises(CellProblem) as caught:
        parse_period(start=cells.get("start"), end=cells.get("end"), as_at=cells.get("as_at"))
    assert [column for column, _ in caught.value.problems] == columns


def test_the_preview_page_lists_every_error_and_saving_is_refused(manager, council, metrics):
    client = client_for(manager)
    upload = reverse("import-upload", kwargs={"gss_code": council.gss_code})
    content = csv_bytes([row(), row(**TURNOVER, value="120%", as_at="31/02/2019")])
    page = client.get(client.post(upload, {"file": SimpleUploadedFile("figures.csv", content)})["Location"])
    text = page.content.decode()
    assert "1 row of the file has errors" in text
    assert "A percentage must be between 0 and 100" in text
    assert "‘31/02/2019’ is not a real date" in text
    assert "Save 1 figure as a draft" not in text
    batch = ImportBatch.objects.get()
    confirm = reverse("import-confirm", kwargs={"gss_code": council.gss_code, "batch_id": batch.pk})
    assert client.post(confirm, {"fingerprint": page.context["preview"].fingerprint}).status_code == 409
    assert not Reading.objects.exists()
