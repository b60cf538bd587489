"""Bulk import pages: download a template, upload a file, check the preview, confirm.

Only the council's own programme managers import; everyone else gets a 403 (the sign-in page
when signed out, through LoginRequiredMiddleware).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from metrics.imports.background import (
    import_batch_check,
    kept_preview,
    runs_in_background,
    start_check,
    start_save,
    task_failed,
)
from metrics.imports.columns import PREVIEW_ERRORS_SHOWN, PREVIEW_ROWS_SHOWN
from metrics.imports.files import ImportFileError
from metrics.imports.forms import ImportConfirmForm, ImportUploadForm, too_large_message
from metrics.imports.selectors import import_batch_list, import_batches_unfinished, template_metric_count
from metrics.imports.services import ImportRefused, import_batch_confirm, import_batch_create
from metrics.imports.template import column_guide, template_csv, template_xlsx
from metrics.imports.uploads import UploadSizeLimit, upload_was_too_large
from metrics.models import ImportBatch
from programmes.access import access_for
from programmes.selectors import council_get

STOPPED = "the check or save stopped before it finished, and nothing was saved. Upload the file again."
TEMPLATES = {
    "csv": (template_csv, "text/csv; charset=utf-8"),
    "xlsx": (template_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _council_for_import(request, gss_code):
    council = council_get(gss_code=gss_code)
    if not access_for(request.user).can_edit(council):
        raise PermissionDenied("Only this council's programme managers can import its figures.")
    return council


def _batch_for_user(request, council, batch_id) -> ImportBatch:
    """The user's own upload for this council; another's is a 404, as if it did not exist."""
    # The file and the kept check are read only when needed: either may be megabytes.
    return get_object_or_404(
        ImportBatch.objects.select_related("council").defer("content"), pk=batch_id, council=council, user=request.user
    )


@csrf_exempt  # only so the size limit is in place before the upload is read; _upload checks the token
@require_http_methods(["GET", "POST"])
def import_upload(request, gss_code):
    council = _council_for_import(request, gss_code)
    request.upload_handlers.insert(0, UploadSizeLimit(request))
    return _upload(request, council)


@csrf_protect
def _upload(request, council):
    form = ImportUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if upload_was_too_large(request):
        form.is_valid()  # the file was dropped unread: say why, not that none was chosen
        form.errors["file"] = form.error_class([too_large_message()])
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_batch_create(
                user=request.user, council=council, file_name=upload.name, content=upload.read()
            )
        except ImportFileError as problem:
            form.add_error("file", str(problem))
        else:
            if runs_in_background(batch):
                start_check(batch)
            return redirect("import-preview", gss_code=council.gss_code, batch_id=batch.pk)
    return _render_upload(request, council, form)


def _render_upload(request, council, form, file_error=""):
    """The upload page; `file_error` is a problem found when the whole file was read for the preview."""
    context = {
        "council": council,
        "form": form,
        "file_error": file_error,
        "columns": column_guide(),
        "metric_count": template_metric_count(council=council),
        "recent": import_batch_list(council=council),
        "unfinished": import_batches_unfinished(council=council, user=request.user),
    }
    return render(request, "metrics/imports/upload.html", context, status=400 if form.errors or file_error else 200)


@require_GET
def import_template(request, gss_code, file_format):
    council = _council_for_import(request, gss_code)
    build, content_type = TEMPLATES[file_format]
    response = HttpResponse(build(council=council), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="pipdash-{council.slug}-figures.{file_format}"'
    return response


@require_GET
def import_preview(request, gss_code, batch_id):
    council = _council_for_import(request, gss_code)
    batch = _batch_for_user(request, council, batch_id)
    if batch.confirmed_at is not None:
        messages.success(
            request,
            f"{batch.file_name} has been imported: its figures are saved as drafts. Submit them for approval; "
            "until an approver approves them, readers see the figures published before.",
        )
        return redirect("import-upload", gss_code=council.gss_code)
    if task_failed(batch):  # all or nothing: a save that crashed saved nothing
        return _refuse_file(request, council, batch, STOPPED)
    if batch.state in (ImportBatch.State.CHECKING, ImportBatch.State.SAVING):
        return render(request, "metrics/imports/progress.html", {"council": council, "batch": batch})
    if batch.state == ImportBatch.State.FAILED:  # found by a background check or save
        return _refuse_file(request, council, batch, batch.problem)
    preview = kept_preview(batch)
    if preview is None and runs_in_background(batch):
        start_check(batch)
        return render(request, "metrics/imports/progress.html", {"council": council, "batch": batch})
    if preview is None:
        try:
            preview = import_batch_check(batch=batch)
        except ImportFileError as problem:  # found only when every row is read: too many rows, say
            return _refuse_file(request, council, batch, str(problem))
    return _render_preview(request, council, batch, preview, refusal=batch.problem)


def _refuse_file(request, council, batch, problem: str):
    batch.delete()
    return _render_upload(request, council, ImportUploadForm(), file_error=f"{batch.file_name}: {problem}")


@require_POST
def import_confirm(request, gss_code, batch_id):
    council = _council_for_import(request, gss_code)
    batch = _batch_for_user(request, council, batch_id)
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        return redirect("import-preview", gss_code=council.gss_code, batch_id=batch.pk)
    if runs_in_background(batch):
        # Saved by the task runner; the preview page shows progress, then where the figures went.
        if batch.confirmed_at is None and batch.state == ImportBatch.State.CHECKED:
            start_save(batch, user=request.user, fingerprint=form.cleaned_data["fingerprint"])
        return redirect("import-preview", gss_code=council.gss_code, batch_id=batch.pk)
    try:
        preview = import_batch_confirm(
            batch_id=batch.pk, user=request.user, fingerprint=form.cleaned_data["fingerprint"]
        )
    except ImportRefused as refusal:
        if refusal.preview is None:
            messages.error(request, str(refusal))
            return redirect("import-upload", gss_code=council.gss_code)
        return _render_preview(request, council, batch, refusal.preview, refusal=str(refusal), status=409)
    saved = (
        f"1 figure from {batch.file_name} saved as a draft"
        if preview.to_save == 1
        else (f"{preview.to_save:,} figures from {batch.file_name} saved as drafts")
    )
    messages.success(
        request,
        f"{saved}. Submit them for approval; until an approver approves them, readers see the figures "
        "published before.",
    )
    return redirect("import-upload", gss_code=council.gss_code)


def _render_preview(request, council, batch, preview, refusal="", status=200):
    context = {
        "council": council,
        "batch": batch,
        "preview": preview,
        "refusal": refusal,
        "confirm_form": ImportConfirmForm(initial={"fingerprint": preview.fingerprint}),
        "rows_shown": PREVIEW_ROWS_SHOWN,
        "errors_shown": PREVIEW_ERRORS_SHOWN,
    }
    return render(request, "metrics/imports/preview.html", context, status=status)
