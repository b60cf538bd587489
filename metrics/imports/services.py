"""Writes for a bulk import: keep an upload, check it, and save it all at once when confirmed.

The upload lives in `ImportBatch` (in the database), so whichever server process handles the
confirmation reads the same file. Confirming checks the file again inside the transaction that
saves it: figures saved since the preview cannot be overwritten unseen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from metrics.imports.checking import check_sheet
from metrics.imports.files import CSV, ImportFileError, read_upload, upload_format
from metrics.imports.preview import Preview
from metrics.models import ImportBatch, Reading
from programmes.data_versions import councils_changed
from programmes.models import SourceDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
UNCONFIRMED_KEPT_FOR = dt.timedelta(days=1)
CHANGE_REASON_LENGTH = 100  # simple-history's history_change_reason column
# Fields an import sets on a changed figure that may differ from row to row. The rest are the same
# for every row (draft, entered by this user, this file) and are written with one UPDATE per chunk:
# Django's bulk_update builds a CASE per field per row, which is slow for thousands of rows.
PER_ROW_FIELDS = ["value", "qualifier", "source_location", "note", "explanation"]


class ImportRefused(Exception):
    """The import cannot be saved; `preview` (when there is one) says why, row by row."""

    def __init__(self, message: str, preview: Preview | None = None):
        self.preview = preview
        super().__init__(message)


def import_batch_create(*, user, council, file_name: str, content: bytes) -> ImportBatch:
    """Keep an upload for checking. Raises ImportFileError for a file that cannot be read at all.

    Only the header and first row are read now; the dry run reads the rest (and refuses, say,
    50,000 rows) when the preview is shown.
    """
    file_name = file_name.replace("\x00", "")  # the database cannot store a NUL
    file_format = upload_format(content=content, file_name=file_name)
    if file_format == CSV or len(content) <= settings.IMPORT_BACKGROUND_BYTES:
        # A CSV's first rows cost little to read however large the file; a large workbook's opening
        # (openpyxl) is left to the background check.
        read_upload(content=content, file_name=file_name, first_rows_only=True)
    batch = ImportBatch(
        user=user,
        council=council,
        file_name=file_name[:255],
        file_format=file_format,
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    batch.full_clean()
    batch.save()
    # Uploads never confirmed are of no further use; confirmed ones stay as the record of what was imported.
    ImportBatch.objects.filter(
        user=user, confirmed_at__isnull=True, created_at__lt=timezone.now() - UNCONFIRMED_KEPT_FOR
    ).delete()
    return batch


def import_batch_preview(
    *, batch: ImportBatch, today: dt.date | None = None, lock: bool = False, on_progress=None
) -> Preview:
    """The dry run: what confirming this upload would do, and every error. Writes nothing."""
    sheet = read_upload(content=bytes(batch.content), file_name=batch.file_name)
    return check_sheet(
        sheet=sheet,
        council=batch.council,
        file_name=batch.file_name,
        today=today or timezone.localdate(),
        lock=lock,
        on_progress=on_progress,
        user=batch.user_id,
    )


def import_batch_confirm(*, batch_id: int, user, fingerprint: str, today: dt.date | None = None) -> Preview:
    """Save every row of a checked upload as drafts for approval, all in one transaction, or none.

    `fingerprint` is the preview's that the user confirmed; if the figures changed since, refuse.
    """
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().select_related("council").get(pk=batch_id)
            if batch.confirmed_at is not None:
                raise ImportRefused("This file has already been imported.")
            try:
                preview = import_batch_preview(batch=batch, today=today, lock=True)
            except ImportFileError as problem:
                raise ImportRefused(str(problem)) from None
            if not preview.ok:
                raise ImportRefused("The file has errors, so nothing was saved.", preview)
            if preview.fingerprint != fingerprint:
                raise ImportRefused(
                    "Figures changed after you checked this file. Check the new preview before you save.", preview
                )
            _save(preview=preview, batch=batch, user=user)
            batch.confirmed_at = timezone.now()
            batch.row_count = preview.rows_read
            batch.state = ImportBatch.State.SAVED
            batch.checked_preview = None  # of no further use; the file stays as the record of what was imported
            batch.save(update_fields=["confirmed_at", "row_count", "state", "checked_preview"])
    except IntegrityError:
        logger.warning("Import %s refused by the database: figures saved meanwhile", batch_id, exc_info=True)
        raise ImportRefused(
            "Someone saved figures for the same periods while you were importing, so nothing was saved. "
            "Check the file again."
        ) from None
    logger.info("Import %s saved: %s added, %s changed", batch.pk, len(preview.additions), len(preview.changes))
    return preview


def _save(*, preview: Preview, batch: ImportBatch, user) -> None:
    if not preview.to_save:
        return
    reason = f"Imported from {batch.file_name}"[:CHANGE_REASON_LENGTH]
    document = _source_document(batch=batch)
    new = [_new_reading(plan, batch, document, user) for plan in preview.additions]
    # Reading.save() is bypassed by bulk_create, and full_clean() would cost queries per row:
    # every field was checked in the dry run, and the database's constraints stand behind it.
    bulk_create_with_history(new, Reading, batch_size=BATCH_SIZE, default_user=user, default_change_reason=reason)
    # Bulk writes send no signals: the council's cached pages must hear of these drafts.
    councils_changed(council_ids=[batch.council_id], background=False)  # figures: the background stays current
    changed = [_changed_reading(plan, document, user) for plan in preview.changes]
    if not changed:
        return
    varying = [name for name in PER_ROW_FIELDS if len({getattr(reading, name) for reading in changed}) > 1]
    same = {name: getattr(changed[0], name) for name in PER_ROW_FIELDS if name not in varying}
    ids = [reading.pk for reading in changed]
    for start in range(0, len(ids), BATCH_SIZE):
        Reading.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(
            **same,
            missing_reason="",
            source_document=document,
            status=Reading.Status.DRAFT,
            entered_by=user,
            submitted_by=None,
            submitted_at=None,
            returned_reason="",
            # The figures were locked when checked and their versions matched the preview's.
            version=F("version") + 1,
        )
    # With no per-row fields this writes only the history, from the instances as changed above.
    bulk_update_with_history(
        changed, Reading, varying, batch_size=BATCH_SIZE, default_user=user, default_change_reason=reason
    )


def _source_document(*, batch: ImportBatch) -> SourceDocument:
    document = SourceDocument(
        key=f"import-{batch.pk}",
        title=f"Spreadsheet {batch.file_name}"[:300],
        kind=SourceDocument.Kind.SPREADSHEET,
        council=batch.council,
        body="Imported into pipdash",
        published_on=timezone.localdate(),
        file_name=batch.file_name[:200],
    )
    document.full_clean()
    document.save()
    return document


def _new_reading(plan, batch, document, user) -> Reading:
    return Reading(
        metric=plan.metric,
        council=batch.council,
        project=plan.project,
        kind=plan.kind,
        unit=plan.metric.unit,
        value=plan.value,
        qualifier=plan.qualifier,
        period_start=plan.period_start,
        period_end=plan.period_end,
        source_document=document,
        source_location=plan.source,
        note=plan.note,
        explanation=plan.note if plan.warnings else "",
        status=Reading.Status.DRAFT,
        entered_by=user,
    )


def _changed_reading(plan, document, user) -> Reading:
    """The figure with the row's value, back to draft; its published value stays until approved again."""
    reading = plan.existing
    reading.value = plan.value
    reading.qualifier = plan.qualifier
    reading.missing_reason = ""
    reading.source_document = document
    reading.source_location = plan.source
    reading.note = plan.note
    reading.explanation = plan.note if plan.warnings else ""
    reading.status = Reading.Status.DRAFT
    reading.entered_by = user
    reading.submitted_by = None
    reading.submitted_at = None
    reading.returned_reason = ""
    reading.version += 1
    return reading
