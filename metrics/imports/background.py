"""Checking and saving a large upload as a background task, and keeping a check's result.

A file over `IMPORT_BACKGROUND_BYTES` is checked, and saved when confirmed, by the project's one
task runner (django-tasks, queue in the database), so no request runs for more than a moment;
the preview page shows its progress until the task is done. Whatever checked a file keeps the
result on its `ImportBatch`, so reloading the preview does not check every row again.
"""

from __future__ import annotations

import contextlib
import logging
import pickle

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import TaskResultStatus, task

from metrics.imports.files import ImportFileError
from metrics.imports.preview import Preview
from metrics.imports.services import ImportRefused, import_batch_confirm, import_batch_preview
from metrics.models import ImportBatch
from programmes.models import Council

logger = logging.getLogger(__name__)
State = ImportBatch.State


def runs_in_background(batch: ImportBatch) -> bool:
    return batch.size > settings.IMPORT_BACKGROUND_BYTES


def import_batch_check(*, batch: ImportBatch, today=None, show_progress: bool = False) -> Preview:
    """Check every row and keep the result; raise ImportFileError (and keep why) for a file that cannot be read.

    With `show_progress`, the rows checked so far are written on the batch as the check goes, for the
    progress page; a check within a request has no one to show them to.
    """
    # The version is read before the rows: a write during the check makes the kept result stale, not wrong.
    version = Council.objects.values_list("data_version", flat=True).get(pk=batch.council_id)
    def note_progress(done, total):
        # Outside any transaction, so the progress page (another request, maybe another server) sees it.
        ImportBatch.objects.filter(pk=batch.pk).update(rows_checked=done, row_count=total)

    try:
        preview = import_batch_preview(batch=batch, today=today, on_progress=note_progress if show_progress else None)
    except ImportFileError as problem:
        _set(batch, state=State.FAILED, problem=str(problem), checked_preview=None)
        raise
    # Pickled, as Django's database cache does: the bytes are only ever written here, by us.
    _set(batch, state=State.CHECKED, problem="", checked_preview=pickle.dumps(preview), checked_version=version)
    return preview


def kept_preview(batch: ImportBatch) -> Preview | None:
    """The kept result of the last check, if nothing the council shows has changed since it was made."""
    if batch.state != State.CHECKED or batch.checked_preview is None:
        return None
    if batch.checked_version != batch.council.data_version:
        return None
    return pickle.loads(bytes(batch.checked_preview))  # noqa: S301 - written by import_batch_check only


def task_failed(batch: ImportBatch) -> bool:
    """Whether the task working on the batch stopped with an error (a crash, not a refusal: a refusal
    is kept on the batch). False when the task runner cannot say, as the immediate one cannot."""
    if not batch.task_id or batch.state not in (State.CHECKING, State.SAVING):
        return False
    running = save_import if batch.state == State.SAVING else check_import
    try:
        status = running.get_result(batch.task_id).status
    except Exception:  # noqa: BLE001 - a runner without results, or one that has pruned this one
        return False
    return status == TaskResultStatus.FAILED


def start_check(batch: ImportBatch) -> None:
    _set(batch, state=State.CHECKING, problem="", rows_checked=0)
    result = check_import.enqueue(batch.pk)
    _set(batch, task_id=str(result.id))


def start_save(batch: ImportBatch, *, user, fingerprint: str) -> None:
    _set(batch, state=State.SAVING, problem="")
    result = save_import.enqueue(batch.pk, user.pk, fingerprint)
    _set(batch, task_id=str(result.id))


@task()
def check_import(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("council").filter(pk=batch_id).first()
    if batch is None:  # deleted meanwhile: another upload replaced it
        return
    with contextlib.suppress(ImportFileError):  # kept on the batch for the preview page to say
        import_batch_check(batch=batch, show_progress=True)


@task()
def save_import(batch_id: int, user_id: int, fingerprint: str) -> None:
    user = get_user_model().objects.get(pk=user_id)
    try:
        preview = import_batch_confirm(batch_id=batch_id, user=user, fingerprint=fingerprint)
    except ImportRefused as refusal:
        batch = ImportBatch.objects.get(pk=batch_id)
        if refusal.preview is None:
            _set(batch, state=State.FAILED, problem=str(refusal), checked_preview=None)
        else:
            version = Council.objects.values_list("data_version", flat=True).get(pk=batch.council_id)
            _set(
                batch,
                state=State.CHECKED,
                problem=str(refusal),
                checked_preview=pickle.dumps(refusal.preview),
                checked_version=version,
            )
        return
    ImportBatch.objects.filter(pk=batch_id).update(state=State.SAVED, problem="", checked_preview=None)
    logger.info("Background import %s saved %s figures", batch_id, preview.to_save)


def _set(batch: ImportBatch, **fields) -> None:
    """Write these fields only: the batch's content is large and never changes."""
    for name, value in fields.items():
        setattr(batch, name, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)

