"""Source documents: where every figure came from."""

from django.db import models
from simple_history.models import HistoricalRecords

from pipdash.dates import Precision, partial_date


class SourceDocument(models.Model):
    """A committee paper, minutes, a self-evaluation or an official publication."""

    class Kind(models.TextChoices):
        COMMITTEE_REPORT = "committee_report", "Committee report"
        MINUTES = "minutes", "Committee minutes"
        SELF_EVALUATION = "self_evaluation", "Self-evaluation"
        OFFICIAL_STATISTICS = "official_statistics", "Official statistics"
        INSPECTION_REPORT = "inspection_report", "Inspection report"
        DATA_ENTRY = "data_entry", "Entered in pipdash"
        SPREADSHEET = "spreadsheet", "Uploaded spreadsheet"

    key = models.SlugField(max_length=200, unique=True, help_text="A stable name, used by imports to stay idempotent.")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    council = models.ForeignKey(
        "programmes.Council", on_delete=models.PROTECT, null=True, blank=True, related_name="source_documents"
    )
    body = models.CharField(max_length=200, blank=True, help_text="Who it went to, e.g. Executive Board")
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=10, choices=Precision.CHOICES, default=Precision.DAY)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True, max_length=500)
    file_name = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title

    @property
    def date_label(self) -> str:
        return partial_date(self.published_on, self.published_precision)

    @property
    def citation(self) -> str:
        parts = [self.title]
        if self.body:
            parts.append(self.body)
        if self.published_on:
            parts.append(self.date_label)
        return ", ".join(parts)


class CommitteeMeeting(models.Model):
    """A meeting of the committee that reads a council's dashboard: "since we last met" starts here."""

    council = models.ForeignKey("programmes.Council", on_delete=models.CASCADE, related_name="committee_meetings")
    committee = models.CharField(max_length=200, help_text="e.g. Children and Young People Scrutiny Committee")
    meets_on = models.DateField()
    paper_url = models.URLField(blank=True, max_length=500, help_text="The paper or agenda, if published.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "-meets_on"]
        constraints = [
            models.UniqueConstraint(fields=["council", "committee", "meets_on"], name="one_meeting_per_committee_day")
        ]
        indexes = [models.Index(fields=["council", "meets_on"], name="meeting_council_date")]

    def __str__(self):
        return f"{self.committee}, {self.meets_on:%d %B %Y}"
