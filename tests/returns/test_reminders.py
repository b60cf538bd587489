"""Reminder emails (issue 16 point 5 of the brief): one digest a person, each thing once, opt-out, bounces."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from metrics.models import Reading
from pipdash.returns.models import ReminderPreference
from pipdash.returns.reminders import send_reminders
from tests.conftest import client_for
from tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db
DECEMBER = dt.date(2026, 12, 3)


@pytest.fixture
def with_email(manager, approver):
    for user in (manager, approver):
        user.email = f"{user.username}@lincolnshire.example"
        user.save()


def test_each_person_gets_one_digest_naming_the_service_and_what_is_due(with_email, manager, scheduled_metrics):
    send_reminders(DECEMBER)
    (email,) = [m for m in mail.outbox if m.to == [manager.email]]
    assert email.subject == "pipdash: your returns and approvals"
    assert "This is pipdash" in email.body
    assert "Lincolnshire: Measure 1 for November 2026, due by 21 December 2026" in email.body
    assert email.body.count("November 2026") == 3


def test_run_twice_the_same_day_a_reminder_is_sent_once(with_email, manager, scheduled_metrics):
    call_command("send_reminders", "--today", "2026-12-03")
    call_command("send_reminders", "--today", "2026-12-03")
    assert len([m for m in mail.outbox if m.to == [manager.email]]) == 1


def test_a_return_that_becomes_overdue_is_reminded_again_as_overdue(with_email, manager, scheduled_metrics):
    send_reminders(DECEMBER)
    send_reminders(dt.date(2026, 12, 22))
    digests = [m for m in mail.outbox if m.to == [manager.email]]
    assert len(digests) == 2 and "overdue since 21 December 2026" in digests[1].body


def test_an_approver_is_reminded_of_what_awaits_them(with_email, manager, approver, council, scheduled_metrics):
    ReadingFactory(
        metric=scheduled_metrics[0],
        council=council,
        period_end=dt.date(2026, 11, 30),
        status=Reading.Status.SUBMITTED,
        entered_by=manager,
        submitted_by=manager,
    )
    send_reminders(DECEMBER)
    (email,) = [m for m in mail.outbox if m.to == [approver.email]]
    assert "Lincolnshire: figure 'Measure 1, " in email.body and "' awaits your approval" in email.body


def test_someone_who_opted_out_gets_nothing(with_email, manager, scheduled_metrics):
    response = client_for(manager).post("/account/reminders/", {"reminders": "no"})
    assert response.status_code == 302
    assert send_reminders(DECEMBER).skipped >= 1
    assert not [m for m in mail.outbox if m.to == [manager.email]]


def test_a_bounce_is_recorded_and_the_run_carries_on(with_email, manager, approver, council, scheduled_metrics):
    ReadingFactory(
        metric=scheduled_metrics[0],
        council=council,
        period_end=dt.date(2026, 11, 30),
        status=Reading.Status.SUBMITTED,
        entered_by=manager,
        submitted_by=manager,
    )
    real = mail.send_mail

    def refuse_manager(subject, body, sender, to, **kwargs):
        if to == [manager.email]:
            raise OSError("550 mailbox unavailable")
        return real(subject, body, sender, to, **kwargs)

    with mock.patch("pipdash.returns.reminders.send_mail", refuse_manager):
        outcome = send_reminders(DECEMBER)
    assert outcome.bounced == 1 and outcome.sent == 1
    assert ReminderPreference.objects.get(user=manager).bounce_reason == "550 mailbox unavailable"
    # Nothing was recorded as sent to the address that bounced, so tomorrow's run tries again.
    with mock.patch("pipdash.returns.reminders.send_mail", real):
        assert send_reminders(DECEMBER).sent == 1
