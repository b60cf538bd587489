"""Named exceptions to a locked period: one person may still change one council's figures until a date.

After a period locks (metrics.schedule) its figures are fixed; an approver of the council, or an
admin, may let one named manager change them again, for one measure or all, one period or every
locked one, with a reason and an end date. The rules a grant must keep are in `clean`, so the admin,
the approvers' page and the service (`metrics.schedule_locks.lock_exception_grant`) refuse the same things.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pipdash.dates import uk_date


class LockExceptionQuerySet(models.QuerySet):
    def current(self, on):
        """Exceptions still in force on `on`: an exception ends at the end of its end date."""
        return self.filter(ends_on__gte=on)

    def covering(self, *, metric_id, period_end):
        """Exceptions for this measure (or every measure) and this period (or every locked period)."""
        return self.filter(Q(metric_id=metric_id) | Q(metric__isnull=True)).filter(
            Q(period_end=period_end) | Q(period_end__isnull=True)
        )


class LockException(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lock_exceptions",
        help_text="The programme manager who may change the locked figures.",
    )
    council = models.ForeignKey("programmes.Council", on_delete=models.CASCADE, related_name="lock_exceptions")
    metric = models.ForeignKey(
        "metrics.Metric",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lock_exceptions",
        help_text="Blank for every measure of the council.",
    )
    period_end = models.DateField(
        null=True, blank=True, help_text="The last day of the locked period; blank for every locked period."
    )
    reason = models.TextField(help_text="Why the figures may change after the lock.")
    ends_on = models.DateField(help_text="The last day the exception allows changes.")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    objects = LockExceptionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["ends_on", "pk"]
        indexes = [models.Index(fields=["user", "council", "ends_on"], name="lock_exception_lookup")]

    def __str__(self):
        return f"Edits allowed for {self.user_name} until {uk_date(self.ends_on)}"

    @property
    def user_name(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def covers(self) -> str:
        """What the exception is for, in words: 'Measure 1, period ending 30 November 2026'."""
        measure = self.metric.name if self.metric_id else "every measure"
        period = f"the period ending {uk_date(self.period_end)}" if self.period_end else "every locked period"
        return f"{measure}, {period}"

    def clean(self):
        from metrics.schedule import today

        self.reason = (self.reason or "").strip()
        errors = {}
        if not self.reason:
            errors["reason"] = ["Enter why the figures may change after the lock"]
        if self.ends_on is not None and self.ends_on < today():
            errors["ends_on"] = ["The end date must be today or in the future"]
        if self.metric_id and self.council_id and self.metric.council_id != self.council_id:
            errors["metric"] = ["Choose one of this council's own measures"]
        if errors:
            raise ValidationError(errors)
        if self.user_id and self.council_id and self.ends_on is not None:
            self._refuse_overlap()

    def _refuse_overlap(self):
        """Two current exceptions for the same person, council, measure and period would make it unclear
        which reason and end date hold: refuse the second, naming the first."""
        from metrics.schedule import today

        others = LockException.objects.filter(user_id=self.user_id, council_id=self.council_id).current(today())
        if self.metric_id:
            others = others.filter(Q(metric_id=self.metric_id) | Q(metric__isnull=True))
        if self.period_end:
            others = others.filter(Q(period_end=self.period_end) | Q(period_end__isnull=True))
        other = others.exclude(pk=self.pk).select_related("user", "metric").first()
        if other is not None:
            raise ValidationError(
                f"{other.user_name} already has an exception for {other.covers} until {uk_date(other.ends_on)}, "
                "which overlaps this one. Wait for it to end, or choose another measure or period."
            )
