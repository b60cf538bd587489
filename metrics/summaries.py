"""The council page's measures from only the figures it shows (issue 8).

The page shows one row per measure (the newest figure, the target it is judged against, the RAG)
and charts a few key measures. Ten years of monthly figures for sixty measures are 7,000 readings;
the page needs about ten per measure plus the charted series, so those are all it fetches.
"""

from __future__ import annotations

import datetime as dt

from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, Min, OuterRef, Q
from django.utils import timezone

from metrics.direction import latest_travels
from metrics.fast_readings import FIELDS, readings_from_rows
from metrics.models import Benchmark, Metric, OfficialRelease
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
from pipdash.web.fast_rows import instances
from pipdash.web.model_copies import shallow_copy
from programmes.models import SourceDocument


def council_page_summaries(*, access, council, today: dt.date | None = None, projects=None, touched=None):
    """(summaries, figures) for every measure with figures this user may see; each summary holds the
    figures its row needs, and key measures their whole series for the charts, official ones their
    releases (`summary.releases`, newest first). Five queries, one more with official measures, one more
    without `projects` (id: the council's projects, which the page has fetched already).

    With `touched` (a subquery of measure ids), the visible readings of those measures are read in the same
    query, for "changes since" (pipdash/dashboards/changes.py), and returned as a third item: copies, apart
    from the page's own, in the order the query gives them."""
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
    # And the releases of the official measures' figures, for their rows' citations (metrics.official.releases).
    official_ids = {pk for pk, metric in metrics.items() if metric.official_key}
    source_pairs, sources, releases = _sources_and_releases(visible, official_ids)
    # Key measures by id, not by a join to every measure: the ids and the measures' index then find the rows
    # (a join filter read all 7,700 of a council's readings at national scale).
    key_ids = [pk for pk, metric in metrics.items() if metric.is_key]
    on_page = Q(pk__in=ids) | Q(metric_id__in=key_ids)
    # Rows made into Readings without Model.__init__'s walk of every field (the project page's way): a key
    # measure's ten years of monthly figures cost more to build as model instances than to read.
    touched_readings = None
    if touched is None:
        readings = readings_from_rows(visible.filter(on_page).values_list(*FIELDS), db=visible.db)
    else:
        wanted = Q(metric_id__in=touched)
        rows = list(
            visible.filter(on_page | wanted)
            .annotate(touched=ExpressionWrapper(wanted, output_field=BooleanField()))
            .values_list(*FIELDS, "touched")
        )
        made = readings_from_rows((row[:-1] for row in rows), db=visible.db)
        # Whether a row is the page's own is asked of its id and measure here, not in SQL: the hundreds of ids
        # cost more to compile into the query a second time than to look up.
        key_set = set(key_ids)
        readings = [r for r in made if r.pk in ids or r.metric_id in key_set]
        # Copies: "changes since" joins its own figures, and must not change the page's readings.
        touched_readings = [shallow_copy(r) for r, row in zip(made, rows, strict=True) if row[-1]]
    known_releases = {release.pk: release for found in releases.values() for release in found}
    figures = figures_from(
        readings, access=access, metrics=metrics, sources=sources, projects=projects, releases=known_releases
    )
    region_ids = [council.region_id]
    # Each publication and region made once, not once a benchmark (pipdash/web/fast_rows.py).
    query = benchmark_list(metric_ids=metrics, region_ids=region_ids, england_unvalued=True)
    found = instances(query, related=("region", "source_document")) if metrics else []
    benchmarks = [b for b in found if b.value is not None]
    summaries = metric_summary_list(figures=figures, benchmarks=benchmarks, today=today, metrics=metrics.values())
    documents: dict[int, list] = {}
    for metric_id, source_id in source_pairs:
        documents.setdefault(metric_id, []).append(sources[source_id])
    for summary in summaries:
        summary.source_documents = documents.get(summary.metric.pk, [])
        summary.releases = releases.get(summary.metric.pk, [])
        if summary.metric.official_key:
            # England's figures of an official measure, those without a value too, for the official figures
            # beside the council's own (pipdash/dashboards/templatetags/official.py): not asked for again.
            summary.england = [
                b for b in found if b.metric_id == summary.metric.pk and b.area == Benchmark.Area.ENGLAND
            ]
    # Only each measure's newest figures were fetched: its previous comparable one is read in one query.
    attach_travel(summaries, latest_travels([s.latest for s in summaries], access=access, council=council))
    if touched is not None:
        return summaries, figures, touched_readings
    return summaries, figures


def _sources_and_releases(visible, official_ids):
    """([(metric id, document id)] in order of first use, the documents by id, and the official measures'
    releases by measure id, newest first): one query. The pairs are grouped with each figure's release, the
    documents and releases joined once they are grouped (grouping by every column of the document as well
    took twice as long at national scale); a measure's documents keep the order of their first figure."""
    pairs = (
        visible.filter(source_document__isnull=False)
        .order_by()
        .values("metric_id", "source_document_id", "release_id")
        .annotate(first=Min("period_end"))
    )
    sql, params = pairs.query.sql_with_params()
    quote = connections[visible.db].ops.quote_name
    table, pk = SourceDocument._meta.db_table, SourceDocument._meta.pk.column
    release_table, release_key = OfficialRelease._meta.db_table, OfficialRelease._meta.pk.column
    release_names = [f.attname for f in OfficialRelease._meta.concrete_fields]
    release_columns = ", ".join(
        f"rel.{quote(f.column)} AS {quote('rel__' + f.attname)}" for f in OfficialRelease._meta.concrete_fields
    )
    # Only the models' own tables and columns and Django's compiled SQL are written in; every value is a parameter.
    query = (
        f"SELECT {quote(table)}.*, pairs.metric_id AS pair_metric_id, {release_columns} FROM ({sql}) pairs"  # noqa: S608
        f" INNER JOIN {quote(table)} ON {quote(table)}.{quote(pk)} = pairs.source_document_id"
        f" LEFT OUTER JOIN {quote(release_table)} rel ON rel.{quote(release_key)} = pairs.release_id"
        " ORDER BY pairs.first, pairs.source_document_id"
    )
    source_pairs, sources, seen = [], {}, set()
    made: dict[int, OfficialRelease] = {}
    releases: dict[int, dict[int, OfficialRelease]] = {}
    for row in SourceDocument.objects.using(visible.db).raw(query, params):
        metric_id, release_pk = row.pair_metric_id, row.rel__id
        if release_pk is not None and metric_id in official_ids:
            values = [getattr(row, f"rel__{name}") for name in release_names]
            release = made.setdefault(release_pk, OfficialRelease.from_db(visible.db, release_names, values))
            releases.setdefault(metric_id, {})[release_pk] = release
        document = sources.setdefault(row.pk, row)
        if (metric_id, document.pk) not in seen:
            seen.add((metric_id, document.pk))
            source_pairs.append((metric_id, document.pk))
    by_metric = {
        metric_id: sorted(found.values(), key=lambda r: (r.published_on or dt.date.min, r.name), reverse=True)
        for metric_id, found in releases.items()
    }
    return source_pairs, sources, by_metric


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
