"""A large import's progress page in a real browser: accessible, free of CSP violations, and it
shows the preview by itself once the background check is done."""

from metrics.imports.background import check_import
from metrics.models import ImportBatch
from tests.browser.conftest import assert_accessible
from tests.imports.conftest import csv_bytes, row

UPLOAD = "/councils/E10000019/import/"


def test_the_progress_page_turns_into_the_preview_when_the_check_is_done(open_page, settings):
    settings.IMPORT_BACKGROUND_BYTES = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    page = open_page("lincs-manager")
    page.goto(UPLOAD)
    content = csv_bytes([row(project="", metric="no such metric")])
    page.get_by_label("Upload a file").set_input_files({"name": "big.csv", "mimeType": "text/csv", "buffer": content})
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Checking big.csv").wait_for()
    assert_accessible(page)
    check_import.call(ImportBatch.objects.get().pk)  # what the worker does
    page.get_by_role("heading", name="Check the figures in big.csv").wait_for(timeout=10_000)
    assert "has no metric called" in page.content()
