"""The measure an EES column loads into: found again by its official key (without letter case), named
from the metadata when new, and left as its owner named it when found again unless told otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

from metrics.models import Metric
from metrics.official.plan import Plan
from metrics.official.report import EESImportError
from metrics.units import Direction, MeasureKind, Unit

KIND_FOR_UNIT = {
    Unit.PERCENT: MeasureKind.RATE,
    Unit.GBP: MeasureKind.MONEY,
    Unit.PERCENTAGE_POINTS: MeasureKind.CHANGE,
}


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


def same_indicator(indicator: str, plan: Plan) -> str:
    """Older layouts name a percentage column `turnover_rate_fte_%`; it is the same indicator as
    `turnover_rate_fte` when the metadata (or the unit given) says it is a percentage."""
    base = indicator.removesuffix("_%")
    meta = plan.indicator_meta
    if base != indicator and (meta.unit == "%" if meta else plan.unit == Unit.PERCENT):
        return base
    return indicator


def measure_for(
    plan: Plan, spec: MetricSpec, publication, filters, source, report, metric_slug="", *, write: bool = True
) -> Metric:
    """The measure the column loads into: found by its key (or the slug given), else made; unsaved on a dry run."""
    key = official_key(publication.key, same_indicator(report.indicator, plan), filters)
    meta = plan.indicator_meta
    name = spec.name or (meta.label if meta else "") or report.indicator.replace("_", " ").capitalize()
    definition = spec.definition or f"{name}, as published in {publication.title}."
    if meta and meta.decimal_places is not None:
        definition += f" Published to {meta.decimal_places} decimal place{'s' if meta.decimal_places != 1 else ''}."
    kind = spec.kind or KIND_FOR_UNIT.get(plan.unit)
    # Keys are compared without letter case: "Total" and "total" in a filter are one measure.
    existing = Metric.objects.filter(official_key__iexact=key).order_by("pk").first()
    if metric_slug:
        existing = Metric.objects.filter(slug=metric_slug).first()
        if existing is None or existing.council_id is not None:
            report.error(
                f"No official measure has the slug {metric_slug!r}" + (" (it is a council's own)" if existing else "")
            )
            raise EESImportError(report)
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
        # The source is unsaved on a dry run of a new publication: it is checked on its own (checks.py).
        metric.full_clean(exclude=["source_document"])
        if write:
            metric.save()
        return metric
    if existing.unit != plan.unit:
        report.error(f"{existing.name} is stored in {existing.get_unit_display()}; this file gives {plan.unit}")
        raise EESImportError(report)
    # A re-import keeps the name and definition someone may have chosen, unless told otherwise.
    changes = {"source_document": source}
    if spec.name:
        changes["name"] = spec.name
    if spec.definition:
        changes["definition"] = spec.definition
    if spec.kind:
        changes["kind"] = spec.kind
    if spec.direction != Direction.NEITHER:
        changes["direction"] = spec.direction
    changed = [field for field, value in changes.items() if getattr(existing, field) != value]
    if changed:
        for field in changed:
            setattr(existing, field, changes[field])
        existing.version += 1
        existing.full_clean(exclude=["source_document"])
        if write:
            existing.save(update_fields=[*changed, "version"])
    return existing


def _free_slug(key: str) -> str:
    base = slugify(re.sub(r"[:=\[\];_]+", "-", key))[:190].strip("-") or "official"
    slug, number = base, 1
    while Metric.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
