"""The project page's figures, read so that a project with ten years of monthly figures builds fast (issue 20).

What is read and who sees what are the council page's rules (metrics/visibility.py, metrics/selectors.py):
only how the rows are fetched differs. A project's figures are those filed against it and those of its own
measures, of its council. Asked as one filter (`project = P OR metric.project = P`) PostgreSQL walks every
figure of the council (7,700 at national scale) joined to every measure to find the project's 786: two
index reads, one for each half, find them directly. And the rows become Reading objects as Model.from_db
would make them, without its walk of every field of the model for each row, which cost more than the query
(metrics/fast_readings.py).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.db.models import Q

from metrics.direction import travel_in_series
from metrics.fast_readings import FIELDS, readings_from_rows
from metrics.models import Reading
from metrics.selectors import MetricSummary, attach_travel, benchmark_list, figures_from, metric_summary_list
from metrics.visibility import visible_readings


def project_readings(*, access, council, project) -> list[Reading]:
    """The council's readings of this project that this user may see, as visible_readings(project=...)
    gives them and in its order, in one query of two index reads."""
    visible = visible_readings(access=access, councils=[council])
    filed = visible.filter(project=project)
    # Figures of the project's own measures not filed against the project itself (none are counted twice).
    of_measures = visible.filter(metric__project=project).filter(~Q(project=project))
    fields = FIELDS
    rows = (
        filed.order_by()
        .values_list(*fields)
        .union(of_measures.order_by().values_list(*fields), all=True)
        .order_by("metric_id", "period_end", "kind")
    )
    return readings_from_rows(rows, db=rows.db)


class SeriesSummary(MetricSummary):
    """A MetricSummary whose figures of each kind, newest figure and judged target are found once, not at every
    use: the page's tables, summary and charts ask for them some 140 times, each a walk of the whole series.
    For summaries whose figures are never replaced once made, as the project page's are."""

    actuals = cached_property(MetricSummary.actuals.fget)
    targets = cached_property(MetricSummary.targets.fget)
    baselines = cached_property(MetricSummary.baselines.fget)
    latest = cached_property(MetricSummary.latest.fget)
    target = cached_property(MetricSummary.target.fget)


def as_series_summaries(summaries: list[MetricSummary]) -> list[MetricSummary]:
    """The same summaries as SeriesSummary, once their figures are final (nothing else about them changes)."""
    for summary in summaries:
        summary.__class__ = SeriesSummary
    return summaries


def project_summaries(*, access, council, project, today: dt.date):
    """(summaries, figures, travels) of the project's measures: council_metric_summaries(project=...)'s
    summaries and figures, and every figure's direction of travel by reading id (metrics/direction.py) for
    the charts, found once. Four queries: readings, measures, source documents, benchmarks."""
    readings = project_readings(access=access, council=council, project=project)
    # The page's project is every figure's project, unless a figure of its measure was filed elsewhere.
    known = {project.pk: project} if {r.project_id for r in readings} <= {project.pk, None} else None
    figures = figures_from(readings, access=access, projects=known)
    metric_ids = {f.metric.pk for f in figures}
    benchmarks = list(benchmark_list(metric_ids=metric_ids, region_ids=[council.region_id])) if metric_ids else []
    summaries = metric_summary_list(figures=figures, benchmarks=benchmarks, today=today)
    travels = travel_in_series(figures)
    attach_travel(summaries, travels)
    return summaries, figures, travels
