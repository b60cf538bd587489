"""When a council's returns are due and when they lock: a reporting rule per programme or council."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    SIX_WEEKLY = "six_weekly", "Every six weeks"
    ANNUAL = "annual", "Annual (financial year)"
    ONE_OFF = "one_off", "One-off"


class ReportingRule(models.Model):
    """Returns for a programme (every council in it) or for one council (overriding its programmes'
    rule) are due `due_working_days` working days after the period ends, counting England's bank
    holidays, and lock `lock_after_days` days after they are due."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="reporting_rules"
    )
    council = models.ForeignKey(
        "programmes.Council", on_delete=models.CASCADE, null=True, blank=True, related_name="reporting_rules"
    )
    starts_on = models.DateField(
        help_text="The first reporting period starts on this day (six-weekly cycles count from it; "
        "a one-off return is for the period ending on it)."
    )
    due_working_days = models.PositiveSmallIntegerField(
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Working days after the period ends (weekends and England's bank holidays do not count).",
    )
    lock_after_days = models.PositiveSmallIntegerField(
        default=30, validators=[MaxValueValidator(366)], help_text="Days after the due date the period locks."
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False) | Q(council__isnull=False), name="rule_for_programme_or_council"
            ),
            # One rule per programme, per council, and per council within a programme.
            models.UniqueConstraint(
                fields=["programme"], condition=Q(council__isnull=True), name="one_rule_per_programme"
            ),
            models.UniqueConstraint(
                fields=["council"], condition=Q(programme__isnull=True), name="one_rule_per_council"
            ),
            models.UniqueConstraint(fields=["programme", "council"], name="one_rule_per_council_in_a_programme"),
        ]

    def __str__(self):
        who = " for ".join(str(x) for x in (self.council, self.programme) if x is not None)
        return f"Returns {self.due_working_days} working days after each period ({who})"

    def clean(self):
        if self.programme_id is None and self.council_id is None:
            raise ValidationError("Choose the programme or the council this rule is for")
        from metrics.schedule_locks import orphan_errors  # reads Reading, which imports this module

        errors = orphan_errors(self)
        if errors:
            raise ValidationError(errors)
