"""What the reminder emails keep: each reminder sent (so none is sent twice) and each person's choice."""

from django.conf import settings
from django.db import models


class SentReminder(models.Model):
    """One thing a person was reminded of, in one state ('due', 'overdue', 'awaiting'): never again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_thing")]


class ReminderPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opted_out = models.BooleanField(default=False)
    # The last time the email address could not be reached: recorded, and the run carries on.
    bounced_at = models.DateTimeField(null=True, blank=True)
    bounce_reason = models.CharField(max_length=300, blank=True)
