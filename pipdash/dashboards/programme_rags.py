"""Each measure of a programme's councils judged once, from the few readings a RAG needs (issue 8, issue 20).

A national programme holds hundreds of thousands of readings: the picks (metrics/picks.py) choose a handful
per measure in the database, and only those rows are read and judged (metrics/judging.py). The overview's
rows (a project's RAG is the worst of its measures') and its summary (counts and the off-track measures) are
both made from these judgements, so each measure is judged once per council, not once for each.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from metrics.judging import Judged, among, judge_readings
from metrics.models import Metric, Reading
from metrics.picks import PICKS, annotate_picks, picked_ids, shown_readings


def judged_measures(*, access, councils, project_ids, today) -> dict[int, list[Judged]]:
    """{council id: its measures judged} for these councils' projects, as this viewer sees their figures.
    Five queries at most whatever the number of councils: which common measures are filed against a
    project, the picks, the picked readings, their metrics and benchmarks (the last two only if any)."""
    council_ids = [c.pk for c in councils]
    ids = rag_reading_ids(access=access, council_ids=council_ids, project_ids=project_ids) if project_ids else set()
    if not ids:
        return {}
    readings = among(Reading.objects.order_by(), '"metrics_reading"."id"', "pk", ids)
    return judge_readings(readings, access=access, councils=councils, today=today)


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
