"""The council page's measures from only the figures it shows (issue 8).

The page shows one row per measure (the newest figure, the target it is judged against, the RAG)
and charts a few key measures. Ten years of monthly figures for sixty measures are 7,000 readings;
the page needs about ten per measure plus the charted series, so those are all it fetches.
"""

from __future__ import annotations

import datetime as dt

from django.db import connections
from django.db.models import Min, OuterRef, Q
from django.utils import timezone

from metrics.direction import latest_travels
from metrics.models import Metric
from metrics.picks import PICKS, annotate_picks, shown_readings
from metrics.selectors import (
    Figure,
    MetricSummary,
    attach_travel,
    benchmark_list,
    figures_from,
    metric_summary_list,
    visible_readings,
)
from programmes.models import SourceDocument



def council_page_summaries(*, access, council, today: dt.date | None = None, projects=None):
    """(summaries, figures) for every measure with figures this user may see; each summary holds the
    figures its row needs, and key measures their whole series for the charts. Five queries, six
    without `projects` (id: the council's projects, which the page has fetched already)."""
    today = today or timezone.localdate()
    visible = visible_readings(access=access, councils=[council])
    metrics = {
        metric.pk: metric
        for metric in annotate_picks(
            Metric.objects.filter(pk__in=visible.order_by().values("metric_id")).order_by(),
            shown=shown_readings(access=access, council_ids=[council.pk]),
            council=council.pk,
            metric=OuterRef("pk"),
        )
    }
    ids = {getattr(metric, name) for metric in metrics.values() for name in PICKS} - {None}
    # Every source of each measure's figures, in the order they first appear, for its row's "Source".
    source_pairs, sources = _source_pairs(visible)
    readings = visible.filter(Q(pk__in=ids) | Q(metric__is_key=True))
    figures = figures_from(readings, access=access, metrics=metrics, sources=sources, projects=projects)
    benchmarks = list(benchmark_list(metric_ids=metrics, region_ids=[council.region_id])) if metrics else []
    summaries = metric_summary_list(figures=figures, benchmarks=benchmarks, today=today, metrics=metrics.values())
    documents: dict[int, list] = {}
    for metric_id, source_id in source_pairs:
        documents.setdefault(metric_id, []).append(sources[source_id])
    for summary in summaries:
        summary.source_documents = documents.get(summary.metric.pk, [])
    # Only each measure's newest figures were fetched: its previous comparable one is read in one query.
    attach_travel(summaries, latest_travels([s.latest for s in summaries], access=access, council=council))
    return summaries, figures


def _source_pairs(visible):
    """[(metric id, document id)] in order of first use, and the documents by id: one
    query, the documents joined to the pairs once they are grouped (grouping by every column of the
    document as well took twice as long at national scale)."""
    pairs = (
        visible.filter(source_document__isnull=False)
        .order_by()
        .values("metric_id", "source_document_id")
        .annotate(first=Min("period_end"))
    )
    sql, params = pairs.query.sql_with_params()
    quote = connections[visible.db].ops.quote_name
    table, pk = SourceDocument._meta.db_table, SourceDocument._meta.pk.column
    documents = SourceDocument.objects.using(visible.db).raw(
        f"SELECT {quote(table)}.*, pairs.metric_id AS pair_metric_id FROM ({sql}) pairs"
        f" INNER JOIN {quote(table)} ON {quote(table)}.{quote(pk)} = pairs.source_document_id"
        f" ORDER BY pairs.first, pairs.source_document_id",
        params,
    )
    source_pairs, sources = [], {}
    for document in documents:
        document = sources.setdefault(document.pk, document)
        source_pairs.append((document.pair_metric_id, document.pk))
    return source_pairs, sources


def load_series(summaries: list[MetricSummary], *, access, council, projects=None) -> list[Figure]:
    """Replace these summaries' figures by their whole series (for charting measures that are not
    key ones); their RAG stays as judged. One query, two with the projects."""
    if not summaries:
        return []
    metrics = {summary.metric.pk: summary.metric for summary in summaries}
    readings = visible_readings(access=access, councils=[council]).filter(metric_id__in=metrics)
    documents = {d.pk: d for summary in summaries for d in summary.source_documents or []}
    figures = figures_from(readings, access=access, metrics=metrics, sources=documents, projects=projects)
    by_metric: dict[int, list[Figure]] = {pk: [] for pk in metrics}
    for figure in figures:
        by_metric[figure.metric.pk].append(figure)
    for summary in summaries:
        summary.figures = sorted(by_metric[summary.metric.pk], key=lambda f: (f.on, f.kind))
    return figures
