"""Each measure of a programme's councils judged once, from the few readings a RAG needs (issue 8, issue 20).

A national programme holds hundreds of thousands of readings: the picks (metrics/picks.py) choose a handful
per measure in the database, and only those rows are read, as plain tuples, and judged. The overview's rows
(a project's RAG is the worst of its measures') and its summary (counts and the off-track measures) are both
made from these judgements, so each measure is judged once per council, not once for each.

Judged as the council page's summaries judge them (metrics/selectors.py metric_summary_list): a reader
outside the council judges the approved snapshot (its kind, date, value and qualifier); a measure filed
against several projects counts for the one its newest figure names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from metrics.models import Benchmark, Metric, Reading
from metrics.picks import PICKS, annotate_picks, picked_ids, shown_readings
from metrics.rag import BenchmarkPoint, Point, Rag, rag_for


@dataclass(frozen=True)
class Judged:
    """One measure of one council as the overview counts it: its RAG, the project it counts for, and what
    the council says beside its newest actual (as this viewer may see it)."""

    metric: Metric
    project_id: int | None
    rag: Rag
    explanation: str = ""
    action: str = ""
    owner: str = ""


# The reading's columns a judgement reads, as the council's own see them, then as everyone else does.
_DRAFT = ("kind", "value", "period_end", "qualifier", "explanation", "recovery_action", "action_owner")
_PUBLISHED = tuple(f"published_{name}" for name in _DRAFT)


def judged_measures(*, access, councils, project_ids, today) -> dict[int, list[Judged]]:
    """{council id: its measures judged} for these councils' projects, as this viewer sees their figures.
    Four queries at most whatever the number of councils: which common measures are filed against a
    project, the picks, the picked readings, their metrics and benchmarks (the last two only if any)."""
    council_ids = [c.pk for c in councils]
    ids = rag_reading_ids(access=access, council_ids=council_ids, project_ids=project_ids) if project_ids else set()
    if not ids:
        return {}
    rows = _with_ids(ids).values_list("council_id", "metric_id", "project_id", *_DRAFT, *_PUBLISHED)
    drafts = {c.pk: access.can_see_drafts(c.pk) for c in councils}  # asked once per council, not per row
    # (council, metric): [(period end, kind, value, qualifier, project, explanation, action, owner)]
    points: dict[tuple, list] = defaultdict(list)
    width = len(_DRAFT)
    for council_id, metric_id, project_id, *columns in rows:
        kind, value, on, qualifier, explanation, action, owner = (
            columns[:width] if drafts.get(council_id, False) else columns[width:]
        )
        if value is not None:
            points[(council_id, metric_id)].append((on, kind, value, qualifier, project_id, explanation, action, owner))
    metrics = {m.pk: m for m in among(Metric.objects.all(), '"metrics_metric"."id"', "pk", {m for _, m in points})}
    regions = {c.region_id for c in councils}
    # England's and the regions' benchmarks as tuples: as objects (with region and source) they were most
    # of the model instances the page made.
    benchmarks_by_metric = defaultdict(list)
    if metrics:
        # benchmark_list's (metrics/selectors.py), with the thousands of metrics' ids as one parameter.
        area = Q(area=Benchmark.Area.ENGLAND) | Q(area=Benchmark.Area.REGION, region_id__in=list(regions))
        ordered = ("metric_id", "area", "region_id", "period_end")
        chosen = among(
            Benchmark.objects.filter(area, value__isnull=False).order_by(*ordered),
            '"metrics_benchmark"."metric_id"',
            "metric_id",
            metrics,
        )
        for metric_id, area, region_id, region, on, value in chosen.values_list(
            "metric_id", "area", "region_id", "region__name", "period_end", "value"
        ):
            england = area == Benchmark.Area.ENGLAND
            point = BenchmarkPoint("England" if england else region, on, value)
            benchmarks_by_metric[metric_id].append((england, region_id, point))
    by_council = {c.pk: c for c in councils}
    # England's and each region's benchmark points per metric, made once rather than once per council.
    benchmark_points: dict[tuple, list[BenchmarkPoint]] = {}
    judged: dict[int, list[Judged]] = defaultdict(list)
    for (council_id, metric_id), figures in points.items():
        council, metric = by_council[council_id], metrics[metric_id]
        figures.sort(key=lambda f: (f[0], f[1]))  # by date then kind, as a measure's figures are listed
        actuals = [f for f in figures if f[1] == Reading.Kind.ACTUAL]
        area = (metric_id, council.region_id)
        if area not in benchmark_points:
            # As benchmarks_for (metrics/selectors.py) chooses them: England's and the council's region's.
            benchmark_points[area] = [
                point
                for england, region_id, point in benchmarks_by_metric[metric_id]
                if england or region_id == council.region_id
            ]
        rag = rag_for(
            metric=metric,
            actuals=[Point(f[0], f[2], f[3]) for f in actuals],
            targets=[Point(f[0], f[2], f[3]) for f in figures if f[1] == Reading.Kind.TARGET],
            baselines=[Point(f[0], f[2], f[3]) for f in figures if f[1] == Reading.Kind.BASELINE],
            benchmarks=benchmark_points[area],
            today=today,
        )
        filed = [f[4] for f in figures if f[4]]
        project_id = metric.project_id or (filed[-1] if filed else None)
        words = actuals[-1][5:] if actuals else ("", "", "")
        judged[council_id].append(Judged(metric, project_id, rag, *(text or "" for text in words)))
    return judged


def _with_ids(ids):
    return among(Reading.objects.order_by(), '"metrics_reading"."id"', "pk", ids)


def among(queryset, column: str, field: str, ids):
    """`queryset` filtered to `field` in `ids`. On PostgreSQL thousands of ids go as one array parameter:
    as an IN list Django resolves each id on its own, which took longer than the database took to find
    them (the readings' and metrics' ids, the projects')."""
    if connection.vendor == "postgresql":
        # The column is one of this module's constants, never a caller's text; the ids are a parameter.
        return queryset.extra(where=[f"{column} = ANY(%s)"], params=[sorted(ids)])  # noqa: S610
    return queryset.filter(**{f"{field}__in": ids})


def rag_reading_ids(*, access, council_ids, project_ids) -> set[int]:
    """The few readings each measure's RAG needs (metrics/picks.py), never every reading: of the projects'
    own metrics, and of common or council-wide measures filed against one of the projects."""
    shown = shown_readings(access=access, council_ids=council_ids)
    project_metrics = annotate_picks(
        among(Metric.objects.order_by(), '"metrics_metric"."project_id"', "project_id", project_ids),
        shown=shown,
        council=OuterRef("council_id"),
        metric=OuterRef("pk"),
    )
    # Figures of a common or council-wide measure filed against one of the projects. Few measures have any
    # (none at national scale), so which do is asked first, one index probe per measure
    # (reading_metric_filed); asked of the projects' readings instead, it read all of them to find none.
    filed_metrics = list(
        Metric.objects.filter(project__isnull=True)
        .filter(Exists(Reading.objects.filter(metric_id=OuterRef("pk"), project__isnull=False)))
        .values_list("pk", flat=True)
    )
    if not filed_metrics:
        return picked_ids(project_metrics)
    filed = shown.filter(project_id__in=project_ids)
    filed_pairs = annotate_picks(
        filed.filter(metric_id__in=filed_metrics, council_id__in=council_ids)
        .values("council_id", "metric_id")
        .distinct()
        .order_by(),
        shown=filed,
        council=OuterRef("council_id"),
        metric=OuterRef("metric_id"),
    )
    # One query for both: the union of the two sets of picks.
    return picked_ids(project_metrics.values_list(*PICKS).union(filed_pairs.values_list(*PICKS), all=True))
