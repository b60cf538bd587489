from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects import models


@admin.register(models.Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "job_title", "council"]
    search_fields = ["name"]


@admin.register(models.Workstream)
class WorkstreamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "council", "programme", "pillar"]
    list_filter = ["kind", "programme"]


class LeadInline(admin.TabularInline):
    model = models.Lead
    extra = 0
    autocomplete_fields = ["person"]


class StatusChangeInline(admin.TabularInline):
    model = models.ProjectStatusChange
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "number", "council", "workstream", "status"]
    list_filter = ["status", "council"]
    search_fields = ["name"]
    inlines = [LeadInline, StatusChangeInline]


@admin.register(models.Lead)
class LeadAdmin(SimpleHistoryAdmin):
    list_display = ["person", "role", "project"]


@admin.register(models.ProjectStatusChange)
class ProjectStatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["project", "status", "changed_on"]


@admin.register(models.Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "due_on", "done_on"]


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["project", "period_start", "period_end"]


@admin.register(models.Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["description", "council", "likelihood", "impact", "status"]
