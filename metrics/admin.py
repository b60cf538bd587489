from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from metrics import models
from metrics.official.forms import EESUploadForm
from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.releases import Release
from metrics.official.report import EESImportError


@admin.register(models.Metric)
class MetricAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "direction", "kind", "council", "project", "is_key", "reporting_frequency"]
    list_filter = ["unit", "direction", "kind", "is_key", "reporting_frequency"]
    search_fields = ["name", "slug"]
    change_list_template = "metrics/official/admin_metric_changelist.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        metric = self.get_object(request, object_id)
        if request.method == "GET" and metric is not None and metric.has_approved_figures():
            messages.warning(
                request,
                "This measure has approved figures: its unit, kind and direction cannot change. "
                "For a new meaning, add a new measure. Changes to its definition are kept in its history.",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        upload = path("import-ees/", self.admin_site.admin_view(self.import_ees), name="metrics_metric_import_ees")
        return [upload, *super().get_urls()]

    def import_ees(self, request):
        """Upload a DfE Explore Education Statistics file: checked first, saved all or nothing."""
        if not request.user.has_perm("metrics.add_reading"):
            messages.error(request, "You need permission to add figures to import official statistics.")
            return redirect(reverse("admin:metrics_metric_changelist"))
        form = EESUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                report = ees_file_import(
                    data=data["data_file"].read(),
                    meta=data["meta_file"].read() if data["meta_file"] else None,
                    file_name=data["data_file"].name,
                    publication=Publication(
                        key=data["publication_key"], title=data["publication_title"], url=data["publication_url"]
                    ),
                    indicator=data["indicator"],
                    filters=data["filters"],
                    rule=data["rule"],
                    metric=MetricSpec(
                        name=data["name"],
                        unit=data["unit"],
                        kind=data["kind"],
                        direction=data["direction"],
                        definition=data["definition"],
                    ),
                    user=request.user,
                    dry_run=data["dry_run"],
                    release=Release(
                        name=data["release_name"],
                        published_on=data["release_date"],
                        replace_newer=data["replace_newer"],
                    ),
                    metric_slug=data["metric_slug"],
                )
            except EESImportError as exc:
                report = exc.report
                messages.error(request, "Nothing was imported: see the problems below.")
            else:
                level = messages.INFO if report.dry_run else messages.SUCCESS
                messages.add_message(request, level, report.lines()[1])
        context = {
            **self.admin_site.each_context(request),
            "title": "Import official statistics (EES tidy-data file)",
            "form": form,
            "report_lines": report.lines() if report else [],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "metrics/official/admin_ees_upload.html", context)


@admin.register(models.Reading)
class ReadingAdmin(SimpleHistoryAdmin):
    list_display = [
        "metric", "council", "project", "kind", "qualifier", "value", "period_start", "period_end", "status"
    ]
    list_filter = ["kind", "status", "unit"]
    search_fields = ["metric__name", "council__name"]
    raw_id_fields = ["metric", "council", "project", "source_document"]

    # Figures change only through metrics.services (validation, version, history, approval), on the
    # figure pages: an admin edit could leave a figure Approved with a stale published snapshot, or
    # set its status and approver by hand. So the admin shows figures and never writes them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting from history is a write like any other: the figure pages are the only way.
        if request.method == "POST":
            raise PermissionDenied("Figures are changed on their figure pages, not in the admin.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(models.Benchmark)
class BenchmarkAdmin(SimpleHistoryAdmin):
    list_display = ["metric", "area", "region", "group", "value", "period_end"]
    list_filter = ["area"]
    raw_id_fields = ["metric", "source_document"]


@admin.register(models.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Uploaded spreadsheets: who sent what, and when it was confirmed. The file itself is not editable."""

    list_display = ["file_name", "council", "user", "row_count", "created_at", "confirmed_at"]
    list_filter = ["file_format"]
    readonly_fields = [
        "user",
        "council",
        "file_name",
        "file_format",
        "sha256",
        "size",
        "row_count",
        "state",
        "task_id",
        "problem",
        "created_at",
        "confirmed_at",
    ]
    exclude = ["content"]


@admin.register(models.OfficialRelease)
class OfficialReleaseAdmin(SimpleHistoryAdmin):
    """Releases are recorded by the official-statistics import; the admin only reads them, so no release
    can be renamed or redated under the figures it vouches for."""

    list_display = ["publication_key", "name", "published_on", "file_name", "imported_at"]
    search_fields = ["publication_key", "name", "file_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.ReportingRule)
class ReportingRuleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "programme", "council", "starts_on", "due_working_days", "lock_after_days"]
    list_filter = ["programme"]
    autocomplete_fields = ["council"]


@admin.register(models.LockException)
class LockExceptionAdmin(SimpleHistoryAdmin):
    """An admin grants as an approver does (the model's clean refuses overlaps and past end dates); the
    granter is whoever saves it, never typed in."""

    list_display = ["__str__", "council", "metric", "period_end", "ends_on", "granted_by", "granted_at"]
    list_filter = ["council"]
    autocomplete_fields = ["council", "user"]
    raw_id_fields = ["metric"]
    exclude = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        obj._change_reason = ("Changed: " if change else "Granted: ") + obj.reason[:80]
        super().save_model(request, obj, form, change)
