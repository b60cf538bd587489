from django.core.management.base import BaseCommand
from django.db import transaction

from pipdash.demo.loaders.councils import load_councils, load_ofsted
from pipdash.demo.loaders.official import load_official
from pipdash.demo.loaders.papers import load_papers
from pipdash.demo.loaders.returns import load_returns
from pipdash.demo.loaders.users import create_demo_users
from programmes.data_versions import councils_changed


class Command(BaseCommand):
    help = (
        "Load the demo: every English council, Ofsted history, the five papers' figures, official "
        "workforce statistics and the demo sign-ins. Safe to run again: it changes nothing the second time "
        "and leaves other data alone."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = {}
            # Order matters: councils first, then what refers to them.
            for load in (load_councils, load_ofsted, load_papers, load_official, load_returns, create_demo_users):
                counts.update(load())
            # The loaders insert in bulk, which sends no signals: cached pages must not outlive this load.
            councils_changed()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in as a demo user; the password is pipdash-demo."))
