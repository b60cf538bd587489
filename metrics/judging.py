"""Measures judged from their readings, many councils at once (issue 8, issue 20): read as plain tuples,
not model objects, since an overview judges tens of thousands of figures only to count them.

Judged as the council page's summaries judge them (metrics/selectors.py metric_summary_list): a reader
outside the council judges the approved snapshot (its kind, date, value and qualifier); a measure filed
against several projects counts for the one its newest figure names. Projects' RAGs (`project_rags`) and a
programme's overview (pipdash/dashboards/programme_rags.py) both judge through here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from metrics.models import Benchmark, Metric, Reading
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


def judge_readings(readings, *, access, councils, today) -> dict[int, list[Judged]]:
    """{council id: its measures judged} from `readings` (of these councils), as this viewer sees them.
    Three queries at most: the readings, their metrics and their benchmarks (the last two only if any)."""
    rows = readings.values_list("council_id", "metric_id", "project_id", *_DRAFT, *_PUBLISHED)
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


def among(queryset, column: str, field: str, ids):
    """`queryset` filtered to `field` in `ids`. On PostgreSQL thousands of ids go as one array parameter:
    as an IN list Django resolves each id on its own, which took longer than the database took to find
    them (the readings' and metrics' ids, the projects')."""
    if connection.vendor == "postgresql":
        # The column is a constant in the calling code, never text from a request; the ids are a parameter.
        return queryset.extra(where=[f"{column} = ANY(%s)"], params=[sorted(ids)])  # noqa: S610
    return queryset.filter(**{f"{field}__in": ids})
