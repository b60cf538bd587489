"""Selectors for the compare page: one metric across councils, with England and regional benchmarks.

Every read is one query for all councils at once (no per-council loop), so the page costs the same
for four councils or all 153 over ten years of monthly figures. England and regional lines come
from Benchmark rows, never from an average of the councils shown. Everyone signed in sees every
council's approved figures, so only published values are read here.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q

from metrics.compare.figures import Value, figures_read, latest_read
from metrics.models import Benchmark, Metric, Reading
from metrics.rag import BenchmarkPoint, Point, Rag, rag_for
from metrics.units import Direction, Unit, format_value
from pipdash.dates import period_label
from programmes.continuity import series_by_live_council
from programmes.models import ComparisonGroup, Council, OfstedJudgement, Programme, Region


def comparable_metric_list():
    """Metrics with a common definition: the only ones that may be compared across councils."""
    return Metric.objects.filter(council__isnull=True).select_related("source_document").order_by("name")


def comparison_group_list(*, user):
    """Statistical neighbours, programme and curated groups, and the user's own saved groups."""
    shared = ~Q(kind=ComparisonGroup.Kind.SAVED)
    own = Q(kind=ComparisonGroup.Kind.SAVED, owner_id=user.pk) if user.is_authenticated else Q(pk__in=[])
    return ComparisonGroup.objects.filter(shared | own).order_by("kind", "name")


def council_directory() -> tuple[list[str], int]:
    """Live councils' names, for the "Add a council" box, and the lowest council published version (of what
    everyone sees, as the comparison shows approved figures only), which rises when every council's pages change
    at once (a bulk or official write) and keys the cached comparison beside the measure's own version
    (metrics/data_versions.py): one read of the council table serves both."""
    names, versions = set(), []
    rows = Council.objects.values_list("name", "operational_to", "published_version")
    for name, operational_to, data_version in rows:
        versions.append(data_version)
        if operational_to is None:
            names.add(name)
    return sorted(names), min(versions, default=0)


def selected_councils(
    *, codes=(), region: Region | None = None, programme: Programme | None = None, group=None, ofsted: str = ""
):
    """The councils a selection names, by name with their regions, in two queries.
    A statistical-neighbour group includes its anchor. A council replaced one-to-one (a recode, a county
    become unitary) is shown as the council that carries its series (`chosen_as` says what was chosen),
    and each council lists the `earlier` councils of its series, whose figures its row carries."""
    query = Q(gss_code__in=list(codes))
    if region is not None:
        query |= Q(region=region, operational_to__isnull=True)
    if programme is not None:
        query |= Q(participations__programme=programme)
    if group is not None:
        query |= Q(comparison_groups=group)
        if group.anchor_id:
            query |= Q(pk=group.anchor_id)
    if query == Q(gss_code__in=[]) and ofsted:
        query = Q(operational_to__isnull=True)  # a judgement alone: every live council judged so
    if query == Q(gss_code__in=[]):
        return []
    chosen = Council.objects.filter(pk__in=Council.objects.filter(query).values("pk"))
    chosen = list(chosen.select_related("region").order_by("name"))
    live_of, earlier = series_by_live_council(chosen)
    shown: dict[int, Council] = {}
    for council in chosen:
        live = live_of[council.pk]
        if live.pk in shown:
            continue
        live = council if live.pk == council.pk else live
        live.chosen_as = None if live is council else council
        live.earlier = earlier.get(live.pk, [])
        shown[live.pk] = live
    councils = sorted(shown.values(), key=lambda c: c.name)
    if ofsted:
        grades = latest_grades(councils)
        councils = [c for c in councils if grades.get(c.pk) == ofsted]
    return councils


def latest_grades(councils) -> dict[int, str]:
    """Each council's latest Ofsted overall effectiveness, across its series (a recoded council's latest
    judgement may be filed under its earlier code). One query."""
    owner = {c.pk: c.pk for c in councils} | {e.pk: c.pk for c in councils for e in getattr(c, "earlier", [])}
    judgements = (
        OfstedJudgement.objects.filter(council_id__in=list(owner))
        .exclude(overall_effectiveness="")
        .order_by(F("inspected_on").desc(nulls_last=True), F("published_on").desc(nulls_last=True))
        .values_list("council_id", "overall_effectiveness")
    )
    grades: dict[int, str] = {}
    for council_id, grade in judgements:
        grades.setdefault(owner[council_id], grade)
    return grades


@dataclass
class Row:
    council: Council
    period_end: dt.date | None = None
    period_start: dt.date | None = None
    value: Decimal | None = None
    reason: str = ""
    previous: Decimal | None = None
    rank: int | None = None
    quartile: int | None = None
    chosen: bool = False
    rag: Rag | None = None

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class Comparison:
    metric: Metric
    periods: list[tuple[dt.date | None, dt.date]]
    councils: list[Council]  # the chosen ones, by name
    series: dict[int, dict[tuple, Value]]  # council id -> period -> value, for the councils drawn
    england: dict[tuple, Value]
    regions: dict[Region, dict[tuple, Value]]
    latest: tuple | None
    releases: list = field(default_factory=list)  # the official releases of the England and regional figures
    carried: dict = field(default_factory=dict)  # council -> the earlier councils whose figures its series holds
    # A statistical-neighbour group's median line: (its label, period -> Value), or None.
    neighbours: tuple[str, dict] | None = None
    rows: list[Row] = field(default_factory=list)  # the table: chosen councils, or everyone when none chosen
    ranking: list[Row] = field(default_factory=list)  # every council with a value at the latest period
    sources: list = field(default_factory=list)

    @property
    def latest_label(self) -> str:
        return period_label(*self.latest) if self.latest else ""

    @property
    def neighbours_latest(self) -> str:
        """The neighbours' median at the latest period, as the page states it."""
        if not self.neighbours or not self.latest:
            return ""
        value = self.neighbours[1].get(self.latest)
        shown = self.format(value.value) if value and value.value is not None else "no neighbour's figure"
        return f"{self.neighbours[0]}: {shown}, {self.latest_label}"

    @property
    def change_unit(self) -> str:
        return Unit.PERCENTAGE_POINTS if self.metric.unit == Unit.PERCENT else self.metric.unit

    def format(self, value) -> str:
        return format_value(value, self.metric.unit)


def published_readings(queryset):
    """Approved figures as everyone sees them: the published value, or a gap an official source explained."""
    return queryset.filter(
        Q(published_value__isnull=False) | Q(status=Reading.Status.APPROVED, value__isnull=True)
    ).filter(published_kind=Reading.Kind.ACTUAL, project__isnull=True)


def comparison_get(
    *,
    metric: Metric,
    councils,
    first_year: int | None = None,
    last_year: int | None = None,
    series_for: set[int] | None = None,
):
    """Everything the compare page draws for one metric, for the chosen councils (from `selected_councils`).
    `series_for` names the chosen councils whose whole series is drawn (None: all of them): the others' figures
    are read only where the table shows them, at the latest period and the one before. Three queries, whatever
    the number of councils or years."""
    # A figure is in a year by its label, as DfE names it: 2018/19 (from 1 September 2018) is in 2018, not 2019.
    in_range, published_in_range = Q(), Q()
    if first_year:
        in_range &= _labelled(">=", dt.date(first_year, 1, 1))
        published_in_range &= _labelled(">=", dt.date(first_year, 1, 1), "published_")
    if last_year:
        in_range &= _labelled("<=", dt.date(last_year, 12, 31))
        published_in_range &= _labelled("<=", dt.date(last_year, 12, 31), "published_")
    council_ids = {c.pk for c in councils}
    # One series across a change of code: an earlier council's figures are the live council's row.
    carried = {c: c.earlier for c in councils if getattr(c, "earlier", None)}
    series_of = {earlier.pk: council.pk for council, chain in carried.items() for earlier in chain}
    # Readers outside the council see only the approved snapshot, so every date here is the snapshot's.
    readings = published_readings(Reading.objects.filter(published_in_range, metric=metric))
    drawn = council_ids if series_for is None else council_ids & set(series_for)
    series, periods, newest_end, others = figures_read(readings, council_ids | set(series_of), series_of, drawn)
    england: dict[tuple, Value] = {}
    regions: dict[Region, dict[tuple, Value]] = {}
    chosen_regions = {c.region_id for c in councils}
    benchmarks = Benchmark.objects.filter(in_range, metric=metric).filter(
        Q(area=Benchmark.Area.ENGLAND) | Q(area=Benchmark.Area.REGION, region_id__in=chosen_regions)
    )
    sources, releases = {}, {}
    for benchmark in benchmarks.select_related("region", "source_document", "release"):
        key = (benchmark.period_start, benchmark.period_end)
        if benchmark.release_id:
            releases[benchmark.release_id] = benchmark.release
        target = england if benchmark.area == Benchmark.Area.ENGLAND else regions.setdefault(benchmark.region, {})
        target[key] = Value(benchmark.value, benchmark.missing_reason)
        periods.add(key)
        sources[benchmark.source_document_id] = benchmark.source_document
    if metric.source_document_id:
        sources.setdefault(metric.source_document_id, metric.source_document)
    # The period before the newest: the latest period ends at the newest end any council has, so this is
    # known before the councils' figures at the latest period are read, and is read with them.
    previous = _previous_period(periods, newest_end) if newest_end is not None else None
    at_latest, earlier = [], {}
    if newest_end is not None:
        at_latest, earlier = latest_read(
            readings, newest_end, previous, others=None if not council_ids else others, series_of=series_of
        )
    if council_ids and previous is not None:
        # The councils drawn: their series already hold the period before.
        earlier |= {pk: value.value for pk, values in series.items() if (value := values.get(previous))}
    latest_end = at_latest[0].period_end if at_latest else None
    periods.update((r.period_start, r.period_end) for r in at_latest)
    ordered = sorted(periods, key=_period_order)
    latest = max((p for p in ordered if p[1] == latest_end), default=None, key=lambda p: p[0] or p[1])
    comparison = Comparison(
        metric=metric,
        periods=ordered,
        councils=councils,
        series=series,
        england=england,
        regions=dict(sorted(regions.items(), key=lambda item: item[0].name)),
        latest=latest,
        sources=list(sources.values()),
        releases=sorted(releases.values(), key=lambda r: (r.published_on or dt.date.min, r.name), reverse=True),
        carried=carried,
    )
    if latest is not None:
        _rank(comparison, [r for r in at_latest if r.period_start == latest[0]], council_ids, earlier)
    return comparison


def _labelled(comparison: str, day: dt.date, prefix: str = "") -> Q:
    """The period's label date (its first day, or its 'as at' date) on or after / before a day."""
    lookup = "gte" if comparison == ">=" else "lte"
    return Q(**{f"{prefix}period_start__{lookup}": day}) | Q(
        **{f"{prefix}period_start__isnull": True, f"{prefix}period_end__{lookup}": day}
    )


def neighbours_chosen(group, councils) -> list[Council]:
    """The chosen councils that are a statistical-neighbour group's members (its anchor not included), when
    such a group was chosen: their series make the median line. One query."""
    if group is None or group.kind != ComparisonGroup.Kind.STATISTICAL_NEIGHBOURS or group.anchor_id is None:
        return []
    member_ids = set(group.councils.values_list("pk", flat=True)) - {group.anchor_id}
    chosen_as = {c.pk: getattr(getattr(c, "chosen_as", None), "pk", None) for c in councils}
    return [c for c in councils if {c.pk, chosen_as[c.pk]} & member_ids]


def neighbours_median_add(comparison: Comparison, group, members: list[Council]) -> None:
    """When a statistical-neighbour group was chosen: the median of its `members`' published figures at each
    period (the anchor council itself not included), labelled so."""
    if group is None or group.kind != ComparisonGroup.Kind.STATISTICAL_NEIGHBOURS or group.anchor_id is None:
        return
    points = {}
    for period in comparison.periods:
        found = (comparison.series.get(c.pk, {}).get(period) for c in members)
        values = [v.value for v in found if v is not None and v.value is not None]
        if values:
            points[period] = Value(Decimal(statistics.median(values)), note=f"of {len(values)} of {len(members)}")
        else:
            points[period] = Value(None, "no neighbour's figure")
    anchor = group.anchor.name if group.anchor else "the council"
    comparison.neighbours = (f"Median of {anchor}'s {len(members)} statistical neighbours", points)


def _rank(comparison: Comparison, latest_readings: list[Reading], council_ids: set[int], earlier: dict) -> None:
    """Rank every council at the latest period (1 = best in the metric's direction), quartiles, and the table."""
    metric = comparison.metric
    start, end = comparison.latest
    rows = []
    for reading in sorted(latest_readings, key=lambda r: r.council.name):
        rows.append(
            Row(
                council=reading.council,
                period_start=start,
                period_end=end,
                value=reading.published_value,
                reason=reading.missing_reason,
                chosen=reading.council_id in council_ids,
            )
        )
    ranked = [row for row in rows if row.value is not None]
    higher_first = metric.direction != Direction.LOWER
    ranked.sort(key=lambda row: (-row.value if higher_first else row.value, row.council.name))
    count = len(ranked)
    for position, row in enumerate(ranked, start=1):
        tied = position > 1 and ranked[position - 2].value == row.value
        row.rank = ranked[position - 2].rank if tied else position
        row.quartile = min(4, math.ceil(4 * row.rank / count))
    comparison.ranking = ranked
    table = [row for row in rows if row.chosen] if council_ids else rows
    england = comparison.england.get(comparison.latest)
    for row in table:
        row.previous = earlier.get(row.council.pk)
        row.rag = _rag(metric, row, england, comparison.regions.get(row.council.region, {}).get(comparison.latest))
    comparison.rows = table


def _period_order(period):
    return (period[1], period[0] or period[1])


def _previous_period(periods, newest_end: dt.date):
    """The last period, in the page's order, that ends before the newest end."""
    before = [p for p in sorted(periods, key=_period_order) if p[1] < newest_end]
    return before[-1] if before else None


def _rag(metric, row: Row, england: Value | None, region: Value | None) -> Rag | None:
    if row.value is None:
        return None
    benchmarks = []
    if england and england.value is not None:
        benchmarks.append(BenchmarkPoint("England", row.period_end, england.value))
    if region and region.value is not None:
        benchmarks.append(BenchmarkPoint(row.council.region.name, row.period_end, region.value))
    return rag_for(metric=metric, actuals=[Point(row.period_end, row.value)], benchmarks=benchmarks)
