import datetime as dt

from django.core.management.base import BaseCommand

from pipdash.returns.reminders import send_reminders


class Command(BaseCommand):
    help = "Email each person one digest of returns due soon, overdue or awaiting them (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Count due dates as on this day (demo).")

    def handle(self, *args, today=None, **options):
        outcome = send_reminders(today)
        self.stdout.write(f"Sent {outcome.sent}, opted out {outcome.skipped}, bounced {outcome.bounced}.")
