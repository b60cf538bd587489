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
from metrics.official.measures import official_key
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
# Further publications in ../shared/data/ees: file, source, release, the period rule, and per measure
# (indicator, filters, slug, name, unit, direction, kind, definition).
OTHER_PUBLICATIONS = [
    {
        "file": "data/ees/cla_placement_stability_2021_to_2025.csv",
        "source": {
            "key": "ees-cla",
            "title": "Children looked after in England including adoptions, reporting years 2021 to 2025 (DfE)",
            "publisher": "Department for Education",
            "url": EES_URL + "children-looked-after-in-england-including-adoptions",
            "published_on": "",
            "publication_key": "cla",
            "release": "Reporting year 2025",
            "release_file": "cla_placement_stability_2021_to_2025.csv",
        },
        "rule": {"as_at": "03-31"},
        "measures": [
            (
                "children_percent",
                {"cla_group": "CLA on 31 March", "placement_stability": "With 3 or more placements during the year"},
                "cla-three-or-more-placements",
                "Children looked after with 3 or more placements in the year (DfE)",
                "percent",
                "lower",
                "rate",
                "Children looked after on 31 March who had 3 or more placements during the year ending 31 March, "
                "as a percentage of all children looked after on 31 March (DfE children looked after in England).",
            ),
        ],
    },
    {
        "file": "data/ees/cin_b1_children_in_need_2013_to_2025.csv",
        "source": {
            "key": "ees-cin",
            "title": "Children in need, reporting years 2013 to 2025 (DfE)",
            "publisher": "Department for Education",
            "url": EES_URL + "characteristics-of-children-in-need",
            "published_on": "",
            "publication_key": "cin",
            "release": "Reporting year 2025",
            "release_file": "cin_b1_children_in_need_2013_to_2025.csv",
        },
        "rule": {"year_ending": "03-31"},
        "measures": [
            (
                "Started_episodes",
                {},
                "cin-episodes-started",
                "Children in need episodes started in the year (DfE)",
                "count",
                "neither",
                "period_count",
                "Episodes of need that started in the year 1 April to 31 March, a count: a larger council has "
                "more (DfE characteristics of children in need, table B1).",
            ),
        ],
    },
]
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


def _figure_row(key: str, figure) -> dict:
    return {
        "official_key": key,
        "area": figure.area,
        "code": figure.code,
        "name": figure.name,
        "period_start": figure.period_start.isoformat() if figure.period_start else "",
        "period_end": figure.period_end.isoformat(),
        "value": "" if figure.value is None else str(figure.value),
        "missing_reason": figure.missing_reason,
    }


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
            # So that a recoded council's rows carry on in its successor's series, as import_ees does.
            tuple(sorted(code for code in r["successors"].split(";") if code)),
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
            plan = self._plan(workforce, indicator, directory, PeriodRule.parse(as_at="09-30"), unit, {})
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
            figures += [_figure_row(key, f) for f in plan.figures]
        sources = list(SOURCES)
        for publication in OTHER_PUBLICATIONS:
            path = shared / publication["file"]
            if not path.is_file():
                raise CommandError(f"{path} is not there: pass --shared")
            source = publication["source"]
            sources.append(source)
            rule = PeriodRule.parse(**publication["rule"])
            for indicator, filters, slug, name, unit, direction, kind, definition in publication["measures"]:
                plan = self._plan(path, indicator, directory, rule, unit, filters)
                key = official_key(source["publication_key"], indicator, filters)
                metrics.append(
                    {
                        "official_key": key,
                        "slug": slug,
                        "name": name,
                        "unit": unit,
                        "direction": direction,
                        "kind": kind,
                        "definition": definition,
                        "source_key": source["key"],
                    }
                )
                figures += [_figure_row(key, f) for f in plan.figures]
        neighbours = self._neighbours(shared, directory)
        _write(out, "sources.csv", SOURCE_COLUMNS, sources)
        _write(out, "metrics.csv", METRIC_COLUMNS, metrics)
        _write(out, "figures.csv", FIGURE_COLUMNS, figures)
        _write(out, "statistical_neighbours.csv", NEIGHBOUR_COLUMNS, neighbours)
        _write(out, "groups.csv", GROUP_COLUMNS, GROUPS)
        self.stdout.write(
            f"Wrote {len(metrics)} metrics, {len(figures)} figures, {len(neighbours)} neighbour pairs to {out}"
        )

    def _plan(self, path: Path, indicator: str, directory, rule, unit: str, filters: dict):
        try:
            plan = plan_import(
                data=path.read_bytes(),
                indicator=indicator,
                directory=directory,
                filters=filters,
                rule=rule,
                unit=unit,
                file_name=path.name,
            )
        except EESImportError as exc:
            raise CommandError("\n".join(exc.report.lines())) from None
        for line in plan.report.lines()[:1] + plan.report.combined + plan.report.boundary_changes:
            self.stdout.write(line)
        return plan

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
