"""The figures side of the synthetic data: metrics, monthly readings, targets, baselines, benchmarks."""

import datetime as dt
import random
from decimal import Decimal

from metrics.models import Benchmark, Metric, Reading
from metrics.scale.catalogue import ARCHETYPES, TOPICS, Archetype
from metrics.scale.naming import PREFIX
from metrics.scale.series import monthly_series, targets_from
from metrics.units import MeasureKind

DRAFT_CHANCE = 0.05  # a series whose latest figure awaits approval
LATE_START_CHANCE = 0.10  # a council's own metric introduced after the start
KEY_METRICS = 3  # charted on the council page: this many common and this many of each council's own

# Official (common) definitions are rates and counts that DfE publishes for every council.
COMMON_ARCHETYPES = [a for a in ARCHETYPES if a.kind in (MeasureKind.RATE, MeasureKind.PERIOD_COUNT)]


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value))


def common_metrics(plan) -> list[tuple[Metric, Archetype]]:
    pairs = []
    for i in range(plan.common):
        archetype = COMMON_ARCHETYPES[i % len(COMMON_ARCHETYPES)]
        name = archetype.name.format(topic=f"common definition {i + 1}")
        metric = Metric(
            name=name,
            slug=f"{PREFIX}common-{i + 1:03d}",
            unit=archetype.unit,
            direction=archetype.direction,
            kind=archetype.kind,
            definition="Synthetic common definition, reported by every council.",
            compared_with=archetype.compared_with,
            is_key=i < KEY_METRICS,
        )
        pairs.append((metric, archetype))
    return pairs


def own_metrics(plan, council, projects, rng: random.Random) -> list[tuple[Metric, Archetype]]:
    """A council's own measures: most belong to a project, every fourth to the council as a whole."""
    offset = rng.randrange(len(ARCHETYPES))
    pairs = []
    for i in range(plan.own):
        archetype = ARCHETYPES[(i + offset) % len(ARCHETYPES)]
        project = None if i % 4 == 3 else projects[i % len(projects)]
        metric = Metric(
            name=archetype.name.format(topic=TOPICS[(i + offset) % len(TOPICS)]),
            slug=f"{PREFIX}{council.gss_code.lower()}-{i + 1:03d}",
            unit=archetype.unit,
            direction=archetype.direction,
            kind=archetype.kind,
            compared_with=archetype.compared_with,
            council=council,
            project=project,
            is_key=i < KEY_METRICS,
        )
        pairs.append((metric, archetype))
    return pairs


def series_readings(*, writer, plan, metric, archetype, council, document, rng: random.Random, first: int = 0):
    """One council's monthly actuals for a metric, its baseline and its yearly targets."""
    values = monthly_series(archetype, plan.months - first, rng)
    draft_last = rng.random() < DRAFT_CHANCE
    common = {
        "metric_id": metric.pk,
        "council_id": council.pk,
        "project_id": metric.project_id,
        "unit": metric.unit,
        "source_document_id": document.pk,
    }
    last = len(values) - 1
    for index, value in enumerate(values):
        month = first + index
        start, end = plan.period(month, as_at=archetype.as_at)
        amount = _decimal(value)
        if draft_last and index == last:
            status, published, published_at = Reading.Status.DRAFT, None, None
        else:
            status, published, published_at = Reading.Status.APPROVED, amount, plan.approved_at(month)
        writer.add(
            Reading(
                **common,
                kind=Reading.Kind.ACTUAL,
                value=amount,
                missing_reason="" if value is not None else "x",
                period_start=start,
                period_end=end,
                status=status,
                published_value=published,
                published_at=published_at,
                approved_at=published_at,
            )
        )
    if not archetype.has_target:
        return
    known = [(first + i, v) for i, v in enumerate(values) if v is not None]
    if not known:
        return
    base_month, baseline = known[0]
    approved = {
        "status": Reading.Status.APPROVED,
        "published_at": plan.approved_at(base_month),
        "approved_at": plan.approved_at(base_month),
    }
    start, end = plan.period(base_month, as_at=archetype.as_at)
    writer.add(
        Reading(
            **common,
            **approved,
            kind=Reading.Kind.BASELINE,
            value=_decimal(baseline),
            published_value=_decimal(baseline),
            period_start=start,
            period_end=end,
        )
    )
    year_ends = [m for m in plan.march_months() if m > base_month]
    for month, target in zip(year_ends, targets_from(archetype, baseline, len(year_ends), rng), strict=True):
        start, end = plan.period(month, as_at=archetype.as_at)
        writer.add(
            Reading(
                **common,
                **approved,
                kind=Reading.Kind.TARGET,
                value=_decimal(target),
                published_value=_decimal(target),
                period_start=start,
                period_end=end,
            )
        )


def first_month(plan, rng: random.Random) -> int:
    if rng.random() < LATE_START_CHANCE and plan.months > 13:
        return rng.randrange(1, 13)
    return 0


def benchmarks(*, writer, plan, metric, archetype, regions, document, rng: random.Random) -> None:
    """Yearly England and regional figures (as at 31 March) for a common rate."""
    if archetype.kind != MeasureKind.RATE:
        return
    ends = [plan.period(m, as_at=True)[1] for m in plan.march_months()]
    areas = [(Benchmark.Area.ENGLAND, None)] + [(Benchmark.Area.REGION, region) for region in regions]
    for area, region in areas:
        yearly = monthly_series(archetype, len(ends), rng)
        for end, value in zip(ends, yearly, strict=True):
            writer.add(
                Benchmark(
                    metric=metric,
                    area=area,
                    region=region,
                    value=_decimal(value),
                    missing_reason="" if value is not None else "x",
                    period_end=end,
                    source_document=document,
                )
            )


def approved_timestamp(period_end: dt.date) -> dt.datetime:
    day = period_end + dt.timedelta(days=15)
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC)
