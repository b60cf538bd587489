"""Load official statistics and comparison groups from fixtures/official/ (our own format).

Social worker turnover, agency and vacancy rates (DfE children's social work workforce) for every
council, England and the regions; each council's ten statistical neighbours; the PiP councils and
the councils of the papers. `manage.py build_official_fixtures` writes the files from the
published data; this loader needs only fixtures/. Re-running it changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from metrics.models import Metric
from metrics.official.importer import announce_changes, save_benchmarks, save_readings
from metrics.official.plan import Figure, Plan
from metrics.official.releases import Release, release_save
from metrics.official.report import ImportReport
from programmes.models import ComparisonGroup, Council, SourceDocument

OFFICIAL_DIR = Path(settings.BASE_DIR) / "fixtures" / "official"
SOURCE_COLUMNS = ["key", "title", "publisher", "url", "published_on", "publication_key", "release", "release_file"]
METRIC_COLUMNS = ["official_key", "slug", "name", "unit", "direction", "kind", "definition", "source_key"]
FIGURE_COLUMNS = ["official_key", "area", "code", "name", "period_start", "period_end", "value", "missing_reason"]
NEIGHBOUR_COLUMNS = ["anchor_code", "anchor_name", "rank", "neighbour_code", "neighbour_name", "closeness"]
GROUP_COLUMNS = ["slug", "name", "kind", "description", "members"]
NEIGHBOURS_SOURCE = "dfe-statistical-neighbours-2025"


def read_official(name: str) -> list[dict]:
    with open(OFFICIAL_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@transaction.atomic
def load_official() -> dict[str, int]:
    """Create or refresh the official figures and groups; councils must be loaded first."""
    sources, releases = {}, {}
    for row in read_official("sources.csv"):
        if row.get("release"):
            # The release the fixtures were built from: cited by every figure, as an import's are.
            release = Release(name=row["release"])
            releases[row["key"]] = (release_save(row["publication_key"], release, row["release_file"]), release)
        sources[row["key"]], _ = SourceDocument.objects.update_or_create(
            key=row["key"],
            defaults={
                "title": row["title"],
                "kind": SourceDocument.Kind.OFFICIAL_STATISTICS,
                "publisher": row["publisher"],
                "url": row["url"],
                "published_on": _date(row["published_on"]),
            },
        )
    councils = dict(Council.objects.values_list("gss_code", "pk"))
    figures_by_metric: dict[str, list[Figure]] = {}
    skipped = 0
    for line, row in enumerate(read_official("figures.csv"), start=2):
        key = None
        if row["area"] == "council":
            key = councils.get(row["code"])
            if key is None:
                skipped += 1
                continue
        figures_by_metric.setdefault(row["official_key"], []).append(
            Figure(
                area=row["area"],
                code=row["code"],
                name=row["name"],
                council_key=key,
                period_start=_date(row["period_start"]),
                period_end=_date(row["period_end"]),
                value=Decimal(row["value"]) if row["value"] else None,
                missing_reason=row["missing_reason"],
                line=line,
            )
        )
    counts = {"official_metrics": 0, "official_readings": 0, "official_benchmarks": 0, "figures_skipped": skipped}
    for row in read_official("metrics.csv"):
        source = sources[row["source_key"]]
        fields = {name: row[name] for name in ("slug", "name", "unit", "direction", "kind", "definition")}
        metric, _ = Metric.objects.update_or_create(
            official_key=row["official_key"], defaults={**fields, "source_document": source}
        )
        figures = figures_by_metric.get(row["official_key"], [])
        plan = Plan(figures=figures, report=ImportReport(indicator=row["official_key"].split(":")[-1]))
        plan.regions = {f.code: f.name for f in figures if f.area == "region"}
        release = releases.get(row["source_key"], (None, None))
        save_readings(plan, metric, source, None, plan.report, release)
        save_benchmarks(plan, metric, source, plan.report, release)
        announce_changes(plan, plan.report)
        counts["official_metrics"] += 1
        counts["official_readings"] += plan.report.readings_created + plan.report.readings_updated
        counts["official_benchmarks"] += plan.report.benchmarks_created + plan.report.benchmarks_updated
    counts.update(_load_groups(councils, sources))
    return counts


def _load_groups(councils: dict[str, int], sources: dict) -> dict[str, int]:
    names = dict(Council.objects.values_list("gss_code", "name"))
    members: dict[str, set[int]] = {}
    groups: dict[str, dict] = {}
    for row in read_official("statistical_neighbours.csv"):
        anchor = councils.get(row["anchor_code"])
        neighbour = councils.get(row["neighbour_code"])
        if anchor is None or neighbour is None:
            continue
        slug = f"statistical-neighbours-{row['anchor_code'].lower()}"
        groups[slug] = {
            "name": f"Statistical neighbours of {names[row['anchor_code']]}",
            "kind": ComparisonGroup.Kind.STATISTICAL_NEIGHBOURS,
            "description": "The ten councils most like it, by DfE's children's services statistical neighbour "
            "model (2025).",
            "anchor_id": anchor,
            "source_document": sources.get(NEIGHBOURS_SOURCE),
        }
        members.setdefault(slug, set()).add(neighbour)
    for row in read_official("groups.csv"):
        groups[row["slug"]] = {"name": row["name"], "kind": row["kind"], "description": row["description"]}
        members[row["slug"]] = {councils[code] for code in row["members"].split(";") if code in councils}
    existing = {g.slug: g for g in ComparisonGroup.objects.filter(slug__in=groups)}
    for slug, fields in groups.items():
        group = existing.get(slug)
        if group is None:
            existing[slug] = ComparisonGroup.objects.create(slug=slug, **fields)
        elif any(getattr(group, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(group, name, value)
            group.save()
    through = ComparisonGroup.councils.through
    ids = [group.pk for group in existing.values()]
    through.objects.filter(comparisongroup_id__in=ids).delete()
    through.objects.bulk_create(
        [
            through(comparisongroup_id=existing[slug].pk, council_id=council_id)
            for slug, council_ids in members.items()
            for council_id in sorted(council_ids)
        ],
        batch_size=1000,
    )
    return {"comparison_groups": len(groups)}
