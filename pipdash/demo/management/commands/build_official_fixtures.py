"""Write fixtures/official/ from DfE's published files in ../shared/data.

    python manage.py build_official_fixtures --shared ../shared

The workforce file is read with the same code as `import_ees` (metrics.official.plan), but councils
come from the project's fixtures/councils.csv, so no database is needed. Codes, names and
published figures carry over; the format is ours.
"""

import csv
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from metrics.official.councils import CouncilDirectory, CouncilRecord
from metrics.official.periods import PeriodRule
from metrics.official.plan import plan_import
from metrics.official.report import EESImportError
from pipdash.demo.loaders.fixtures import read_rows
from pipdash.demo.loaders.official import (
    FIGURE_COLUMNS,
    GROUP_COLUMNS,
    METRIC_COLUMNS,
    NEIGHBOUR_COLUMNS,
    NEIGHBOURS_SOURCE,
    OFFICIAL_DIR,
    SOURCE_COLUMNS,
)

WORKFORCE_SOURCE = "ees-csww"
WORKFORCE_FILE = "data/ees/csww_indicators_2017_to_2025.csv"
EES_URL = "https://explore-education-statistics.service.gov.uk/find-statistics/"
SOURCES = [
    {
        "key": WORKFORCE_SOURCE,
        "title": "Children's social work workforce, reporting years 2017 to 2025 (DfE)",
        "publisher": "Department for Education",
        "url": EES_URL + "children-s-social-work-workforce",
        "published_on": "",
        # The file's newest reporting year names its release; DfE's files do not give the day it was published.
        "publication_key": "csww",
        "release": "Reporting year 2025",
        "release_file": Path(WORKFORCE_FILE).name,
    },
    {
        "key": NEIGHBOURS_SOURCE,
        "title": "Children's services statistical neighbour benchmarking tool, 2025 model (DfE)",
        "publisher": "Department for Education",
        "url": "",
        "published_on": "",
        "publication_key": "",
        "release": "",
        "release_file": "",
    },
]
AS_AT = "As at 30 September of each year, children and family social workers employed by the council."
# Indicator -> (name, unit, direction, kind, definition): the figures the demo compares.
WORKFORCE_METRICS = {
    "turnover_rate_fte": (
        "Social worker turnover rate (FTE, DfE)",
        "percent",
        "lower",
        "rate",
        "Leavers in the year to 30 September as a percentage of social workers in post at 30 September, "
        "full-time equivalent (DfE children's social work workforce). " + AS_AT,
    ),
    "agency_rate_fte": (
        "Agency social worker rate (FTE, DfE)",
        "percent",
        "lower",
        "rate",
        "Agency workers as a percentage of agency workers plus social workers in post, full-time "
        "equivalent, at 30 September (DfE children's social work workforce). " + AS_AT,
    ),
    "vacancy_rate_fte": (
        "Social worker vacancy rate (FTE, DfE)",
        "percent",
        "lower",
        "rate",
        "Vacancies as a percentage of vacancies plus social workers in post, full-time equivalent, at "
        "30 September (DfE children's social work workforce). " + AS_AT,
    ),
    "caseload_fte": (
        "Average caseload per case-holding social worker (FTE, DfE)",
        "number",
        "lower",
        "rate",
        "Cases held at 30 September divided by the full-time equivalent of case-holding social workers "
        "(DfE children's social work workforce).",
    ),
}
PAPERS = ["E10000019", "E08000035", "E10000017", "E10000018"]
# The papers name these as Partners in Practice councils (North Yorkshire as it was then, before 2023).
PIP = ["E10000019", "E08000035", "E10000023"]
GROUPS = [
    {
        "slug": "pip-councils",
        "name": "Partners in Practice councils named in the papers",
        "kind": "programme",
        "description": "Lincolnshire, Leeds and North Yorkshire, each named in the papers as a Partners in "
        "Practice council (the programme ran 2016 to 31 March 2020).",
        "members": ";".join(PIP),
    },
    {
        "slug": "councils-in-the-papers",
        "name": "Councils in the papers",
        "kind": "curated",
        "description": "The four councils whose committee papers pipdash's demo figures come from.",
        "members": ";".join(PAPERS),
    },
]


def _write(out: Path, name: str, columns: list[str], rows: list[dict]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _directory() -> CouncilDirectory:
    def day(text):
        return dt.date.fromisoformat(text) if text else None

    return CouncilDirectory(
        CouncilRecord(
            r["gss_code"],
            r["gss_code"],
            r["dfe_number"],
            r["name"],
            day(r["operational_from"]),
            day(r["operational_to"]),
        )
        for r in read_rows("councils.csv")
    )


class Command(BaseCommand):
    help = "Write fixtures/official/ (workforce figures, statistical neighbours, groups) from ../shared/data."

    def add_arguments(self, parser):
        parser.add_argument("--shared", type=Path, default=Path("../shared"))
        parser.add_argument("--out", type=Path, default=OFFICIAL_DIR, help="Where to write (default fixtures/official)")

    def handle(self, *args, shared: Path, out: Path, **options):
        workforce = shared / WORKFORCE_FILE
        if not workforce.is_file():
            raise CommandError(f"{workforce} is not there: pass --shared")
        directory = _directory()
        metrics, figures = [], []
        for indicator, (name, unit, direction, kind, definition) in WORKFORCE_METRICS.items():
            try:
                plan = plan_import(
                    data=workforce.read_bytes(),
                    indicator=indicator,
                    directory=directory,
                    rule=PeriodRule.parse(as_at="09-30"),
                    unit=unit,
                    file_name=workforce.name,
                )
            except EESImportError as exc:
                raise CommandError("\n".join(exc.report.lines())) from None
            for line in plan.report.lines()[:1] + plan.report.combined + plan.report.boundary_changes:
                self.stdout.write(line)
            key = f"csww:{indicator}"
            metrics.append(
                {
                    "official_key": key,
                    "slug": f"csww-{indicator.replace('_', '-')}",
                    "name": name,
                    "unit": unit,
                    "direction": direction,
                    "kind": kind,
                    "definition": definition,
                    "source_key": WORKFORCE_SOURCE,
                }
            )
            figures += [
                {
                    "official_key": key,
                    "area": f.area,
                    "code": f.code,
                    "name": f.name,
                    "period_start": f.period_start.isoformat() if f.period_start else "",
                    "period_end": f.period_end.isoformat(),
                    "value": "" if f.value is None else str(f.value),
                    "missing_reason": f.missing_reason,
                }
                for f in plan.figures
            ]
        neighbours = self._neighbours(shared, directory)
        _write(out, "sources.csv", SOURCE_COLUMNS, SOURCES)
        _write(out, "metrics.csv", METRIC_COLUMNS, metrics)
        _write(out, "figures.csv", FIGURE_COLUMNS, figures)
        _write(out, "statistical_neighbours.csv", NEIGHBOUR_COLUMNS, neighbours)
        _write(out, "groups.csv", GROUP_COLUMNS, GROUPS)
        self.stdout.write(
            f"Wrote {len(metrics)} metrics, {len(figures)} figures, {len(neighbours)} neighbour pairs to {out}"
        )

    def _neighbours(self, shared: Path, directory: CouncilDirectory) -> list[dict]:
        """The 2025 model names councils by DfE number: each is the council operating at its date."""
        today = dt.date(2025, 9, 30)
        with open(shared / "data/lookups/statistical_neighbours_2025.csv", encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        out = []
        for row in rows:
            anchor, _ = directory.match(new_la_code="", old_la_code=row["old_la_code"], on=today)
            for rank in range(1, 11):
                neighbour, _ = directory.match(new_la_code="", old_la_code=row[f"SN_{rank}"], on=today)
                out.append(
                    {
                        "anchor_code": anchor.gss_code,
                        "anchor_name": anchor.name,
                        "rank": rank,
                        "neighbour_code": neighbour.gss_code,
                        "neighbour_name": neighbour.name,
                        "closeness": row[f"SN_{rank}P"].strip(),
                    }
                )
        return out
