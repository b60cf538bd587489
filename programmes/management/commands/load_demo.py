import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from programmes.demo.councils import load_councils, load_ofsted
from programmes.demo.users import create_demo_users

# Each step is a loader function in programmes/demo/; order matters (councils first).
OPTIONAL_STEPS = [
    ("programmes.demo.papers", "load_papers"),
    ("programmes.demo.official", "load_official"),
]


class Command(BaseCommand):
    help = (
        "Load the demo: every English council, Ofsted history, the five papers' figures, official "
        "workforce statistics and the demo sign-ins. Safe to run again: it changes nothing the second time "
        "and leaves other data alone."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = {}
            counts.update(load_councils())
            counts.update(load_ofsted())
            for module_name, function_name in OPTIONAL_STEPS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError:
                    continue
                counts.update(getattr(module, function_name)())
            counts.update(create_demo_users())
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in with a demo user; the password is pipdash-demo."))
