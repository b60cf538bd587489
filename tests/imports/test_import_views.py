"""The import pages through the test client: who may use them, and what each step shows."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from metrics.imports.columns import COLUMN_NAMES
from metrics.models import ImportBatch, Reading
from tests.conftest import client_for
from tests.imports.conftest import csv_bytes, row

GSS = "E10000019"
UPLOAD = reverse("import-upload", kwargs={"gss_code": GSS})
TEMPLATE_CSV = reverse("import-template", kwargs={"gss_code": GSS, "file_format": "csv"})
TEMPLATE_XLSX = reverse("import-template", kwargs={"gss_code": GSS, "file_format": "xlsx"})


def _post_file(client, content, name="figures.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def _preview_url(batch):
    return reverse("import-preview", kwargs={"gss_code": GSS, "batch_id": batch.pk})


def _confirm_url(batch):
    return reverse("import-confirm", kwargs={"gss_code": GSS, "batch_id": batch.pk})


@pytest.mark.parametrize("persona", ["approver", "scrutiny", "other-manager", "adviser", "admin-user"], indirect=True)
@pytest.mark.parametrize("url", [UPLOAD, TEMPLATE_CSV, TEMPLATE_XLSX])
def test_only_the_councils_own_managers_may_import(persona, url, metrics):
    assert client_for(persona).get(url).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(council):
    response = client_for(None).get(UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_councils_manager_cannot_upload_or_confirm(other_manager, manager, council, metrics):
    batch = ImportBatch.objects.create(user=manager, council=council, file_name="f.csv", file_format="csv",
                                       content=csv_bytes([row()]), sha256="x")
    client = client_for(other_manager)
    assert _post_file(client, csv_bytes([row()])).status_code == 403
    assert client.get(_preview_url(batch)).status_code == 403
    assert client.post(_confirm_url(batch), {"fingerprint": "x"}).status_code == 403
    assert not Reading.objects.exists()


def test_a_manager_cannot_see_or_confirm_a_colleagues_upload(manager, council, metrics):
    from tests.factories import MembershipFactory, UserFactory

    colleague = UserFactory(username="colleague")
    MembershipFactory(user=colleague, council=council)
    batch = ImportBatch.objects.create(user=colleague, council=council, file_name="f.csv", file_format="csv",
                                       content=csv_bytes([row()]), sha256="x")
    client = client_for(manager)
    assert client.get(_preview_url(batch)).status_code == 404
    assert client.post(_confirm_url(batch), {"fingerprint": "x"}).status_code == 404


def test_an_unknown_council_is_not_found(manager):
    assert client_for(manager).get(reverse("import-upload", kwargs={"gss_code": "E99999999"})).status_code == 404


def test_wrong_methods_are_refused(manager, council, metrics):
    client = client_for(manager)
    assert client.post(TEMPLATE_CSV).status_code == 405
    assert client.put(UPLOAD).status_code == 405
    batch = ImportBatch.objects.create(user=manager, council=council, file_name="f.csv", file_format="csv",
                                       content=csv_bytes([row()]), sha256="x")
    assert client.get(_confirm_url(batch)).status_code == 405


def test_the_upload_page_offers_both_templates(manager, metrics):
    response = client_for(manager).get(UPLOAD)
    assert response.status_code == 200
    assert response.context["metric_count"] == 3
    assert [column.name for column in response.context["columns"]] == list(COLUMN_NAMES)


def test_the_csv_template_lists_the_councils_metrics_with_unit_and_kind(manager, metrics):
    response = client_for(manager).get(TEMPLATE_CSV)
    assert response["Content-Disposition"] == 'attachment; filename="pipdash-lincolnshire-figures.csv"'
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(COLUMN_NAMES)
    assert lines[1:] == [
        ",Funding received,,,,,,,,,Pounds (£),Money",
        "1. Signs of Safety,Staff trained,,,,,,,,,Count,Cumulative (running total to date)",
        "7. Workforce Development,Staff turnover,,,,,,,,,Per cent,Rate at a point in time",
    ]


def test_the_xlsx_template_has_drop_down_lists_from_a_hidden_sheet(manager, metrics):
    response = client_for(manager).get(TEMPLATE_XLSX)
    workbook = load_workbook(io.BytesIO(response.content))
    figures, lists = workbook["Figures"], workbook["Valid values"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in figures[1]] == list(COLUMN_NAMES)
    assert [c.value for c in figures[3]][:2] == ["1. Signs of Safety", "Staff trained"]
    assert [c.value for c in lists["A"] if c.value] == ["project", "1. Signs of Safety", "7. Workforce Development"]
    assert [c.value for c in lists["C"] if c.value] == ["kind", "actual", "target", "baseline"]
    validations = {str(v.sqref): v.formula1 for v in figures.data_validations.dataValidation}
    assert validations == {
        "A2:A1004": "'Valid values'!$A$2:$A$3",
        "B2:B1004": "'Valid values'!$B$2:$B$4",
        "C2:C1004": "'Valid values'!$C$2:$C$4",
        "E2:E1004": "'Valid values'!$D$2:$D$7",
    }
    qualifiers = ["qualifier", "over", "under", "close to", "about", "at least", "up to"]
    assert [c.value for c in lists["D"] if c.value] == qualifiers


def test_a_filled_template_imports(manager, metrics):
    client = client_for(manager)
    lines = client.get(TEMPLATE_CSV).content.decode("utf-8-sig").splitlines()
    lines[2] = "1. Signs of Safety,Staff trained,actual,180,,,,31/03/2019,Scrutiny report,,Count,Cumulative"
    response = _post_file(client, "\r\n".join(lines).encode("utf-8-sig"))
    batch = ImportBatch.objects.get()
    assert response["Location"] == _preview_url(batch)
    preview = client.get(response["Location"]).context["preview"]
    assert (len(preview.additions), preview.skipped, preview.errors) == (1, 2, [])


def test_upload_preview_confirm(manager, council, approved_trained):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row(as_at="20/07/2018", value="160"), row(value="180")]))
    batch = ImportBatch.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    preview = page.context["preview"]
    assert [(p.row, p.display_old_value, p.display_value) for p in preview.changes] == [(2, "155", "160")]
    assert [(p.row, p.display_value) for p in preview.additions] == [(3, "180")]
    assert not Reading.objects.filter(value=Decimal("180")).exists()
    done = client.post(_confirm_url(batch), {"fingerprint": preview.fingerprint}, follow=True)
    assert done.redirect_chain == [(UPLOAD, 302)]
    assert "2 figures from figures.csv saved as drafts" in [str(m) for m in done.context["messages"]][0]
    assert [b.file_name for b in done.context["recent"]] == ["figures.csv"]
    assert set(Reading.objects.values_list("value", "status")) == {(Decimal("160"), "draft"), (Decimal("180"), "draft")}


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(manager, council, metrics):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row(), row(as_at="07/08/18")]))
    page = client.get(response["Location"])
    assert [(e.row, e.column) for e in page.context["preview"].errors] == [(3, "as_at")]
    assert b"Save 1 figure as a draft" not in page.content
    batch = ImportBatch.objects.get()
    refused = client.post(_confirm_url(batch), {"fingerprint": page.context["preview"].fingerprint})
    assert refused.status_code == 409
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "figures.csv", "The file is empty"),
        (b"%PDF-1.4 not a sheet", "figures.pdf", "must be a CSV or an Excel workbook"),
        (csv_bytes([row()], header=["project", "metric"]), "figures.csv", "The header is missing columns"),
    ],
)
def test_a_bad_file_is_refused_on_the_upload_page(manager, metrics, content, name, message):
    response = _post_file(client_for(manager), content, name)
    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert not ImportBatch.objects.exists()


def test_the_upload_size_is_limited(manager, metrics, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 2048
    response = _post_file(client_for(manager), csv_bytes([row()] * 100))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is larger than 2.0\xa0KB. Split it into smaller files and upload each."
    ]


def test_no_file_chosen(manager, metrics):
    response = client_for(manager).post(UPLOAD, {})
    assert response.context["form"].errors["file"] == ["Select a CSV or Excel file to upload"]


def test_a_confirmed_upload_is_not_shown_again(manager, council, metrics):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row()]))
    preview = client.get(response["Location"]).context["preview"]
    batch = ImportBatch.objects.get()
    client.post(_confirm_url(batch), {"fingerprint": preview.fingerprint})
    again = client.get(_preview_url(batch))
    assert again["Location"] == UPLOAD
    twice = client.post(_confirm_url(batch), {"fingerprint": preview.fingerprint})
    assert twice["Location"] == UPLOAD
    assert Reading.objects.count() == 1


def test_the_preview_page_reads_a_fixed_number_of_queries(manager, council, metrics, django_assert_max_num_queries):
    client = client_for(manager)
    rows = [row(as_at=f"{day:02d}/01/2019", value=str(100 + day)) for day in range(1, 29)]
    response = _post_file(client, csv_bytes(rows))
    with django_assert_max_num_queries(12):
        page = client.get(response["Location"])
    assert len(page.context["preview"].additions) == 28


def test_too_many_rows_are_refused_when_the_whole_file_is_read(manager, council, metrics):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row()] * 50_000))
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert page.context["file_error"] == (
        "figures.csv: The file has more than 20,000 rows of figures. "
        "Split it into files of up to 20,000 rows and upload each."
    )
    assert not ImportBatch.objects.exists()
    assert not Reading.objects.exists()


def test_a_filled_xlsx_template_imports_with_excel_dates_and_percentages(manager, metrics):
    import datetime as dt

    client = client_for(manager)
    workbook = load_workbook(io.BytesIO(client.get(TEMPLATE_XLSX).content))
    sheet = workbook["Figures"]
    turnover = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "Staff turnover")
    turnover[2].value = "actual"
    turnover[3].value = 0.073
    turnover[3].number_format = "0.0%"
    turnover[6].value = dt.datetime(2018, 9, 30)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _post_file(client, buffer.getvalue(), "figures.xlsx")
    preview = client.get(response["Location"]).context["preview"]
    assert preview.errors == []
    assert [(p.metric.name, p.display_value, p.period_label) for p in preview.additions] == [
        ("Staff turnover", "7.3%", "as at 30 September 2018")
    ]


def test_an_oversized_upload_is_not_kept_and_csrf_still_applies(manager, metrics, settings):
    from django.test import Client

    settings.IMPORT_MAX_UPLOAD_BYTES = 2048
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    refused = client.post(UPLOAD, {"file": SimpleUploadedFile("big.csv", csv_bytes([row()] * 100))})
    assert refused.status_code == 403  # no CSRF token
    page = client.get(UPLOAD)
    token = page.context["csrf_token"]
    response = client.post(
        UPLOAD, {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("big.csv", csv_bytes([row()] * 100))}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is larger than 2.0\xa0KB. Split it into smaller files and upload each."
    ]
    assert not ImportBatch.objects.exists()


def test_an_upload_within_the_limit_passes_the_size_handler(manager, metrics, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100_000
    response = _post_file(client_for(manager), csv_bytes([row()] * 100))
    assert response.status_code == 302
