"""Metrics, dated readings (actual, target, baseline) and benchmarks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from metrics.benchmark_models import Benchmark
from metrics.intake_models import ImportBatch, OfficialRelease
from metrics.lock_models import LockException
from metrics.schedule_models import ReportingFrequency, ReportingRule
from metrics.units import Direction, MeasureKind, Qualifier, Unit, format_value
from pipdash.dates import period_label
from pipdash.web.history import ApiTokenHistory
from pipdash.web.model_copies import shallow_copy


class Metric(models.Model):
    """What is measured, in which unit, and which way is good.

    A metric with no council has a common definition (DfE's turnover rate) and may be
    compared across councils; a council's own metric (Lincolnshire's staff trained) may not.
    """

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    kind = models.CharField(max_length=20, choices=MeasureKind.choices)
    definition = models.TextField(blank=True)
    compared_with = models.CharField(max_length=300, blank=True, help_text="For a change: what it is measured against.")
    council = models.ForeignKey(
        "programmes.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_metrics",
        help_text="Blank for a metric with a common, official definition.",
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="metrics"
    )
    is_key = models.BooleanField(default=False, help_text="Charted on the council page.")
    reporting_frequency = models.CharField(
        max_length=20, choices=ReportingFrequency.choices, blank=True,
        help_text="How often the council returns this figure; blank when it is not on the returns schedule.",
    )
    official_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text="For official statistics: publication, indicator and filters, so a re-import finds it.",
    )
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # Bumped by every write that changes what the measure's compare page shows (metrics/data_versions.py).
    data_version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["data_version"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=True) | Q(council__isnull=False),
                name="project_metric_belongs_to_a_council",
            ),
            models.CheckConstraint(condition=~Q(kind="money") | Q(unit="gbp"), name="money_metric_in_pounds"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Never write back the data version the measure was loaded with (as Council.save).
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "data_version"
            ]
        super().save(*args, **kwargs)

    # What a figure of this measure means. Once any figure is approved these cannot change (issue 15):
    # a committee pack read last year must mean today what it meant then. A new meaning is a new measure.
    MEANING_FIELDS = ("unit", "kind", "direction")

    def clean(self):
        super().clean()
        if not self.pk or not self.has_approved_figures():
            return
        stored = Metric.objects.filter(pk=self.pk).values(*self.MEANING_FIELDS).first() or {}
        errors = {
            name: (
                f"The {self._meta.get_field(name).verbose_name} cannot change: this measure has approved figures. "
                "Add a new measure for the new meaning."
            )
            for name in self.MEANING_FIELDS
            if name in stored and stored[name] != getattr(self, name)
        }
        if errors:
            raise ValidationError(errors)

    def has_approved_figures(self) -> bool:
        approved = Q(published_value__isnull=False) | Q(published_at__isnull=False)
        return self.pk is not None and self.readings.filter(approved).exists()

    @property
    def is_common(self) -> bool:
        return self.council_id is None

    def format(self, value) -> str:
        return format_value(value, self.unit)


def _percent_in_range(field: str) -> Q:
    return ~Q(unit=Unit.PERCENT) | Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100})


def _count_not_negative(field: str) -> Q:
    return ~Q(unit=Unit.COUNT) | Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0})


class ReadingQuerySet(models.QuerySet):
    def approved(self):
        """Figures that have been published at least once; show their published value."""
        return self.filter(published_value__isnull=False)

    def actuals(self):
        return self.filter(kind=Reading.Kind.ACTUAL)

    def published_actuals(self):
        """Actuals as readers see them: by the approved snapshot's kind, not a pending draft's."""
        return self.filter(published_kind=Reading.Kind.ACTUAL)


class Reading(models.Model):
    """One figure: a metric's value for a council (and perhaps a project) over a stated period."""

    class Kind(models.TextChoices):
        ACTUAL = "actual", "Actual"
        TARGET = "target", "Target"
        BASELINE = "baseline", "Baseline"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="readings")
    council = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="readings")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="readings"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ACTUAL)
    # The unit is the metric's, copied so that the database itself can refuse a percentage of 120.
    unit = models.CharField(max_length=20, choices=Unit.choices, editable=False)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    # As the source states it: "over 50" is kept as 50 with "over", never rounded into an exact 50.
    qualifier = models.CharField(
        max_length=10, choices=Qualifier.choices, blank=True, default="", help_text="Blank when the figure is exact."
    )
    missing_reason = models.CharField(
        max_length=40, blank=True, help_text="Why there is no value: c (confidential), x (not available), ..."
    )
    period_start = models.DateField(null=True, blank=True, help_text="Blank for a figure as at one date.")
    period_end = models.DateField(help_text="The 'as at' date, or the last day of the period.")
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="readings"
    )
    source_location = models.CharField(max_length=200, blank=True, help_text="Where in the document, e.g. 'Project 1'.")
    release = models.ForeignKey("OfficialRelease", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_quote = models.TextField(blank=True)
    note = models.TextField(blank=True)
    explanation = models.TextField(
        blank=True, help_text="Why an unusual figure is right (a cumulative total that fell, an outlier)."
    )
    # What the council is doing about an off-track figure, and who is doing it: published with the figure.
    recovery_action = models.TextField(blank=True, help_text="What is being done to bring it back on track.")
    action_owner = models.CharField(max_length=200, blank=True, help_text="Who owns that action.")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # What readers beyond the council see: the last approved value, kept while a newer draft awaits approval.
    published_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The rest of the approved snapshot: an edit awaiting approval must not change what readers see
    # of its kind, period or explanation any more than of its value. Written only by approval.
    published_kind = models.CharField(max_length=10, choices=Kind.choices, blank=True, editable=False)
    published_period_start = models.DateField(null=True, blank=True, editable=False)
    published_period_end = models.DateField(null=True, blank=True, editable=False)
    published_qualifier = models.CharField(max_length=10, choices=Qualifier.choices, blank=True, editable=False)
    published_missing_reason = models.CharField(max_length=40, blank=True, editable=False)
    published_source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    published_source_location = models.CharField(max_length=200, blank=True, editable=False)
    published_source_quote = models.TextField(blank=True, editable=False)
    published_note = models.TextField(blank=True, editable=False)
    published_explanation = models.TextField(blank=True, editable=False)
    published_recovery_action = models.TextField(blank=True, editable=False)
    published_action_owner = models.CharField(max_length=200, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReadingQuerySet.as_manager()
    # Each change names the API token it was made with, if any (pipdash/api/history.py).
    history = HistoricalRecords(bases=[ApiTokenHistory])

    class Meta:
        ordering = ["metric", "council", "period_end", "kind"]
        constraints = [
            models.UniqueConstraint(
                F("metric"),
                F("council"),
                Coalesce(F("project"), Value(0)),
                Coalesce(F("period_start"), F("period_end")),
                F("period_end"),
                F("kind"),
                name="one_reading_per_metric_council_project_period_kind",
                violation_error_message="There is already a figure of this kind for this metric and period.",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(missing_reason=""), name="reading_has_value_or_reason"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_start__lte=F("period_end")),
                name="reading_period_in_order",
            ),
            models.CheckConstraint(
                condition=_percent_in_range("value") & _percent_in_range("published_value"),
                name="reading_percentage_0_to_100",
                violation_error_message="A percentage must be between 0 and 100.",
            ),
            models.CheckConstraint(
                condition=_count_not_negative("value") & _count_not_negative("published_value"),
                name="reading_count_not_negative",
                violation_error_message="A count cannot be negative.",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "metric", "period_end"], name="reading_council_metric_end"),
            models.Index(fields=["metric", "kind", "period_end"], name="reading_metric_kind_end"),
            models.Index(fields=["project", "metric", "period_end"], name="reading_project_metric_end"),
            # Which measures have figures filed against a project: one probe per measure finds that a common
            # measure has none, where a scan of the project's readings read every one (issue 20).
            models.Index(fields=["metric"], condition=models.Q(project__isnull=False), name="reading_metric_filed"),
            # Other councils' lowest and highest approved figures, for a save's outlier check (issue 20).
            models.Index(fields=["metric", "kind", "published_value"], name="reading_metric_kind_published"),
            # The newest published period of a measure any council has, and every council's figure at it, for
            # the compare page: a probe at the index's end, not a read of the measure's every figure (issue 20).
            # On published_kind, which the page filters on: a draft's kind may differ from its snapshot's.
            models.Index(
                fields=["metric", "published_period_end"],
                condition=models.Q(project__isnull=True, published_kind="actual"),
                name="reading_compare_latest",
            ),
        ]

    def __str__(self):
        return f"{self.metric}: {self.display_value} ({self.period_label})"

    def save(self, *args, **kwargs):
        if self.metric_id and not self.unit:
            self.unit = self.metric.unit
        # A figure published by code that set only its value (an older loader, a fixture) gets the
        # snapshot of what it was then; once taken, only approval replaces it.
        published = self.published_value is not None or self.published_at is not None
        if (published or self.status == Reading.Status.APPROVED) and not self.published_kind:
            self.take_snapshot(self.published_at or timezone.now())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *SNAPSHOT_FIELDS, "published_at"}
        super().save(*args, **kwargs)

    def take_snapshot(self, when) -> None:
        """Copy the figure as it stands into its published snapshot: only approval (and importers of
        already-approved official figures) may call this."""
        for published, draft in SNAPSHOT_FIELDS.items():
            setattr(self, published, getattr(self, draft))
        self.published_at = when

    def snapshot_changes(self, when) -> dict:
        """The same snapshot as field: value pairs, for an update() or a version-checked transition."""
        changes = {published: getattr(self, draft) for published, draft in SNAPSHOT_FIELDS.items()}
        changes["published_at"] = when
        return changes

    def as_published(self) -> "Reading":
        """A copy of this reading showing only its approved snapshot, for everyone outside the council.

        The copy is never saved; it is what selectors hand to pages, charts and downloads so that
        none of them can read a pending draft's kind, dates or words by mistake."""
        shown = shallow_copy(self)  # a council page copies ~1,200 readings
        if self.published_at is None and self.published_value is None:
            return shown
        for published, draft in SNAPSHOT_FIELDS.items():
            setattr(shown, draft, getattr(self, published))
        shown.status = Reading.Status.APPROVED
        cached = shown._state.fields_cache.get("source_document")
        if cached is not None and cached.pk != shown.source_document_id:
            shown._state.fields_cache.pop("source_document")
        return shown

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def display_value(self) -> str:
        if self.value is None:
            return f"missing ({self.missing_reason})"
        return format_value(self.value, self.unit or self.metric.unit, self.qualifier)


# Published column: the draft column it snapshots.
SNAPSHOT_FIELDS = {
    "published_value": "value",
    "published_qualifier": "qualifier",
    "published_kind": "kind",
    "published_period_start": "period_start",
    "published_period_end": "period_end",
    "published_missing_reason": "missing_reason",
    "published_source_document_id": "source_document_id",
    "published_source_location": "source_location",
    "published_source_quote": "source_quote",
    "published_note": "note",
    "published_explanation": "explanation",
    "published_recovery_action": "recovery_action",
    "published_action_owner": "action_owner",
}

__all__ = [
    "Benchmark", "ImportBatch", "LockException", "Metric", "OfficialRelease", "Reading", "ReportingFrequency",
    "ReportingRule",
]
