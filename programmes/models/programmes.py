"""Improvement programmes, who takes part, what they are funded, and who supports whom."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pipdash.dates import FinancialYear, Precision, partial_date, uk_date


def validate_financial_year(value: str) -> None:
    try:
        FinancialYear.parse(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class Programme(models.Model):
    """Partners in Practice, the Innovation Programme, a council's Getting to Good plan, a self-evaluation."""

    class Kind(models.TextChoices):
        PARTNERS_IN_PRACTICE = "pip", "Partners in Practice"
        INNOVATION = "innovation", "Innovation Programme"
        IMPROVEMENT_PLAN = "improvement_plan", "Improvement plan"
        SELF_EVALUATION = "self_evaluation", "Self-evaluation"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    funder = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    starts_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    ends_on = models.DateField(null=True, blank=True)
    ends_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    owner = models.ForeignKey(
        "programmes.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_programmes",
        help_text="For a council's own plan; blank for national programmes.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme-detail", kwargs={"slug": self.slug})

    @property
    def starts_label(self):
        return partial_date(self.starts_on, self.starts_precision)

    @property
    def ends_label(self):
        return partial_date(self.ends_on, self.ends_precision)


class Participation(models.Model):
    """A council in a programme."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Taking part"
        ENDED = "ended", "Ended"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participations")
    council = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="participations")
    joined_on = models.DateField(null=True, blank=True)
    joined_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    left_on = models.DateField(null=True, blank=True)
    left_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_quote = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "council__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "council"], name="one_participation_per_council"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="participation_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.council} in {self.programme}"

    @property
    def joined_label(self):
        return partial_date(self.joined_on, self.joined_precision)

    def status_label(self, today: dt.date | None = None) -> str:
        """"taking part", "ended", or "programme ended 31 March 2020" when the programme closed around it."""
        today = today or timezone.localdate()
        ends_on = self.programme.ends_on
        if self.status == self.Status.ACTIVE and self.left_on is None and ends_on and ends_on < today:
            return f"programme ended {self.programme.ends_label}"
        return self.get_status_display().lower()

    @property
    def left_label(self):
        return partial_date(self.left_on, self.left_precision)


class Funding(models.Model):
    """Money a council received for a programme or project. Pounds and pence as Decimal, never float."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="funding")
    council = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="funding")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="funding"
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    financial_year = models.CharField(max_length=7, blank=True, validators=[validate_financial_year])
    received_on = models.DateField(null=True, blank=True)
    received_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    description = models.CharField(max_length=300)
    is_approximate = models.BooleanField(default=False, help_text='The source rounded it ("£9.6m").')
    source_document = models.ForeignKey("programmes.SourceDocument", on_delete=models.PROTECT, related_name="+")
    source_quote = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "financial_year", "received_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(financial_year="") | models.Q(received_on__isnull=False),
                name="funding_has_a_year_or_date",
            ),
        ]

    def __str__(self):
        return f"£{self.amount:,.0f} {self.description}"

    @property
    def when_label(self) -> str:
        if self.financial_year:
            return self.financial_year
        return partial_date(self.received_on, self.received_precision)


class ImprovementPartnership(models.Model):
    """One council supporting another (Lincolnshire supported Rotherham; Leeds supports Kirklees)."""

    class Kind(models.TextChoices):
        INTERVENTION = "intervention", "Intervention partner"
        IMPROVEMENT = "improvement", "Improvement partner"
        TIER_1 = "tier_1", "Tier 1: improvement and advice"
        TIER_2 = "tier_2", "Tier 2: modular support"
        TIER_3 = "tier_3", "Tier 3: partnership improvement support"
        PRACTICE_SUPPORT = "practice_support", "Practice support"
        PEER = "peer", "Peer support"

    supporting = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="partnerships_given")
    supported = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="partnerships_received")
    programme = models.ForeignKey(Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField(null=True, blank=True)
    starts_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    ends_on = models.DateField(null=True, blank=True)
    ends_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    description = models.TextField(blank=True)
    source_document = models.ForeignKey("programmes.SourceDocument", on_delete=models.PROTECT, related_name="+")
    source_quote = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["supporting__name", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supporting=models.F("supported")), name="partnership_between_two_councils"
            ),
            models.UniqueConstraint(
                fields=["supporting", "supported", "kind", "source_document"], name="one_partnership_per_source"
            ),
        ]

    def __str__(self):
        return f"{self.supporting} supports {self.supported}"

    @property
    def starts_label(self):
        return partial_date(self.starts_on, self.starts_precision)

    @property
    def ends_label(self):
        return partial_date(self.ends_on, self.ends_precision)

    @property
    def ended_on(self):
        """When it ended: the date a source gives, or else the day a party ceased to exist
        (Lincolnshire's support for Northamptonshire ended when Northamptonshire was abolished on
        31 March 2021). None while both councils exist and no source gives an end."""
        if self.ends_on:
            return self.ends_on
        ceased = [c.operational_to for c in self._parties_that_ceased()]
        return min(ceased) if ceased else None

    def _parties_that_ceased(self) -> list:
        # A council replaced one-to-one (a recode) did not cease: its series carries on. Readers that know
        # the successor links (programmes/continuity.py) mark such a council `carried_on`.
        parties = (self.supporting, self.supported)
        return [c for c in parties if c.operational_to and not getattr(c, "carried_on", False)]

    @property
    def end_text(self) -> str:
        """Its end as a reader should be told it: never "Continuing" on the strength of silence.

        Needs `supporting`, `supported` and `source_document` loaded (select_related).
        """
        if self.ends_on:
            return self.ends_label
        if ended := self.ended_on:
            gone = [c.name for c in self._parties_that_ceased() if c.operational_to == ended]
            return f"{uk_date(ended)}, when {' and '.join(gone)} ceased to exist"
        as_at = self.source_document.date_label if self.source_document.published_on else ""
        return f"Ongoing as at {as_at}" if as_at else "No end stated"
