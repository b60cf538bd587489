"""Import one indicator of an EES tidy-data file as official figures: the service behind the
`import_ees` command and the admin upload.

Council figures become approved readings of a common-definition metric (council=None), found
again on re-import by its `official_key`; England and regional figures become benchmarks. Every
figure cites the publication. The import is one transaction: all of it or none of it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from metrics.ees.councils import CouncilDirectory
from metrics.ees.periods import PeriodRule
from metrics.ees.plan import Plan, plan_import
from metrics.ees.report import EESImportError, ImportReport
from metrics.models import SNAPSHOT_FIELDS, Benchmark, Metric, Reading
from metrics.units import Direction, MeasureKind, Unit
from programmes.models import Region, SourceDocument
from programmes.page_cache import councils_changed

logger = logging.getLogger(__name__)

DFE = "Department for Education"
KIND_FOR_UNIT = {
    Unit.PERCENT: MeasureKind.RATE,
    Unit.GBP: MeasureKind.MONEY,
    Unit.PERCENTAGE_POINTS: MeasureKind.CHANGE,
}


@dataclass(frozen=True)
class Publication:
    """The official publication the figures come from, cited by every one of them."""

    key: str  # short and stable: "csww" for the children's social work workforce
    title: str
    publisher: str = DFE
    url: str = ""
    published_on: dt.date | None = None

    @property
    def document_key(self) -> str:
        return f"ees-{slugify(self.key)}"


@dataclass(frozen=True)
class MetricSpec:
    """What the user says about the metric; blanks are taken from the .meta.csv."""

    name: str = ""
    unit: str = ""
    direction: str = Direction.NEITHER
    kind: str = ""
    definition: str = ""


def official_key(publication_key: str, indicator: str, filters: dict[str, str] | None = None) -> str:
    """'csww:turnover_rate_fte', or with filters 'cla:children_percent[cla_group=...;...]'."""
    key = f"{publication_key}:{indicator}"
    if filters:
        key += "[" + ";".join(f"{name}={value}" for name, value in sorted(filters.items())) + "]"
    return key


def ees_file_import(
    *,
    data: bytes,
    publication: Publication,
    indicator: str,
    filters: dict[str, str] | None = None,
    rule: PeriodRule | None = None,
    meta: bytes | None = None,
    metric: MetricSpec | None = None,
    file_name: str = "",
    user=None,
    dry_run: bool = False,
) -> ImportReport:
    """Import or refresh the figures; returns the report. Raises EESImportError and imports nothing on any problem."""
    spec = metric or MetricSpec()
    plan = plan_import(
        data=data,
        indicator=indicator,
        directory=CouncilDirectory.from_database(),
        filters=filters,
        rule=rule,
        meta=meta,
        unit=spec.unit or None,
        file_name=file_name,
    )
    report = plan.report
    report.dry_run = dry_run
    if not plan.unit:
        report.error(f"Say the unit of {indicator}: the file has no metadata that gives it")
        raise EESImportError(report)
    with transaction.atomic():
        source = source_save(publication)
        metric_obj = _metric(plan, spec, publication, filters or {}, source, report)
        save_readings(plan, metric_obj, source, user, report)
        save_benchmarks(plan, metric_obj, source, report)
        if dry_run:
            transaction.set_rollback(True)
        else:
            announce_changes(plan, report)
    logger.info("EES import %s: %s", "checked" if dry_run else "done", " / ".join(report.lines()[:2]))
    return report


def announce_changes(plan: Plan, report: ImportReport) -> None:
    """Bulk writes send no signals: tell the council page cache which councils' pages changed.

    A changed England or regional figure is shown beside every council, so it changes them all.
    """
    if report.benchmarks_created or report.benchmarks_updated:
        councils_changed(council_ids=None)
    elif report.readings_created or report.readings_updated:
        councils_changed(council_ids={f.council_key for f in plan.figures if f.area == "council"})


def source_save(publication: Publication) -> SourceDocument:
    """The publication's source document, saved only when new or changed (a save tells the page cache)."""
    fields = {
        "title": publication.title,
        "kind": SourceDocument.Kind.OFFICIAL_STATISTICS,
        "publisher": publication.publisher,
        "url": publication.url,
        "published_on": publication.published_on,
    }
    source, created = SourceDocument.objects.get_or_create(key=publication.document_key, defaults=fields)
    changed = [name for name, value in fields.items() if getattr(source, name) != value]
    if changed and not created:
        for name in changed:
            setattr(source, name, fields[name])
        source.save(update_fields=changed)
    return source


def _metric(plan: Plan, spec: MetricSpec, publication, filters, source, report) -> Metric:
    key = official_key(publication.key, report.indicator, filters)
    meta = plan.indicator_meta
    name = spec.name or (meta.label if meta else "") or report.indicator.replace("_", " ").capitalize()
    definition = spec.definition or f"{name}, as published in {publication.title}."
    if meta and meta.decimal_places is not None:
        definition += f" Published to {meta.decimal_places} decimal place{'s' if meta.decimal_places != 1 else ''}."
    kind = spec.kind or KIND_FOR_UNIT.get(plan.unit)
    existing = Metric.objects.filter(official_key=key).first()
    if existing is None:
        if not kind:
            report.error(f"Say what kind of measure {report.indicator} is (rate, count within a period, ...)")
            raise EESImportError(report)
        metric = Metric(
            official_key=key,
            slug=_free_slug(key),
            name=name,
            unit=plan.unit,
            direction=spec.direction,
            kind=kind,
            definition=definition,
            source_document=source,
        )
        metric.full_clean()
        metric.save()
        return metric
    if existing.unit != plan.unit:
        report.error(f"{existing.name} is stored in {existing.get_unit_display()}; this file gives {plan.unit}")
        raise EESImportError(report)
    changes = {"name": name, "definition": definition, "source_document": source}
    if spec.kind:
        changes["kind"] = spec.kind
    if spec.direction != Direction.NEITHER:
        changes["direction"] = spec.direction
    changed = [field for field, value in changes.items() if getattr(existing, field) != value]
    if changed:
        for field in changed:
            setattr(existing, field, changes[field])
        existing.version += 1
        existing.full_clean()
        existing.save(update_fields=[*changed, "version"])
    return existing


def _free_slug(key: str) -> str:
    base = slugify(re.sub(r"[:=\[\];_]+", "-", key))[:190].strip("-") or "official"
    slug, number = base, 1
    while Metric.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def save_readings(plan: Plan, metric: Metric, source, user, report: ImportReport) -> None:
    figures = [f for f in plan.figures if f.area == "council"]
    existing = {
        (r.council_id, r.period_start, r.period_end): r
        for r in Reading.objects.filter(
            metric=metric,
            project__isnull=True,
            kind=Reading.Kind.ACTUAL,
            council_id__in={f.council_key for f in figures},
        )
    }
    now = timezone.now()
    new, changed = [], []
    for figure in figures:
        reading = existing.get((figure.council_key, figure.period_start, figure.period_end))
        fields = {
            "value": figure.value,
            "missing_reason": figure.missing_reason,
            "published_value": figure.value,
            "status": Reading.Status.APPROVED,
            "source_document_id": source.pk,
            "source_location": f"{report.indicator}, line {figure.line}",
        }
        if reading is None:
            reading = Reading(
                metric=metric,
                council_id=figure.council_key,
                kind=Reading.Kind.ACTUAL,
                unit=metric.unit,
                period_start=figure.period_start,
                period_end=figure.period_end,
                entered_by=user,
                approved_by=user,
                approved_at=now,
                **fields,
            )
            # Official figures arrive approved, so their snapshot is taken as they are stored.
            reading.take_snapshot(now)
            new.append(reading)
        elif any(getattr(reading, name) != value for name, value in fields.items() if name != "source_location"):
            for name, value in fields.items():
                setattr(reading, name, value)
            reading.take_snapshot(now)
            reading.approved_at = now
            reading.version += 1
            changed.append(reading)
        else:
            report.readings_unchanged += 1
    if new:
        bulk_create_with_history(new, Reading, batch_size=500, default_user=user, default_change_reason="EES import")
    if changed:
        fields = [
            "value",
            "missing_reason",
            "published_value",
            "status",
            "source_document",
            "source_location",
            *SNAPSHOT_FIELDS,
            "published_at",
            "approved_at",
            "version",
        ]
        fields = list(dict.fromkeys(f.removesuffix("_id") for f in fields))
        bulk_update_with_history(
            changed, Reading, fields, batch_size=500, default_user=user, default_change_reason="EES import"
        )
    report.readings_created, report.readings_updated = len(new), len(changed)


def _regions(plan: Plan, report: ImportReport) -> dict[str, int]:
    regions = dict(Region.objects.filter(gss_code__in=plan.regions).values_list("gss_code", "pk"))
    for code, name in plan.regions.items():
        if code not in regions:
            region = Region(gss_code=code, name=name)
            region.full_clean()
            region.save()
            regions[code] = region.pk
            report.notes.append(f"region {name} ({code}) added")
    return regions


def save_benchmarks(plan: Plan, metric: Metric, source, report: ImportReport) -> None:
    regions = _regions(plan, report)
    existing = {
        (b.area, b.region_id, b.period_start, b.period_end): b
        for b in Benchmark.objects.filter(metric=metric, area__in=[Benchmark.Area.ENGLAND, Benchmark.Area.REGION])
    }
    new, changed = [], []
    for figure in plan.figures:
        if figure.area == "council":
            continue
        region_id = regions[figure.code] if figure.area == "region" else None
        benchmark = existing.get((figure.area, region_id, figure.period_start, figure.period_end))
        quote = f"{report.indicator}, line {figure.line}"
        if benchmark is None:
            new.append(
                Benchmark(
                    metric=metric,
                    area=figure.area,
                    region_id=region_id,
                    period_start=figure.period_start,
                    period_end=figure.period_end,
                    value=figure.value,
                    missing_reason=figure.missing_reason,
                    source_document=source,
                    source_quote=quote,
                )
            )
        elif (benchmark.value, benchmark.missing_reason, benchmark.source_document_id) != (
            figure.value,
            figure.missing_reason,
            source.pk,
        ):
            benchmark.value, benchmark.missing_reason = figure.value, figure.missing_reason
            benchmark.source_document, benchmark.source_quote = source, quote
            changed.append(benchmark)
        else:
            report.benchmarks_unchanged += 1
    Benchmark.objects.bulk_create(new, batch_size=500)
    Benchmark.objects.bulk_update(
        changed, ["value", "missing_reason", "source_document", "source_quote"], batch_size=500
    )
    report.benchmarks_created, report.benchmarks_updated = len(new), len(changed)
