"""Saving an import: all rows or none, as drafts, with history naming the file, in few queries."""

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.imports.files import ImportFileError
from metrics.imports.services import (
    BATCH_SIZE,
    ImportRefused,
    import_batch_confirm,
    import_batch_create,
    import_batch_preview,
)
from metrics.models import ImportBatch, Reading
from programmes.models import SourceDocument
from tests.imports.conftest import TODAY, csv_bytes, row, xlsx_bytes


def _days(count, start=dt.date(2018, 4, 1)):
    return [(start + dt.timedelta(days=n)).strftime("%d/%m/%Y") for n in range(count)]


def _upload(user, council, content, file_name="figures.csv"):
    return import_batch_create(user=user, council=council, file_name=file_name, content=content)


def _confirm(batch, user):
    preview = import_batch_preview(batch=batch, today=TODAY)
    return import_batch_confirm(batch_id=batch.pk, user=user, fingerprint=preview.fingerprint, today=TODAY)


def test_an_upload_is_kept_in_the_database(manager, council, metrics):
    content = csv_bytes([row()])
    batch = _upload(manager, council, content)
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert (bytes(stored.content), stored.file_format) == (content, "csv")
    assert stored.confirmed_at is None


def test_a_file_that_cannot_be_read_is_not_kept(manager, council):
    with pytest.raises(ImportFileError):
        _upload(manager, council, b"")
    assert not ImportBatch.objects.exists()


def test_confirming_saves_every_row_as_a_draft_with_history_naming_the_file(manager, council, metrics):
    batch = _upload(manager, council, xlsx_bytes([row(), row(as_at="30/04/2019", value="200")]), "July.xlsx")
    _confirm(batch, manager)
    readings = Reading.objects.order_by("period_end")
    assert [(r.value, r.status, r.published_value, r.entered_by) for r in readings] == [
        (Decimal("180"), "draft", None, manager),
        (Decimal("200"), "draft", None, manager),
    ]
    assert readings[0].source_document.kind == SourceDocument.Kind.SPREADSHEET
    assert readings[0].source_location == "Scrutiny report"
    history = Reading.history.order_by("history_id")
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in history] == [
        ("+", manager, "Imported from July.xlsx"),
        ("+", manager, "Imported from July.xlsx"),
    ]
    batch.refresh_from_db()
    assert (batch.confirmed_at is not None, batch.row_count) == (True, 2)


def test_a_changed_approved_figure_keeps_its_published_value_until_approved_again(
    manager, council, approved_trained
):
    batch = _upload(manager, council, csv_bytes([row(as_at="20/07/2018", value="160")]))
    _confirm(batch, manager)
    approved_trained.refresh_from_db()
    assert (approved_trained.value, approved_trained.published_value) == (Decimal("160"), Decimal("155"))
    assert approved_trained.status == Reading.Status.DRAFT
    assert approved_trained.version == 2
    latest = approved_trained.history.first()
    assert (latest.history_type, latest.history_change_reason, latest.value) == ("~", "Imported from figures.csv", 160)


def test_an_error_in_the_last_row_of_a_large_file_saves_nothing(manager, council, metrics):
    rows = [row(as_at=day, value=str(100 + n)) for n, day in enumerate(_days(2000))]
    rows.append(row(as_at="30/02/2019"))
    batch = _upload(manager, council, csv_bytes(rows))
    preview = import_batch_preview(batch=batch, today=dt.date(2025, 1, 1))
    assert [(e.row, e.column) for e in preview.errors] == [(2002, "as_at")]
    with pytest.raises(ImportRefused) as refused:
        import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint,
                             today=dt.date(2025, 1, 1))
    assert refused.value.preview.errors
    assert not Reading.objects.exists()
    assert not Reading.history.exists()
    assert not SourceDocument.objects.exists()


def test_a_database_refusal_half_way_rolls_everything_back(manager, council, approved_trained, monkeypatch):
    from django.db import IntegrityError

    from metrics.imports import services

    def fail_after_inserts(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(services, "bulk_update_with_history", fail_after_inserts)
    batch = _upload(manager, council, csv_bytes([row(), row(as_at="20/07/2018", value="160")]))
    with pytest.raises(ImportRefused, match="nothing was saved"):
        _confirm(batch, manager)
    assert list(Reading.objects.values_list("value", "status", "version")) == [(155, "approved", 1)]
    assert Reading.history.count() == 1  # the factory's own
    batch.refresh_from_db()
    assert batch.confirmed_at is None


def test_uploading_the_same_file_again_changes_nothing(manager, council, metrics):
    content = csv_bytes([row(), row(as_at="30/04/2019", value="200", note="Spring cohort")])
    _confirm(_upload(manager, council, content), manager)
    before = list(Reading.objects.values_list("id", "value", "version", "note"))
    again = _upload(manager, council, content)
    preview = import_batch_preview(batch=again, today=TODAY)
    assert (len(preview.additions), len(preview.changes), len(preview.unchanged)) == (0, 0, 2)
    _confirm(again, manager)
    assert list(Reading.objects.values_list("id", "value", "version", "note")) == before
    assert Reading.history.count() == 2
    assert SourceDocument.objects.count() == 1


def test_a_file_is_imported_once(manager, council, metrics):
    batch = _upload(manager, council, csv_bytes([row()]))
    _confirm(batch, manager)
    with pytest.raises(ImportRefused, match="already been imported"):
        _confirm(batch, manager)
    assert Reading.objects.count() == 1


def test_figures_changed_after_the_preview_refuse_the_confirmation(manager, council, approved_trained):
    batch = _upload(manager, council, csv_bytes([row(as_at="20/07/2018", value="160")]))
    preview = import_batch_preview(batch=batch, today=TODAY)
    Reading.objects.filter(pk=approved_trained.pk).update(value=Decimal("158"), version=2)
    with pytest.raises(ImportRefused, match="Figures changed after you checked"):
        import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint, today=TODAY)
    approved_trained.refresh_from_db()
    assert approved_trained.value == Decimal("158")


def _rows_per_insert() -> int:
    """How many rows one INSERT carries here: SQLite caps a query at 999 parameters, PostgreSQL does not."""
    fields = Reading.history.model._meta.concrete_fields
    return min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * BATCH_SIZE))


@pytest.mark.parametrize("size", [50, 1500])
def test_saving_takes_a_few_queries_per_batch_not_one_per_row(size, manager, council, approved_trained):
    rows = [row(as_at=day, value=str(200 + n)) for n, day in enumerate(_days(size, dt.date(2018, 8, 1)))]
    rows.append(row(as_at="20/07/2018", value="156"))  # a change to the approved figure
    batch = _upload(manager, council, csv_bytes(rows))
    preview = import_batch_preview(batch=batch, today=dt.date(2025, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint,
                             today=dt.date(2025, 1, 1))
    assert Reading.objects.count() == size + 1
    # Lock the upload; read projects, metrics, figures and the quality context; write the document,
    # the inserts and their history (per batch), the update and its history, the upload, and each council
    # version bump's codes for the cache's generations (pipdash/web/response_cache.py): ~17 + batches.
    batches = math.ceil(size / _rows_per_insert())
    assert len(queries) <= 18 + 2 * batches
    # SQLite's 999 parameters a query over the history table's ~50 columns is ~19 rows an insert.
    assert len(queries) < size / 8 or size < 100


def test_a_file_refused_when_read_in_full_is_refused_at_confirmation_too(manager, council, metrics, settings):
    batch = _upload(manager, council, csv_bytes([row()] * 30))
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ImportRefused, match="larger than"):
        import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint="x", today=TODAY)
    assert not Reading.objects.exists()
