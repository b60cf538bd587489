"""A committee pack as it was built: who asked, when, for which committee and dates, and its files.

The files are kept in the database (not on one host's disk), so any instance serves them, and a
pack sent to committee opens again byte for byte unchanged, whatever has changed in pipdash since.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse


class ReportPack(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    council = models.ForeignKey("programmes.Council", on_delete=models.PROTECT, related_name="report_packs")
    committee = models.CharField(max_length=200)
    meeting_on = models.DateField()
    since = models.DateField(help_text="Changes since this date: the last committee.")
    as_at = models.DateField(help_text="Figures dated on or before this date.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPARING)
    problem = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    annex_starts = models.PositiveIntegerField(null=True, blank=True, help_text="The page the annex starts on.")
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    docx = models.BinaryField(null=True, blank=True, editable=False)

    # Built with this council's figures not yet approved (its managers and approvers see them): then only
    # they may open it; a pack of approved figures only may be opened by anyone who reads the council.
    includes_drafts = models.BooleanField(default=False)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.committee}, {self.meeting_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("report-pack", kwargs={"pk": self.pk})

    @property
    def filename(self) -> str:
        return f"{self.council.slug}-committee-pack-{self.meeting_on.isoformat()}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
