"""Each project's RAG for a programme's overview, from the few readings a RAG needs (issue 8, issue 20).

A national programme holds hundreds of thousands of readings: the picks (metrics/picks.py) choose a handful
per measure in the database, and only those rows are read and judged.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, OuterRef

from metrics.models import Metric, Reading
from metrics.picks import annotate_picks, picked_ids, shown_readings
from metrics.selectors import project_rags


def programme_project_rags(*, access, councils, project_ids, today) -> dict:
    """{project id: its RAG, or None} for these councils' projects, as this viewer sees their figures."""
    council_ids = [c.pk for c in councils]
    ids = rag_reading_ids(access=access, council_ids=council_ids, project_ids=project_ids)
    return project_rags(readings=_with_ids(ids), access=access, councils=councils, today=today)


def _with_ids(ids):
    if connection.vendor == "postgresql":
        # Tens of thousands of ids as one array parameter: as an IN list Django resolves each id on its
        # own, which took longer than the database took to find them.
        return Reading.objects.extra(where=['"metrics_reading"."id" = ANY(%s)'], params=[sorted(ids)]).order_by()
    return Reading.objects.filter(pk__in=ids).order_by()


def rag_reading_ids(*, access, council_ids, project_ids) -> set[int]:
    """The few readings each project's RAG needs (metrics/picks.py), never every reading."""
    shown = shown_readings(access=access, council_ids=council_ids)
    project_metrics = annotate_picks(
        Metric.objects.filter(project_id__in=project_ids).order_by(),
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
    return picked_ids(project_metrics, filed_pairs)
