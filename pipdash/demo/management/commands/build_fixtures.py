from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pipdash.demo.loaders.build import build_all


class Command(BaseCommand):
    help = "Write fixtures/councils.csv and fixtures/ofsted_judgements.csv from DfE's and Ofsted's published files."

    def add_arguments(self, parser):
        parser.add_argument("--shared", default="../shared", help="The folder holding data/lookups and data/ofsted")

    def handle(self, *args, shared, **options):
        folder = Path(shared)
        if not (folder / "data/lookups/las.csv").exists():
            raise CommandError(f"{folder} has no data/lookups/las.csv")
        counts = build_all(folder)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} rows")
