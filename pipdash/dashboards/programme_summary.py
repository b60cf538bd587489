"""The summary at the top of a programme's page (issue 14): the councils' active projects read together.

How many of the programme's active projects and their measures are Green, Amber, Red, stale or
unrated; the off-track measures with their sentence, the council's explanation and action; the
milestones missed and due in the next three months. Each council's part is the council page's
summary of its projects in this programme (pipdash/dashboards/summary.py), judged from the few
readings a RAG needs (metrics/picks.py) as this viewer may see them.

A fixed number of queries whatever the number of councils, and each council's part is cached on its
own under that council's data version, like the overview's rows (programme_rows.py): after one
council's write the summary rebuilds that council's part and reads the others from the cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import OuterRef, Prefetch, Q
from django.utils import timezone

from metrics.models import Metric, Reading
from metrics.picks import PICKS, annotate_picks, picked_ids, shown_readings
from metrics.rag import RED
from metrics.selectors import benchmark_list, benchmarks_for, figures_from, metric_summary_list
from pipdash.dashboards.selectors import ProjectBlock
from pipdash.dashboards.summary import BUCKETS, PageSummary, page_summary
from pipdash.dates import add_months
from pipdash.web.page_cache import PAGE_CACHE_SECONDS
from projects.models import Milestone, Project


@dataclass(frozen=True)
class OffTrackLine:
    """An off-track measure as the summary says it, in plain text: a council's part of the summary then
    caches small and reads back quickly (model objects took a second to unpickle for 153 councils)."""

    status: str
    word: str
    reason: str
    measure: str
    council: str
    project: str
    explanation: str = ""
    action: str = ""
    owner: str = ""

    @classmethod
    def of(cls, item) -> OffTrackLine:
        """From the council summary's OffTrack (pipdash/dashboards/summary.py)."""
        rag, project = item.summary.rag, item.project
        return cls(
            status=rag.status,
            word=rag.word,
            reason=rag.reason,
            measure=item.summary.metric.name,
            council=project.council.name if project is not None else "",
            project=project.name if project is not None else "",
            explanation=item.explanation,
            action=item.recovery_action,
            owner=item.action_owner,
        )


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone missed or due, in plain text like OffTrackLine."""

    title: str
    due_on: dt.date
    due_label: str
    council: str
    project: str
    missed: bool

    @classmethod
    def of(cls, item, *, missed: bool) -> MilestoneLine:
        milestone, project = item.milestone, item.project
        return cls(milestone.title, milestone.due_on, milestone.due_label, project.council.name, project.name, missed)


class ProgrammeSummary(PageSummary):
    """The councils' summaries read together, with the counts said in words; its lists hold OffTrackLine
    and MilestoneLine."""

    @property
    def milestones(self) -> list[MilestoneLine]:
        return self.missed + self.due

    @property
    def project_words(self) -> str:
        return _words(self.projects)

    @property
    def measure_words(self) -> str:
        return _words(self.measures)


def _words(counts) -> str:
    """'3 green, 2 amber, 1 no RAG': the buckets that have any, each label as a reader says it."""
    said = [f"{n} {'no RAG' if key == 'unrated' else label.lower()}" for key, label, n in counts if n]
    return ", ".join(said)


def _part_key(programme, council, access, today) -> str:
    drafts = "1" if access.can_see_drafts(council) else "0"
    version = council.version_seen_by(access)
    return f"programme-summary:{programme.pk}:{council.pk}:{version}:{drafts}:{today.isoformat()}"


def programme_summary(*, programme, councils, access, today: dt.date | None = None) -> ProgrammeSummary:
    """The summary across `councils` (the overview's, in its order): cached parts read together,
    missing ones built together in a fixed number of queries."""
    today = today or timezone.localdate()
    keys = {council.pk: _part_key(programme, council, access, today) for council in councils}
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [council for council in councils if keys[council.pk] not in found]
    if missing:
        built = council_parts(programme=programme, councils=missing, access=access, today=today)
        fresh = {keys[council_id]: part for council_id, part in built.items()}
        cache.set_many(fresh, PAGE_CACHE_SECONDS)
        found |= fresh
    return merge([found[keys[c.pk]] for c in councils if keys[c.pk] in found], today=today)


def council_parts(*, programme, councils, access, today: dt.date) -> dict[int, ProgrammeSummary]:
    """Each council's summary of its active projects in the programme. Six queries whatever the number
    of councils: the projects, the milestones that can be missed or due, the readings a RAG needs (one
    to pick, one to read them), their metrics and the benchmarks."""
    by_id = {council.pk: council for council in councils}
    projects = (
        list(
            Project.objects.filter(workstream__programme=programme, council_id__in=by_id, status=Project.Status.ACTIVE)
            .select_related("workstream")
            .prefetch_related(Prefetch("milestones", queryset=_open_milestones(access, today)))
            .order_by("council_id", "number", "name")
        )
        if by_id
        else []
    )
    for project in projects:
        project.council = by_id[project.council_id]  # the councils given, not a join per project
    project_by_id = {project.pk: project for project in projects}
    ids = _rag_picks(access, list(by_id), project_by_id)
    # Metrics in a query of their own: joined to each reading they would be copied with it for every reader
    # (as_published), twice the time at 153 councils (4,500 readings: 1.3 s against 0.55 s).
    readings = Reading.objects.filter(pk__in=ids).order_by() if ids else []
    figures = figures_from(readings, access=access, with_sources=False)
    metric_ids = {f.metric.pk for f in figures}
    regions = {council.region_id for council in councils}
    benchmarks = list(benchmark_list(metric_ids=metric_ids, region_ids=regions)) if metric_ids else []
    figures_by_council: dict[int, list] = {}
    for figure in figures:
        figures_by_council.setdefault(figure.reading.council_id, []).append(figure)
    parts = {}
    for council_id, council in by_id.items():
        summaries = metric_summary_list(
            figures=figures_by_council.get(council_id, []), benchmarks=benchmarks_for(benchmarks, council), today=today
        )
        by_project: dict[int, list] = {}
        for summary in summaries:
            by_project.setdefault(summary.project_id, []).append(summary)
        blocks = [
            ProjectBlock(project, metrics=by_project.get(project.pk, []), today=today)
            for project in projects
            if project.council_id == council_id
        ]
        measures = [summary for block in blocks for summary in block.metrics]
        parts[council_id] = _lines(page_summary(project_blocks=blocks, measures=measures, today=today))
    return parts


def _lines(summary: PageSummary) -> ProgrammeSummary:
    return ProgrammeSummary(
        today=summary.today,
        projects=summary.projects,
        measures=summary.measures,
        off_track=[OffTrackLine.of(item) for item in summary.off_track],
        due=[MilestoneLine.of(item, missed=False) for item in summary.due],
        missed=[MilestoneLine.of(item, missed=True) for item in summary.missed],
    )


def _open_milestones(access, today):
    """Milestones as this viewer sees them that may be missed or due within the summary's months: not
    done and due by then in the working copy or the approved one (the summary reads the one shown)."""
    until = add_months(today, 3)
    may_be_open = Q(done_on__isnull=True) | Q(published_done_on__isnull=True)
    may_be_due = Q(due_on__lte=until) | Q(published_due_on__lte=until)
    return Milestone.objects.shown_to(access).filter(may_be_open & may_be_due).order_by("due_on")


def _rag_picks(access, council_ids, project_by_id) -> set[int]:
    """The few readings each measure's RAG needs (metrics/picks.py): of the projects' own metrics, and
    of common or council-wide measures filed against one of the projects."""
    if not project_by_id:
        return set()
    shown = shown_readings(access=access, council_ids=council_ids)
    own = annotate_picks(
        Metric.objects.filter(project_id__in=project_by_id).order_by(),
        shown=shown,
        council=OuterRef("council_id"),
        metric=OuterRef("pk"),
    )
    filed = shown.filter(project_id__in=project_by_id, council_id__in=council_ids)
    filed_pairs = annotate_picks(
        filed.filter(metric__project__isnull=True).values("council_id", "metric_id").distinct().order_by(),
        shown=filed,
        council=OuterRef("council_id"),
        metric=OuterRef("metric_id"),
    )
    # One query for both: the union of the two sets of picks.
    return picked_ids(own.values_list(*PICKS).union(filed_pairs.values_list(*PICKS), all=True))


def merge(parts: list[ProgrammeSummary], *, today: dt.date) -> ProgrammeSummary:
    """One summary of several councils': counts added, lists joined, red first then by council."""

    def total(name):
        tally = {key: 0 for key, _ in BUCKETS}
        for part in parts:
            for key, _, n in getattr(part, name):
                tally[key] += n
        return [(key, label, tally[key]) for key, label in BUCKETS]

    off_track = [item for part in parts for item in part.off_track]
    off_track.sort(key=lambda line: (line.status != RED, line.council, line.measure))
    due = sorted((line for part in parts for line in part.due), key=lambda line: line.due_on)
    missed = sorted((line for part in parts for line in part.missed), key=lambda line: line.due_on)
    return ProgrammeSummary(
        today=today, projects=total("projects"), measures=total("measures"), off_track=off_track, due=due, missed=missed
    )
