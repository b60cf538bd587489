"""Workstreams, projects, the people who lead them, milestones, progress updates and risks."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pipdash.dates import Precision, partial_date
from projects.signoff import RiskQuerySet, SignedOff, SignedOffQuerySet


class Pillar(models.TextChoices):
    """The three pillars of DfE's Putting Children First reforms (July 2016)."""

    PEOPLE_AND_LEADERSHIP = "people_leadership", "People and Leadership"
    PRACTICE_AND_SYSTEMS = "practice_systems", "Practice and Systems"
    GOVERNANCE_AND_ACCOUNTABILITY = "governance_accountability", "Governance and Accountability"


class Person(models.Model):
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    council = models.ForeignKey(
        "programmes.Council", on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [models.UniqueConstraint(fields=["name", "council"], name="one_person_per_name_per_council")]

    def __str__(self):
        return self.name


class Workstream(models.Model):
    """One grouping concept: a PiP workstream, a Getting to Good key area, a self-evaluation service area."""

    class Kind(models.TextChoices):
        WORKSTREAM = "workstream", "Workstream"
        KEY_AREA = "key_area", "Key area"
        SERVICE_AREA = "service_area", "Service area"
        PROGRAMME_ELEMENT = "element", "Programme element"

    council = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="workstreams")
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT, related_name="workstreams")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="As numbered in the source.")
    name = models.CharField(max_length=200)
    pillar = models.CharField(max_length=30, choices=Pillar.choices, blank=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "programme", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "programme", "name"], name="one_workstream_name_per_programme")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


class Project(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"
        SUSTAINED = "sustained", "Sustained in mainstream budgets"
        CONTINUED = "continued", "Continued into a new phase"

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="projects")
    council = models.ForeignKey(
        "programmes.Council",
        on_delete=models.PROTECT,
        related_name="projects",
        help_text="Always the workstream's council; kept here so pages filter projects without a join.",
    )
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="As numbered in the source (1, 2, 3, 4, 7, 8)."
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    aim = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_changed_on = models.DateField(null=True, blank=True)
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "workstream__position", "number", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="project_slug_unique_per_council")]

    def __str__(self):
        return f"{self.number}. {self.name}" if self.number else self.name

    def get_absolute_url(self):
        return reverse("project-detail", kwargs={"gss_code": self.council.gss_code, "slug": self.slug})


class ProjectStatusChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=Project.Status.choices)
    changed_on = models.DateField()
    changed_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    note = models.TextField(blank=True)
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_quote = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "changed_on"]
        constraints = [
            models.UniqueConstraint(fields=["project", "status", "changed_on"], name="one_status_change_per_day")
        ]

    def __str__(self):
        return f"{self.project}: {self.get_status_display()} from {self.changed_label}"

    @property
    def changed_label(self):
        return partial_date(self.changed_on, self.changed_precision)


class Lead(models.Model):
    class Role(models.TextChoices):
        PROJECT_MANAGER = "project_manager", "Project manager"
        SENIOR_MANAGER = "senior_manager", "Senior manager lead"
        AUTHOR = "author", "Report author"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="leads")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leads")
    role = models.CharField(max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "role", "person__name"]
        constraints = [models.UniqueConstraint(fields=["project", "person", "role"], name="one_lead_per_role")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.project})"


class MilestoneQuerySet(SignedOffQuerySet):
    def overdue(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.filter(done_on__isnull=True, due_on__lt=today)

    def overdue_shown_to(self, access, today: dt.date | None = None):
        """Overdue as this viewer sees the milestones: the working copy inside the council, the
        approved copy elsewhere (a completion awaiting approval is not yet done for readers)."""
        today = today or timezone.localdate()
        inside = Q(project__council_id__in=access.draft_council_ids, done_on__isnull=True, due_on__lt=today)
        outside = Q(published_at__isnull=False, published_done_on__isnull=True, published_due_on__lt=today) & ~Q(
            project__council_id__in=access.draft_council_ids
        )
        return self.filter(inside | outside)


class Milestone(SignedOff):
    """A dated step of a project. Adding one, changing it or marking it done is signed off like a figure."""

    PUBLISHED = {
        "published_title": "title",
        "published_due_on": "due_on",
        "published_due_precision": "due_precision",
        "published_done_on": "done_on",
    }

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    due_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    done_on = models.DateField(null=True, blank=True)
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_quote = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_title = models.CharField(max_length=300, blank=True, editable=False)
    published_due_on = models.DateField(null=True, blank=True, editable=False)
    published_due_precision = models.CharField(max_length=10, choices=Precision.CHOICES, blank=True, editable=False)
    published_done_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["project", "title", "due_on"], name="one_milestone_per_title_and_date")
        ]

    def __str__(self):
        return self.title

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.done_on is None and self.due_on < today

    @property
    def due_label(self):
        return partial_date(self.due_on, self.due_precision)


class ProgressUpdate(SignedOff):
    """A narrative of progress for one project over a period, as reported; signed off like a figure."""

    PUBLISHED = {
        "published_period_start": "period_start",
        "published_period_end": "period_end",
        "published_summary": "summary",
    }

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField()
    summary = models.TextField()
    author = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_period_start = models.DateField(null=True, blank=True, editable=False)
    published_period_end = models.DateField(null=True, blank=True, editable=False)
    published_summary = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SignedOffQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True) | models.Q(period_start__lte=models.F("period_end")),
                name="update_period_in_order",
            )
        ]

    def __str__(self):
        return f"{self.project}: update to {self.period_end}"


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="risks")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="risks")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
    )
    description = models.TextField()
    # Blank when the source states a risk without scoring it: we do not invent scores.
    likelihood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    owner = models.CharField(max_length=200, blank=True)
    mitigation = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    source_document = models.ForeignKey(
        "programmes.SourceDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RiskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "-likelihood", "-impact"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=False) | models.Q(programme__isnull=False),
                name="risk_belongs_to_project_or_programme",
            ),
            models.CheckConstraint(
                condition=(models.Q(likelihood__isnull=True) | models.Q(likelihood__gte=1, likelihood__lte=5))
                & (models.Q(impact__isnull=True) | models.Q(impact__gte=1, impact__lte=5)),
                name="risk_scores_one_to_five",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def score(self) -> int | None:
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact
