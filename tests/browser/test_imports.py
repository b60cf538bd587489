"""Bulk import in a real browser: template download, a file with an error, a good file, preview, confirm,
approval, the figure on the chart. axe-core runs on every step."""

import csv
import io
import re

from metrics.models import Reading
from tests.browser.conftest import assert_accessible

UPLOAD = "/councils/E10000019/import/"
PROJECT = "/councils/E10000019/projects/signs-of-safety/"
METRIC = "People who attended 5-day Enhanced Signs of Safety training"


def _download_template(page, link_name) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        return handle.read()


def _filled(template: bytes, as_at: str, value: str) -> bytes:
    """The template with the enhanced-training row filled in: what a manager does in Excel."""
    rows = list(csv.DictReader(io.StringIO(template.decode("utf-8-sig"))))
    for row in rows:
        if row["metric"] == METRIC:
            row.update(kind="actual", value=value, as_at=as_at, source="Training log, January 2019")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _upload(page, name, content):
    page.goto(UPLOAD)
    page.get_by_label("Upload a file").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content})
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("domcontentloaded")


def test_a_spreadsheet_goes_from_template_to_an_approved_figure_on_the_chart(open_page):
    manager = open_page("lincs-manager")
    manager.goto(UPLOAD)
    assert manager.get_by_role("heading", name="Import figures from a spreadsheet").is_visible()
    assert_accessible(manager)

    xlsx = _download_template(manager, "Download the Excel template (.xlsx)")
    assert xlsx[:2] == b"PK"
    template = _download_template(manager, "Download the CSV template")
    assert METRIC in template.decode("utf-8-sig")

    # A bad file first: refused on the upload form itself, with the error summary linking to the field.
    _upload(manager, "notes.csv", b"")
    summary = manager.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="The file is empty. Fill in the template and upload it again.").is_visible()
    assert_accessible(manager)

    # A two-digit year: the preview lists the row, the column and why, and offers no way to save.
    _upload(manager, "january.csv", _filled(template, "31/01/19", "190"))
    assert manager.get_by_role("heading", name="Check the figures in january.csv").is_visible()
    errors = manager.locator("#row-errors + table, #row-errors ~ table").first
    assert errors.locator("td").all_inner_texts()[1:] == [
        "as_at",
        "‘31/01/19’ has a two-digit year; write the year in full, like 20/07/2018",
    ]
    assert manager.get_by_role("button", name=re.compile("^Save")).count() == 0
    assert_accessible(manager)

    _upload(manager, "january.csv", _filled(template, "31/01/2019", "190"))
    assert manager.locator(".govuk-summary-list").get_by_text("New figures").is_visible()
    assert_accessible(manager)
    manager.get_by_role("button", name="Save 1 figure as a draft").click()
    manager.wait_for_load_state("domcontentloaded")
    assert manager.get_by_text("1 figure from january.csv saved as a draft").is_visible()
    assert manager.get_by_role("cell", name="january.csv").is_visible()
    assert_accessible(manager)

    # The same file again changes nothing.
    _upload(manager, "january.csv", _filled(template, "31/01/2019", "190"))
    assert manager.get_by_text("There is nothing to import").is_visible()
    assert_accessible(manager)

    reading = Reading.objects.get(metric__name=METRIC, value=190)
    assert (reading.status, reading.published_value) == ("draft", None)
    assert reading.history.first().history_change_reason == "Imported from january.csv"
    manager.goto(f"/councils/E10000019/figures/{reading.pk}/")
    manager.get_by_role("button", name="Submit for approval").click()
    manager.wait_for_load_state("domcontentloaded")

    approver = open_page("lincs-approver")
    approver.goto("/councils/E10000019/figures/awaiting-approval/")
    approver.get_by_role("link", name=re.compile(METRIC)).first.click()
    approver.get_by_role("button", name="Approve").click()
    approver.wait_for_load_state("domcontentloaded")
    assert approver.get_by_text("Figure approved.").is_visible()

    scrutiny = open_page("lincs-scrutiny")
    scrutiny.goto(PROJECT)
    scrutiny.locator(".js-chart .main-svg").first.wait_for()
    chart = scrutiny.locator("figure.app-figure", has_text=METRIC).first
    chart.get_by_text("Show the data").first.click()
    assert chart.locator("td", has_text=re.compile(r"^\s*190\s*$")).count() == 1
    assert_accessible(scrutiny)


def test_other_users_are_refused_the_import_pages(open_page):
    for username in ("lincs-approver", "lincs-scrutiny", "leeds-manager", "adviser"):
        page = open_page(username)
        response = page.goto(UPLOAD)
        assert response.status == 403, username
