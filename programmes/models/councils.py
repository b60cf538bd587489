"""Councils (local authorities with children's services), regions, Ofsted judgements, comparison groups."""

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

gss_code_validator = RegexValidator(r"^E\d{8}$", "A GSS code is E followed by eight digits, like E10000019")
dfe_number_validator = RegexValidator(r"^\d{3}$", "A DfE LA number is three digits, like 925")


class Region(models.Model):
    """An English region (GSS E12...), or England itself (E92000001)."""

    gss_code = models.CharField("GSS code", max_length=9, unique=True, validators=[gss_code_validator])
    name = models.CharField(max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CouncilQuerySet(models.QuerySet):
    def operating_on(self, day: dt.date):
        return self.filter(models.Q(operational_from__lte=day) | models.Q(operational_from__isnull=True)).filter(
            models.Q(operational_to__gte=day) | models.Q(operational_to__isnull=True)
        )

    def live(self):
        return self.filter(operational_to__isnull=True)


# Kept by programmes/data_versions.py, never written back by a save of the council itself.
VERSION_FIELDS = ("data_version", "published_version", "background_version")


class Council(models.Model):
    """A local authority with children's services. Councils that no longer exist are kept, with successors."""

    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        METROPOLITAN = "metropolitan", "Metropolitan district"
        LONDON = "london", "London borough"
        UNITARY = "unitary", "Unitary authority"

    gss_code = models.CharField("GSS code", max_length=9, unique=True, validators=[gss_code_validator])
    dfe_number = models.CharField(
        "DfE LA number",
        max_length=3,
        blank=True,
        validators=[dfe_number_validator],
        help_text="Not unique over time: a council that got a new GSS code keeps its DfE number.",
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    operational_from = models.DateField(null=True, blank=True)
    operational_to = models.DateField(null=True, blank=True, help_text="Blank while the council exists.")
    successors = models.ManyToManyField("self", symmetrical=False, related_name="predecessors", blank=True)
    # Bumped by every write that changes what the council's pages show; cached page content is keyed on it.
    data_version = models.PositiveIntegerField(default=1, editable=False)
    # Bumped only by writes that change what everyone sees (approved figures), not by a draft: the version of
    # the pages of viewers who may not see the council's drafts (programmes/data_versions.py).
    published_version = models.PositiveIntegerField(default=1, editable=False)
    # Bumped only by writes that can change the page's background sections (programmes, funding, Ofsted,
    # partnerships), not by a figure's: the stored background (pipdash/dashboards/council_background.py) is
    # keyed on it, so the common write leaves it current.
    background_version = models.PositiveIntegerField(default=0, editable=False)

    objects = CouncilQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=list(VERSION_FIELDS))

    class Meta:
        ordering = ["name", "-operational_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(operational_to__isnull=True)
                | models.Q(operational_from__isnull=True)
                | models.Q(operational_to__gte=models.F("operational_from")),
                name="council_operates_before_it_ends",
            )
        ]

    def __str__(self):
        if self.operational_to:
            return f"{self.name} (to {self.operational_to.year})"
        return self.name

    def save(self, *args, **kwargs):
        # Saving a council (an admin edit) must never write back the data versions it was loaded with:
        # writes since then have moved it on, and an older version's cached pages may still be stored.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in VERSION_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("council-detail", kwargs={"gss_code": self.gss_code})

    def version_seen_by(self, access) -> int:
        """The version of this council's pages as this viewer sees them: with its drafts or without
        (programmes/data_versions.py)."""
        return self.data_version if access.can_see_drafts(self) else self.published_version

    @property
    def is_live(self) -> bool:
        return self.operational_to is None


class OfstedJudgement(models.Model):
    """One published Ofsted judgement of a council's children's services."""

    class Framework(models.TextChoices):
        SIF = "sif", "Single inspection framework (SIF)"
        ILACS = "ilacs", "Inspection of local authority children's services (ILACS)"
        FOCUSED_VISIT = "focused_visit", "Focused visit"
        MONITORING_VISIT = "monitoring_visit", "Monitoring visit"

    class Grade(models.TextChoices):
        OUTSTANDING = "outstanding", "Outstanding"
        GOOD = "good", "Good"
        REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement to be good"
        INADEQUATE = "inadequate", "Inadequate"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="ofsted_judgements")
    framework = models.CharField(max_length=20, choices=Framework.choices)
    inspection_type = models.CharField(max_length=100, blank=True)
    inspected_on = models.DateField(null=True, blank=True)
    inspected_precision = models.CharField(max_length=10, default="day")
    published_on = models.DateField(null=True, blank=True)
    overall_effectiveness = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    report_url = models.URLField(blank=True)
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="ofsted_judgements"
    )
    source_quote = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "-inspected_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "framework", "inspected_on"], name="one_judgement_per_inspection"
            )
        ]

    def __str__(self):
        return f"{self.council}: {self.get_overall_effectiveness_display() or self.get_framework_display()}"


class OfstedSubJudgement(models.Model):
    """A judgement on one area ("good" for adoption), beside the overall effectiveness."""

    judgement = models.ForeignKey(OfstedJudgement, on_delete=models.CASCADE, related_name="sub_judgements")
    area = models.CharField(max_length=200)
    grade = models.CharField(max_length=30, choices=OfstedJudgement.Grade.choices)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judgement", "area"], name="one_grade_per_area")]

    def __str__(self):
        return f"{self.area}: {self.get_grade_display()}"


class ComparisonGroup(models.Model):
    """A named set of councils to compare with each other."""

    class Kind(models.TextChoices):
        STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
        PROGRAMME = "programme", "Programme councils"
        CURATED = "curated", "Curated set"
        SAVED = "saved", "Saved by a user"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(blank=True)
    anchor = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="For statistical neighbours: the council whose neighbours these are.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="comparison_groups"
    )
    councils = models.ManyToManyField(Council, related_name="comparison_groups")
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name
