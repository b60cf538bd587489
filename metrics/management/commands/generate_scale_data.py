"""Fill the database with a synthetic national data set, to measure pages at scale.

    python manage.py generate_scale_data --councils 153 --metrics 60 --years 10 --seed 1

writes about 1.1 million monthly readings (153 x 60 x 120) with targets, baselines, benchmarks,
projects, milestones and progress updates. Every generated row is recognisable by the `scale-`
prefix: `--replace` deletes them first, `--delete` only deletes them. Demo data is never touched.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from metrics.scale.cleanup import scale_data_delete
from metrics.scale.generate import Plan, ScaleDataError, scale_data_exists, scale_data_generate


class Command(BaseCommand):
    help = "Generate (or delete) synthetic scale-test data: councils x metrics x monthly readings over years."

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=153, help="How many live councils to fill (by GSS code).")
        parser.add_argument("--metrics", type=int, default=60, help="Metrics per council; a fifth are common.")
        parser.add_argument("--years", type=int, default=10, help="Financial years of monthly figures.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--replace", action="store_true", help="Delete earlier generated data first.")
        parser.add_argument("--delete", action="store_true", help="Only delete earlier generated data.")

    def handle(self, *args, **options):
        began = time.monotonic()
        if options["delete"] or options["replace"]:
            if scale_data_exists() or options["delete"]:
                counts = scale_data_delete()
                deleted = ", ".join(f"{n:,} {label}" for label, n in counts.items() if n)
                self.stdout.write(f"Deleted {deleted or 'nothing'} in {time.monotonic() - began:.1f} s")
            if options["delete"]:
                return
        try:
            plan = Plan(
                councils=options["councils"], metrics=options["metrics"], years=options["years"], seed=options["seed"]
            )
        except ScaleDataError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Generating {plan.councils} councils x {plan.metrics} metrics ({plan.common} common) x "
            f"{plan.months} months, seed {plan.seed}: about {plan.expected_actuals:,} monthly readings"
        )
        started = time.monotonic()
        verbosity = options["verbosity"]

        def progress(done, total, counts):
            if verbosity > 1 or done == total or done % 25 == 0:
                readings = counts.get("metrics.Reading", 0)
                self.stdout.write(
                    f"  {done}/{total} councils, {readings:,} readings, {time.monotonic() - started:.0f} s"
                )

        try:
            counts = scale_data_generate(plan=plan, batch_size=options["batch_size"], progress=progress)
        except ScaleDataError as exc:
            raise CommandError(str(exc)) from None
        elapsed = time.monotonic() - started
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:<28} {count:>10,}")
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {total:,} rows in {elapsed:.1f} s ({total / elapsed:,.0f} rows/s)")
        )
