"""What figures came in by: spreadsheets a manager uploaded, and the releases of official statistics
an import read. Models of the metrics app, kept apart from the measure core in metrics/models.py."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pipdash.dates import uk_date


class ImportBatch(models.Model):
    """A spreadsheet a manager uploaded: checked first (dry run), saved only when confirmed.

    The file is kept in the database, not in a process's memory, so the confirming request
    may reach any server.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("programmes.Council", on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=10)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)  # bytes, so pages need not load the content to know
    row_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class State(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        CHECKING = "checking", "Being checked"
        CHECKED = "checked", "Checked"
        SAVING = "saving", "Being saved"
        SAVED = "saved", "Saved"
        FAILED = "failed", "Could not be imported"

    # A large file is checked and saved by a background task; the preview page reads these.
    state = models.CharField(max_length=10, choices=State.choices, default=State.UPLOADED)
    task_id = models.CharField(max_length=64, blank=True)
    # The dry run's result, kept so a reload of the preview does not check every row again, with the
    # council's data version it was made against (a newer version means check again).
    checked_preview = models.BinaryField(null=True, editable=False)
    checked_version = models.PositiveIntegerField(null=True, editable=False)
    problem = models.TextField(blank=True)  # why a background check or save refused the file
    # Rows a background check has got through, of `row_count` read from the file, for the progress page.
    rows_checked = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name


class OfficialRelease(models.Model):
    """One release of an official publication an import read, so that an older one never overwrites a newer."""

    publication_key = models.CharField(max_length=50)
    name = models.CharField(max_length=200)
    published_on = models.DateField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["publication_key", "published_on"]
        constraints = [models.UniqueConstraint(fields=["publication_key", "name"], name="one_release_per_name")]

    def __str__(self):
        return f"{self.publication_key}: {self.name}"

    def citation(self) -> str:
        """The release as a source cites it: "release ‘Reporting year 2025’, published 26 February 2026"."""
        when = f"published {uk_date(self.published_on)}" if self.published_on else "publication date not recorded"
        return f"release ‘{self.name}’, {when}"
