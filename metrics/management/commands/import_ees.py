"""Import one indicator of a DfE Explore Education Statistics tidy-data CSV as official figures.

    python manage.py import_ees csww_indicators_2017_to_2025.csv --indicator turnover_rate_fte \\
        --publication-key csww --publication "Children's social work workforce" --as-at 09-30 \\
        --name "Social worker turnover rate (FTE)" --direction lower

A `.meta.csv` beside the file (same name) is read when there is one. Nothing is imported if any
row is wrong; --dry-run checks and reports without saving. --release and --release-date name the
release: a figure a newer release gave is kept (and reported) unless --replace-newer. --metric SLUG
loads the column into an existing measure.
"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from metrics.official.importer import MetricSpec, Publication, ees_file_import
from metrics.official.periods import PeriodError, PeriodRule
from metrics.official.releases import Release
from metrics.official.report import EESImportError
from metrics.units import Direction, MeasureKind, Unit


def meta_path_for(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".csv") + ".meta.csv")


class Command(BaseCommand):
    help = "Import one indicator (and filter combination) of an EES tidy-data CSV as official figures."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--indicator", required=True, help="The indicator column, e.g. turnover_rate_fte")
        parser.add_argument(
            "--filter", action="append", default=[], metavar="COLUMN=VALUE", help="A filter value; repeat as needed"
        )
        parser.add_argument("--publication-key", required=True, help="Short, stable name of the publication: csww")
        parser.add_argument("--publication", required=True, help="The publication's title, cited by every figure")
        parser.add_argument("--url", default="")
        parser.add_argument("--as-at", default="", help="For reporting years: the date the figures describe, MM-DD")
        parser.add_argument("--year-ending", default="", help="For reporting years: the last day of the year, MM-DD")
        parser.add_argument("--meta", type=Path, help="The .meta.csv (default: beside the file)")
        parser.add_argument("--name", default="")
        parser.add_argument("--definition", default="")
        parser.add_argument("--unit", default="", choices=["", *Unit.values])
        parser.add_argument("--kind", default="", choices=["", *MeasureKind.values])
        parser.add_argument("--direction", default=Direction.NEITHER, choices=Direction.values)
        parser.add_argument("--release", default="", help="The release's name, e.g. 'Reporting year 2025'")
        parser.add_argument("--release-date", default="", help="The day the release was published, YYYY-MM-DD")
        parser.add_argument(
            "--replace-newer", action="store_true", help="Let this release replace figures from a newer one"
        )
        parser.add_argument(
            "--metric", "--into", dest="metric", default="", help="Load the column into this existing measure (slug)"
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        if options["meta"] and not options["meta"].is_file():
            raise CommandError(f"--meta {options['meta']} is not a file")
        meta_path = options["meta"] or meta_path_for(path)
        filters = {}
        for item in options["filter"]:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter {item!r} should be COLUMN=VALUE")
            filters[name.strip()] = value.strip()
        try:
            rule = PeriodRule.parse(as_at=options["as_at"], year_ending=options["year_ending"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from None
        try:
            released = dt.date.fromisoformat(options["release_date"]) if options["release_date"] else None
        except ValueError:
            raise CommandError(f"--release-date {options['release_date']!r} is not a date like 2025-11-27") from None
        try:
            report = ees_file_import(
                data=path.read_bytes(),
                meta=meta_path.read_bytes() if meta_path.is_file() else None,
                file_name=path.name,
                publication=Publication(
                    key=options["publication_key"], title=options["publication"], url=options["url"]
                ),
                indicator=options["indicator"],
                filters=filters,
                rule=rule,
                metric=MetricSpec(
                    name=options["name"],
                    unit=options["unit"],
                    kind=options["kind"],
                    direction=options["direction"],
                    definition=options["definition"],
                ),
                dry_run=options["dry_run"],
                release=Release(name=options["release"], published_on=released, replace_newer=options["replace_newer"]),
                metric_slug=options["metric"],
            )
        except EESImportError as exc:
            raise CommandError("\n".join(exc.report.lines())) from None
        self.stdout.write("\n".join(report.lines()))
