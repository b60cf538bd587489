"""The daily reminder digest: one email a person, of what is due soon, overdue or awaiting them,
each thing only once (SentReminder), never to someone who opted out. Sent through Django's email
backend (the console in the demo)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from pipdash.dates import uk_date
from pipdash.returns.models import ReminderPreference, SentReminder
from pipdash.returns.selectors import approval_queues
from pipdash.returns.tasks import tasks_for

logger = logging.getLogger(__name__)
SERVICE = "pipdash"


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    bounced: int = 0


def _lines(user, on) -> list[tuple[str, str]]:
    """(key, sentence) for everything this person might be reminded of today."""
    tasks = tasks_for(user, on)
    lines = []
    for group in tasks.due:
        state = "overdue" if group.overdue else "due"
        for item in group.returns:
            key = f"{state}:{item.metric.pk}:{item.period.end.isoformat()}"
            when = f"overdue since {uk_date(item.due_on)}" if group.overdue else f"due by {uk_date(item.due_on)}"
            lines.append((key, f"{group.council.name}: {item.metric.name} for {item.period.label}, {when}"))
    for queue in approval_queues(user) if tasks.awaiting else []:
        for reading in queue.readings:
            lines.append(
                (
                    f"awaiting:reading:{reading.pk}:{reading.version}",
                    f"{queue.council.name}: figure "
                    f"'{reading.metric.name}, {reading.period_label}' awaits your approval",
                )
            )
        for kind, items in queue.sections:
            for item in items:
                lines.append(
                    (
                        f"awaiting:{kind.key}:{item.pk}:{item.version}",
                        f"{queue.council.name}: a {kind.noun} of {item.project.name} awaits your approval",
                    )
                )
    return lines


def send_reminders(on=None) -> Outcome:
    outcome = Outcome()
    User = get_user_model()
    opted_out = set(ReminderPreference.objects.filter(opted_out=True).values_list("user_id", flat=True))
    for user in User.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        if user.pk in opted_out:
            outcome.skipped += 1
            continue
        lines = _lines(user, on)
        already = set(
            SentReminder.objects.filter(user=user, key__in=[k for k, _ in lines]).values_list("key", flat=True)
        )
        new = [(k, text) for k, text in lines if k not in already]
        if not new:
            continue
        body = render_to_string(
            "returns/reminder_email.txt", {"user": user, "lines": [t for _, t in new], "service": SERVICE}
        )
        try:
            with transaction.atomic():
                SentReminder.objects.bulk_create([SentReminder(user=user, key=k) for k, _ in new])
                send_mail(f"{SERVICE}: your returns and approvals", body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception as error:  # a bounce or a refused address: recorded, and the run goes on
            logger.warning("Reminder to user %s failed: %s", user.pk, error)
            ReminderPreference.objects.update_or_create(
                user=user, defaults={"bounced_at": timezone.now(), "bounce_reason": str(error)[:300]}
            )
            outcome.bounced += 1
            continue
        outcome.sent += 1
    return outcome
