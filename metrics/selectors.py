"""Reads for figures: what each user may see, grouped per metric with its RAG. Selectors never write.

A page fetches the readings of all its metrics in one query and their benchmarks in another,
then groups them here in Python, so the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from metrics.direction import travel_in_series
from metrics.judging import judge_readings
from metrics.models import Benchmark, Metric, OfficialRelease, Reading
from metrics.provenance import FigureSource, figure_sources
from metrics.rag import BenchmarkPoint, Point, Rag, rag_for, worst
from metrics.units import format_value

# Who sees which figures is decided in metrics/visibility.py; pages import it from here too.
from metrics.visibility import READING_FIELDS, filter_as_seen, visible_readings  # noqa: F401
from pipdash.dates import period_label
from programmes.models import SourceDocument
from projects.models import Project


@dataclass(frozen=True)
class Figure:
    """A reading as one user sees it: the published value, or (for the council's managers and
    approvers) the value being worked on with its approval state."""

    reading: Reading
    value: Decimal | None
    status: str
    # Where the value shown came from, when the reading's history says more than its document.
    origin: FigureSource | None = None

    @property
    def metric(self) -> Metric:
        return self.reading.metric

    @property
    def kind(self) -> str:
        return self.reading.kind

    @property
    def on(self) -> dt.date:
        return self.reading.period_end

    @property
    def is_approved(self) -> bool:
        return self.status == Reading.Status.APPROVED

    @property
    def status_label(self) -> str:
        return Reading.Status(self.status).label

    @property
    def display_value(self) -> str:
        if self.value is None:
            return f"missing ({self.reading.missing_reason})" if self.reading.missing_reason else "missing"
        return format_value(self.value, self.reading.metric.unit, self.qualifier)

    @property
    def qualifier(self) -> str:
        """The source's "over", "close to": the published one for readers, as for the value."""
        return self.reading.qualifier

    @property
    def period_label(self) -> str:
        return period_label(self.reading.period_start, self.reading.period_end)

    @property
    def source(self) -> FigureSource:
        """Where this value came from: a document and the place in it, an import, or entry in pipdash."""
        return self.origin or FigureSource.of_reading(self.reading)

    def point(self) -> Point:
        return Point(self.on, self.value, self.qualifier)


def figures_from(
    readings, *, access, with_sources: bool = True, metrics=None, sources=None, projects=None, releases=None
) -> list[Figure]:
    """Figures as this user sees them, each reading joined to its metric, project and source document.

    The joins are made here from one query per related table rather than by select_related, so a
    metric with 120 monthly figures is one Metric object, not 120 copies: at national scale the
    copies cost more than the queries.
    """
    readings = list(readings)
    _attach(readings, Reading.metric.field, Metric.objects.all(), known=metrics)
    origins = {}
    if with_sources:
        documents = _attach(readings, Reading.source_document.field, SourceDocument.objects.all(), known=sources)
        _attach(readings, Reading.project.field, Project.objects.select_related("workstream"), known=projects)
        # Releases the caller has read are used only when they are every release these readings cite.
        if releases is not None and not {r.release_id for r in readings} - {None} <= releases.keys():
            releases = None
        _attach(readings, Reading.release.field, OfficialRelease.objects.all(), known=releases)
        origins = figure_sources(readings, documents=documents)
    figures = [_figure(reading, access, origins) for reading in readings]
    figures.sort(key=lambda f: (f.reading.metric.name, f.reading.metric_id, f.on, f.kind))
    return figures


def iter_figures(readings, *, access, chunk_size: int = 2000):
    """Figures one by one, in the order of `readings`, for a download of every figure: readings are
    read in chunks from a cursor, each joined to its metric, project and source document fetched
    once beforehand, so memory stays flat however many there are."""
    ids = readings.order_by()
    metrics = Metric.objects.filter(pk__in=ids.values("metric_id")).in_bulk()
    sources = SourceDocument.objects.filter(pk__in=ids.values("source_document_id")).in_bulk()
    projects = Project.objects.select_related("workstream").filter(pk__in=ids.values("project_id")).in_bulk()
    releases = OfficialRelease.objects.filter(pk__in=ids.values("release_id")).in_bulk()
    fields = (
        (Reading.metric.field, metrics),
        (Reading.source_document.field, sources),
        (Reading.project.field, projects),
        (Reading.release.field, releases),
    )
    chunk = []
    for reading in readings.iterator(chunk_size=chunk_size):
        for foreign_key, related in fields:
            foreign_key.set_cached_value(reading, related.get(getattr(reading, foreign_key.attname)))
        chunk.append(reading)
        if len(chunk) == chunk_size:
            yield from _figures_of_chunk(chunk, access, sources)
            chunk = []
    yield from _figures_of_chunk(chunk, access, sources)


def _figures_of_chunk(readings, access, documents):
    """A chunk's figures with their sources: at most one history query a chunk, none for figures
    that are as their document says."""
    origins = figure_sources(readings, documents=documents)
    return [_figure(reading, access, origins) for reading in readings]


def _figure(reading, access, origins) -> Figure:
    """The reading as this user sees it: the value being worked on (the council's own managers and
    approvers) or the published one, each with where it came from."""
    current, published = origins.get(reading.pk, (None, None))
    if access.can_see_drafts(reading.council_id):
        return Figure(reading, reading.value, reading.status, current)
    return Figure(reading.as_published(), reading.published_value, Reading.Status.APPROVED, published)


def _attach(readings, foreign_key, queryset, known=None) -> dict:
    """Join each reading to its related object, from `known` (id: object) when the caller has them.
    Returns the related objects by id."""
    ids = {getattr(r, foreign_key.attname) for r in readings} - {None}
    related = known if known is not None else (queryset.in_bulk(ids) if ids else {})
    for reading in readings:
        foreign_key.set_cached_value(reading, related.get(getattr(reading, foreign_key.attname)))
    return related


def benchmark_list(*, metric_ids: Iterable[int], region_ids: Iterable[int], england_unvalued: bool = False):
    """England and the given regions' benchmarks for these metrics, in one query.

    Comparison groups are left to the compare pages: a council page charts England and its region.
    With `england_unvalued`, England's without a value (a missing reason) too: the council page's official
    figures show those, and read them from here rather than asking again (metrics/compare/own_figures.py).
    """
    valued = Q(value__isnull=False)
    england = Q(area=Benchmark.Area.ENGLAND) if england_unvalued else Q(area=Benchmark.Area.ENGLAND) & valued
    return (
        Benchmark.objects.filter(metric_id__in=list(metric_ids))
        .filter(england | Q(valued, area=Benchmark.Area.REGION, region_id__in=list(region_ids)))
        .select_related("region", "source_document")
        .order_by("metric_id", "area", "region_id", "period_end")
    )


def benchmarks_for(benchmarks, council) -> list[Benchmark]:
    """Of benchmarks fetched for several councils, those that apply to this one."""
    return [b for b in benchmarks if b.area == Benchmark.Area.ENGLAND or b.region_id == council.region_id]


@dataclass
class MetricSummary:
    """One metric for one council as a page shows it: figures by kind, benchmarks, RAG."""

    metric: Metric
    figures: list[Figure] = field(default_factory=list)
    benchmarks: list[Benchmark] = field(default_factory=list)
    rag: Rag | None = None
    # Every source of the metric's figures when only some figures were fetched (the council page).
    source_documents: list | None = None
    # The newest figure's direction of travel (metrics/direction.py), set by the page's selector.
    travel: object = None

    # Each kind's figures, kept while `figures` is the same list of the same length: a council page asks for a
    # measure's latest figure and target about 20 times (table, summary, charts, RAG), each a pass over ten
    # years of monthly figures for a charted measure. `figures` is replaced, never edited in place, once read.
    _kinds: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _of_kind(self, kind) -> list[Figure]:
        figures = self.figures
        cached = self._kinds.get(kind)
        if cached is None or cached[0] is not figures or cached[1] != len(figures):
            cached = self._kinds[kind] = (
                figures, len(figures), [f for f in figures if f.reading.kind == kind and f.value is not None]
            )
        return list(cached[2])

    def __getstate__(self):
        # A pickled summary (a cached part of a page) carries its figures once, not again in the kinds kept.
        return {**self.__dict__, "_kinds": {}}

    @property
    def actuals(self) -> list[Figure]:
        return self._of_kind(Reading.Kind.ACTUAL)

    @property
    def targets(self) -> list[Figure]:
        return self._of_kind(Reading.Kind.TARGET)

    @property
    def baselines(self) -> list[Figure]:
        return self._of_kind(Reading.Kind.BASELINE)

    @property
    def latest(self) -> Figure | None:
        """The newest actual: for a running total, the total (never a sum of periods)."""
        actuals = self.actuals
        return actuals[-1] if actuals else None

    @property
    def target(self) -> Figure | None:
        """The target the RAG judges: the next one due after the latest actual, else the last."""
        targets = self.targets
        if not targets:
            return None
        latest = self.latest
        if latest is None:
            return targets[0]
        return next((t for t in targets if t.on >= latest.on), targets[-1])

    @property
    def latest_benchmarks(self) -> list[Benchmark]:
        """The newest benchmark of each area."""
        newest = {}
        for benchmark in self.benchmarks:
            newest[benchmark.area_label] = benchmark
        return list(newest.values())

    @property
    def has_drafts(self) -> bool:
        return any(not f.is_approved for f in self.figures)

    @property
    def project_id(self) -> int | None:
        if self.metric.project_id:
            return self.metric.project_id
        with_project = [f.reading.project_id for f in self.figures if f.reading.project_id]
        return with_project[-1] if with_project else None

    @property
    def as_at(self) -> dt.date | None:
        latest = self.latest
        return latest.on if latest else None

    @property
    def sources(self) -> list[FigureSource]:
        """Every source of the figures and benchmarks once, in the order they appear (a chart's):
        each document, each import, each person's entry in pipdash on a day."""
        seen: dict = {}
        for document in self.source_documents or []:
            seen.setdefault(("document", document.pk), FigureSource(document=document))
        for figure in self.figures:
            source = figure.source
            if source.document is not None:
                seen.setdefault(("document", source.pk), FigureSource(document=source.document))
            elif source.is_entered:
                seen.setdefault(("entered", source.citation), source)
        for benchmark in self.benchmarks:
            document = benchmark.source_document
            seen.setdefault(("document", document.pk), FigureSource(document=document))
        return list(seen.values())

    @property
    def row_sources(self) -> list[tuple[str, FigureSource]]:
        """Where the figures of the measure's row came from, each source once with what it gave:
        [("Latest figure", entered in pipdash ...), ("Target and England benchmark", a paper)]."""
        given: list[tuple[str, FigureSource]] = []
        if self.latest is not None:
            given.append(("latest figure", self.latest.source))
        if self.target is not None:
            given.append(("target", self.target.source))
        for benchmark in self.latest_benchmarks:
            given.append((f"{benchmark.area_label} benchmark", FigureSource(document=benchmark.source_document)))
        merged: dict[str, tuple[list[str], FigureSource]] = {}
        for what, source in given:
            merged.setdefault(source.citation, ([], source))[0].append(what)
        return [(_and(whats), source) for whats, source in merged.values()]


def _and(words: list[str]) -> str:
    text = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return text[:1].upper() + text[1:]


def metric_summary_list(
    *, figures: list[Figure], benchmarks, today: dt.date | None = None, metrics: Iterable[Metric] = ()
) -> list[MetricSummary]:
    """Group figures by metric and compute each metric's RAG. Pure Python: no queries.

    `metrics` are listed even when none of their figures was fetched."""
    today = today or timezone.localdate()
    summaries: dict[int, MetricSummary] = {metric.pk: MetricSummary(metric) for metric in metrics}
    for figure in figures:
        summaries.setdefault(figure.metric.pk, MetricSummary(figure.metric)).figures.append(figure)
    by_metric = defaultdict(list)
    for benchmark in benchmarks:
        by_metric[benchmark.metric_id].append(benchmark)
    for summary in summaries.values():
        summary.figures.sort(key=lambda f: (f.on, f.kind))
        summary.benchmarks = by_metric.get(summary.metric.pk, [])
        summary.rag = rag_for(
            metric=summary.metric,
            actuals=[f.point() for f in summary.actuals],
            targets=[f.point() for f in summary.targets],
            baselines=[f.point() for f in summary.baselines],
            benchmarks=[BenchmarkPoint(b.area_label, b.period_end, b.value) for b in summary.benchmarks],
            today=today,
        )
    return sorted(summaries.values(), key=lambda s: (not s.metric.is_key, s.metric.name))


def as_at(figures: Iterable[Figure]) -> dt.date | None:
    """The date of the newest actual figure shown."""
    dates = [f.on for f in figures if f.kind == Reading.Kind.ACTUAL and f.value is not None]
    return max(dates) if dates else None


def council_metric_summaries(*, access, council, project=None, today=None) -> tuple[list[MetricSummary], list[Figure]]:
    """Everything a page needs about a council's (or one project's) figures, in two queries."""
    figures = figures_from(visible_readings(access=access, councils=[council], project=project), access=access)
    metric_ids = {f.metric.pk for f in figures}
    benchmarks = list(benchmark_list(metric_ids=metric_ids, region_ids=[council.region_id])) if metric_ids else []
    summaries = metric_summary_list(figures=figures, benchmarks=benchmarks, today=today)
    # Every figure of each series is here: each figure's travel is found among them.
    attach_travel(summaries, travel_in_series(figures))
    return summaries, figures


def attach_travel(summaries: Iterable[MetricSummary], travels: dict) -> None:
    """Give each summary its newest figure's direction of travel, from travels by reading id."""
    for summary in summaries:
        latest = summary.latest
        summary.travel = travels.get(latest.reading.pk) if latest is not None else None


def project_rags(*, readings, access, councils, today: dt.date | None = None) -> dict[int, Rag | None]:
    """Each project's RAG (the worst of its measures'), judged from these readings as a programme's overview
    judges them (metrics/judging.py): drafts only for the council's own."""
    rags: dict[int, list[Rag]] = defaultdict(list)
    judged = judge_readings(readings, access=access, councils=councils, today=today or timezone.localdate())
    for measures in judged.values():
        for measure in measures:
            if measure.project_id is not None:
                rags[measure.project_id].append(measure.rag)
    return {project_id: worst(project_rag) for project_id, project_rag in rags.items()}
