from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from metrics import models


@admin.register(models.Metric)
class MetricAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "direction", "kind", "council", "project", "is_key"]
    list_filter = ["unit", "direction", "kind", "is_key"]
    search_fields = ["name", "slug"]


@admin.register(models.Reading)
class ReadingAdmin(SimpleHistoryAdmin):
    list_display = ["metric", "council", "project", "kind", "value", "period_start", "period_end", "status"]
    list_filter = ["kind", "status", "unit"]
    search_fields = ["metric__name", "council__name"]
    raw_id_fields = ["metric", "council", "project", "source_document"]


@admin.register(models.Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ["metric", "area", "region", "group", "value", "period_end"]
    list_filter = ["area"]
    raw_id_fields = ["metric", "source_document"]
