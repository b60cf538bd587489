"""A large file is checked and saved by the task runner: the user is sent to a progress page,
then sees the preview, then the saved figures; all or nothing, as for a small file."""

from decimal import Decimal

import pytest

from metrics.imports.background import check_import, save_import
from metrics.models import ImportBatch, Reading
from programmes.models import Membership, Role
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.imports.conftest import csv_bytes, row, xlsx_bytes
from tests.imports.test_import_views import UPLOAD, _confirm_url, _post_file, _preview_url

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def large(settings):
    settings.IMPORT_BACKGROUND_BYTES = 100  # every test file counts as large


def _rows(count):
    return [row(as_at=f"{1 + n % 28:02d}/{1 + n // 28:02d}/2018", value=str(100 + n)) for n in range(count)]


def test_a_large_file_is_checked_in_the_background_then_previewed(manager, metrics, large, settings):
    settings.TASKS = QUEUED_ONLY
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(30)))
    batch = ImportBatch.objects.get()
    assert (batch.state, bool(batch.task_id)) == ("checking", True)
    waiting = client.get(response["Location"])
    assert waiting.templates[0].name == "metrics/imports/progress.html"
    assert b"Checking figures.csv" in waiting.content and b"Nothing has been saved" in waiting.content
    check_import.call(batch.pk)  # what the worker does
    page = client.get(response["Location"])
    assert len(page.context["preview"].additions) == 30
    assert b"Save 30 figures as drafts" in page.content


def test_a_large_file_is_saved_in_the_background_all_together(manager, metrics, large, settings):
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(30)))
    preview = client.get(response["Location"]).context["preview"]
    settings.TASKS = QUEUED_ONLY
    batch = ImportBatch.objects.get()
    sent = client.post(_confirm_url(batch), {"fingerprint": preview.fingerprint})
    assert sent["Location"] == _preview_url(batch)
    assert b"Saving the figures in figures.csv" in client.get(sent["Location"]).content
    assert not Reading.objects.exists()
    save_import.call(batch.pk, manager.pk, preview.fingerprint)
    done = client.get(sent["Location"], follow=True)
    assert done.redirect_chain == [(UPLOAD, 302)]
    assert "figures.csv has been imported" in [str(m) for m in done.context["messages"]][0]
    assert Reading.objects.filter(status="draft").count() == 30


def test_with_the_immediate_runner_the_user_goes_straight_to_the_result(manager, metrics, large):
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(3)))
    preview = client.get(response["Location"]).context["preview"]
    batch = ImportBatch.objects.get()
    done = client.post(_confirm_url(batch), {"fingerprint": preview.fingerprint}, follow=True)
    assert done.redirect_chain[-1] == (UPLOAD, 302)
    assert Reading.objects.count() == 3


def test_a_background_save_refused_by_a_change_meanwhile_saves_nothing_and_shows_why(
    manager, metrics, large, approved_trained
):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row(as_at="20/07/2018", value="160"), *_rows(2)]))
    preview = client.get(response["Location"]).context["preview"]
    Reading.objects.filter(pk=approved_trained.pk).update(value=Decimal("158"), version=5)
    batch = ImportBatch.objects.get()
    client.post(_confirm_url(batch), {"fingerprint": preview.fingerprint})
    page = client.get(_preview_url(batch))
    assert "Figures changed after you checked this file" in page.content.decode()
    assert Reading.objects.count() == 1


def test_a_background_check_that_finds_too_many_rows_says_so_on_the_upload_page(manager, metrics, large):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row()] * 20_001))
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert "more than 20,000 rows of figures" in page.context["file_error"]
    assert not ImportBatch.objects.exists()


def test_reloading_the_preview_does_not_check_the_file_again(manager, metrics, django_assert_max_num_queries):
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(5)))
    client.get(response["Location"])
    ImportBatch.objects.update(content=b"not read again")
    with django_assert_max_num_queries(8):
        page = client.get(response["Location"])
    assert len(page.context["preview"].additions) == 5


def test_a_new_figure_for_the_council_makes_the_preview_check_again(manager, metrics, approved_trained):
    client = client_for(manager)
    response = _post_file(client, csv_bytes([row(as_at="20/07/2018", value="160")]))
    assert [p.display_old_value for p in client.get(response["Location"]).context["preview"].changes] == ["155"]
    approved_trained.value = Decimal("157")
    approved_trained.save()  # the council's data version moves on
    page = client.get(response["Location"])
    assert [p.display_old_value for p in page.context["preview"].changes] == ["157"]


def test_a_large_workbook_is_opened_only_by_the_background_check(manager, metrics, large, settings):
    settings.TASKS = QUEUED_ONLY
    client = client_for(manager)
    content = xlsx_bytes([row()], header=["project", "metric"])  # a header openpyxl must read to refuse
    response = _post_file(client, content, "figures.xlsx")
    assert response.status_code == 302, "the upload request did not open the workbook"
    check_import.call(ImportBatch.objects.get().pk)
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert "The header is missing columns" in page.context["file_error"]


def test_the_progress_page_reads_a_fixed_number_of_queries(manager, metrics, large, settings,
                                                            django_assert_max_num_queries):
    settings.TASKS = QUEUED_ONLY
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(300)))
    with django_assert_max_num_queries(8):
        assert client.get(response["Location"]).status_code == 200


def test_a_background_task_that_crashed_is_said_and_the_file_asked_for_again(manager, metrics, large, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(3)))
    assert b"Checking figures.csv" in client.get(response["Location"]).content  # queued, not yet run
    DBTaskResult.objects.update(status="FAILED")  # as the worker records a crash
    page = client.get(response["Location"])
    assert page.status_code == 400
    assert "stopped before it finished, and nothing was saved" in page.context["file_error"]
    assert not ImportBatch.objects.exists() and not Reading.objects.exists()


def test_the_upload_page_links_back_to_the_users_own_files_not_yet_saved(manager, council, metrics, large, settings):
    settings.TASKS = QUEUED_ONLY
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(3)), "tracker.csv")
    page = client.get(UPLOAD).content.decode()
    assert "Your files not yet saved" in page
    assert f'href="{response["Location"]}">tracker.csv</a>' in page and "being checked" in page
    colleague = UserFactory(username="colleague")
    Membership.objects.create(user=colleague, council=council, role=Role.MANAGER)
    assert "tracker.csv" not in client_for(colleague).get(UPLOAD).content.decode()


def test_the_check_reports_how_many_rows_it_has_got_through(manager, metrics, monkeypatch):
    from metrics.imports import checking
    from metrics.imports.background import import_batch_check
    from metrics.imports.services import import_batch_preview

    monkeypatch.setattr(checking, "PROGRESS_EVERY", 10)
    _post_file(client_for(manager), csv_bytes(_rows(30)))
    batch = ImportBatch.objects.get()
    seen = []
    import_batch_preview(batch=batch, on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 30), (10, 30), (20, 30), (30, 30)]
    import_batch_check(batch=batch, show_progress=True)  # as the worker runs it, leaving the count for the page
    batch.refresh_from_db()
    assert (batch.rows_checked, batch.row_count) == (30, 30)


def test_the_progress_page_says_how_many_rows_are_checked(manager, metrics, large, settings):
    settings.TASKS = QUEUED_ONLY
    client = client_for(manager)
    response = _post_file(client, csv_bytes(_rows(30)))
    assert b"The file is being read" in client.get(response["Location"]).content
    ImportBatch.objects.update(rows_checked=12000, row_count=20000)  # as the worker leaves it midway
    page = client.get(response["Location"]).content.decode()
    assert "12,000 of 20,000 rows checked." in page and "Nothing has been saved" in page
