import datetime as dt

from django.core.management.base import BaseCommand

from pipdash.dashboards.programme_refresh import refresh_programme_rows, refresh_programme_rows_task


class Command(BaseCommand):
    help = "Make every programme overview's stored per-council rows for the day (run from cron after midnight)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Judge as on this day.")
        parser.add_argument("--enqueue", action="store_true", help="Queue it on the task runner instead.")

    def handle(self, *args, today=None, enqueue=False, **options):
        if enqueue:
            refresh_programme_rows_task.enqueue(today=today.isoformat() if today else None)
            self.stdout.write("Queued on the task runner.")
            return
        self.stdout.write(f"Rows current for {refresh_programme_rows(today)} programme(s).")
