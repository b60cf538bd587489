"""Comparison figures for a measure: England, a region or a comparison group, each over its own period."""

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from pipdash.dates import period_label


class Benchmark(models.Model):
    """A comparison figure for a metric: England, a region or a comparison group."""

    class Area(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        GROUP = "group", "Comparison group"

    metric = models.ForeignKey("metrics.Metric", on_delete=models.CASCADE, related_name="benchmarks")
    area = models.CharField(max_length=10, choices=Area.choices)
    region = models.ForeignKey("programmes.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    group = models.ForeignKey(
        "programmes.ComparisonGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    missing_reason = models.CharField(max_length=40, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField()
    source_document = models.ForeignKey("programmes.SourceDocument", on_delete=models.PROTECT, related_name="+")
    source_quote = models.TextField(blank=True)
    release = models.ForeignKey("OfficialRelease", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["metric", "area", "period_end"]
        constraints = [
            models.UniqueConstraint(
                F("metric"),
                F("area"),
                Coalesce(F("region"), Value(0)),
                Coalesce(F("group"), Value(0)),
                Coalesce(F("period_start"), F("period_end")),
                F("period_end"),
                name="one_benchmark_per_area_and_period",
            ),
            models.CheckConstraint(
                condition=(Q(area="england") & Q(region__isnull=True) & Q(group__isnull=True))
                | (Q(area="region") & Q(region__isnull=False) & Q(group__isnull=True))
                | (Q(area="group") & Q(group__isnull=False) & Q(region__isnull=True)),
                name="benchmark_area_named_once",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(missing_reason=""), name="benchmark_has_value_or_reason"
            ),
        ]
        indexes = [models.Index(fields=["metric", "area", "period_end"], name="benchmark_metric_area_end")]

    def __str__(self):
        return f"{self.metric}: {self.area_label} {self.value}"

    @property
    def area_label(self) -> str:
        if self.area == self.Area.REGION and self.region_id:
            return self.region.name
        if self.area == self.Area.GROUP and self.group_id:
            return self.group.name
        return "England"

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)
