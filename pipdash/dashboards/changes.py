"""What is new or different on a council's or project's page since a date (issue 14): "since we last met".

Figures added or revised (old and new value), RAG changes, milestones completed or missed, new
progress updates and risks. The figures and RAGs are the page as it stood on the date
(pipdash/dashboards/as_at.py) against the page today, both as this viewer sees them: a reader
outside the council compares published figures only; risks only for those who may see the log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from metrics.direction import travel_in_series
from metrics.models import Metric, Reading
from metrics.selectors import benchmark_list, figures_from, metric_summary_list, visible_readings
from pipdash.dashboards.as_at import end_of, project_statuses_as_at, readings_as_at
from programmes.models import Council
from projects.models import Milestone, ProgressUpdate, Project, Risk

FIGURE_ADDED = "Figure added"
FIGURE_REVISED = "Figure revised"
RAG_CHANGED = "RAG changed"
MILESTONE_DONE = "Milestone completed"
MILESTONE_MISSED = "Milestone missed"
UPDATE_ADDED = "Progress update"
RISK_ADDED = "Risk added"


@dataclass(frozen=True)
class ChangeItem:
    what: str  # one of the headings above
    on: dt.date | None
    text: str
    project: str = ""


def _summaries(figures, benchmarks, today):
    return {s.metric.pk: s for s in metric_summary_list(figures=figures, benchmarks=benchmarks, today=today)}


@dataclass(frozen=True)
class Known:
    """What the council page fetched already, as this viewer sees it today: its projects (with their
    milestones and updates prefetched), its measures' summaries (their metrics and benchmarks) and, for
    a viewer who may see it, the council's whole risk log with each risk's `first_seen` (with_first_seen)."""

    projects: list
    summaries: list
    risks: list | None = None
    # Today's visible readings of the measures touched since the date (touched_metric_ids), read with the
    # page's own readings (metrics/summaries.py); None: asked for here.
    readings: list | None = None

    def metrics(self, ids) -> dict:
        known = {s.metric.pk: s.metric for s in self.summaries}
        missing = set(ids) - set(known)  # a measure the page no longer shows (deleted since)
        return known | (Metric.objects.in_bulk(missing) if missing else {})

    def benchmarks(self, metric_ids, region_id) -> list:
        shown = {s.metric.pk for s in self.summaries}
        if not set(metric_ids) <= shown:
            return list(benchmark_list(metric_ids=metric_ids, region_ids=[region_id]))
        # The page's are England's and the region's for every measure it shows: the same rows, in the same order.
        return [b for s in self.summaries if s.metric.pk in metric_ids for b in s.benchmarks]


def changes_since(
    subject: Council | Project,
    since: dt.date,
    access,
    today: dt.date | None = None,
    as_at: dt.date | None = None,
    known: Known | None = None,
) -> list[ChangeItem]:
    """Everything new or different since `since`, newest first within each kind. With `as_at`, the
    window ends on that day and its side is the page as it stood then: a page read as at 20 July 2018
    lists nothing that happened after it. A fixed number of queries (about ten) whatever the amount of
    data or history; three with `known` (today's council page's, never an as-at page's), two when it holds the
    touched readings."""
    today = as_at or today or timezone.localdate()
    project = subject if isinstance(subject, Project) else None
    council = project.council if project else subject
    # Only a measure with a figure published, entered or changed in the window can have a figure or
    # a RAG that changed (one query): the rest of the history is never read.
    touched = _touched(council, since, end_of(today) if as_at else None)
    if as_at:
        # order_by(): the history's default ordering would join DISTINCT and return a row per history row.
        changed = set(touched.order_by().values_list("metric_id", flat=True).distinct())
        current = readings_as_at(council=council, when=as_at, access=access, project=project, metric_ids=changed)
    else:
        # The touched measures read as a subquery of today's readings (one query, not two). Only measures with
        # a reading today can list a change (figures and RAGs are today's against then's), so the side as it
        # stood then is read for those alone.
        if known and known.readings is not None:
            current = known.readings
        else:
            current = list(
                visible_readings(access=access, councils=[council], project=project).filter(
                    metric_id__in=touched.order_by().values("metric_id")
                )
            )
        changed = {r.metric_id for r in current}
    then = readings_as_at(council=council, when=since, access=access, project=project, metric_ids=changed)
    metric_ids = {r.metric_id for r in current} | {r.metric_id for r in then}
    metrics = known.metrics(metric_ids) if known else None
    now = figures_from(current, access=access, with_sources=False, metrics=metrics)
    then = figures_from(then, access=access, with_sources=False, metrics=metrics)
    if not metric_ids:
        benchmarks = []
    elif known:
        benchmarks = known.benchmarks(metric_ids, council.region_id)
    else:
        benchmarks = list(benchmark_list(metric_ids=metric_ids, region_ids=[council.region_id]))
    benchmarks = [b for b in benchmarks if b.period_end <= today]
    earlier_benchmarks = [b for b in benchmarks if b.period_end <= since]
    items = _figure_changes(now, then) + _rag_changes(
        _summaries(then, earlier_benchmarks, since), _summaries(now, benchmarks, today)
    )
    if known:
        projects = known.projects
    else:
        projects = [project] if project else list(Project.objects.filter(council=council))
    if as_at:
        project_statuses_as_at(projects, as_at)
    names = {p.pk: p.name for p in projects}
    # As this viewer may see them (projects/signoff.py): outside the council, only approved copies.
    # Their dates are tested here, on what the viewer sees, not on the working copy's columns.
    if known:  # prefetched by the council page with the same shown_to(access)
        milestones = [m for p in projects for m in p.milestones.all()]
    else:
        milestones = list(Milestone.objects.shown_to(access).filter(project__in=projects))
    done = [m for m in milestones if m.done_on and since <= m.done_on <= today]
    for m in sorted(done, key=lambda m: m.done_on, reverse=True):
        items.append(ChangeItem(MILESTONE_DONE, m.done_on, m.title, names[m.project_id]))
    active = {p.pk for p in projects if p.status == Project.Status.ACTIVE}
    missed = [
        m
        for m in milestones
        if m.project_id in active and m.due_on and since <= m.due_on < today and not (m.done_on and m.done_on <= today)
    ]
    for m in sorted(missed, key=lambda m: m.due_on, reverse=True):
        items.append(ChangeItem(MILESTONE_MISSED, m.due_on, f"{m.title} (due {m.due_label})", names[m.project_id]))
    if known:
        shown_updates = [u for p in projects for u in p.updates.all()]
    else:
        shown_updates = ProgressUpdate.objects.shown_to(access).filter(project__in=projects)
    updates = [u for u in shown_updates if since <= u.period_end <= today]
    for update in sorted(updates, key=lambda u: u.period_end, reverse=True):
        text = _first_words(update.summary)
        items.append(ChangeItem(UPDATE_ADDED, update.period_end, text, names[update.project_id]))
    if access.can_see_risks(council):
        risks = known.risks if known and known.risks is not None else None
        items += [i for i in _new_risks(council, project, since, names, risks) if i.on <= today]
    return items


def _touched(council, since: dt.date, until: dt.datetime | None = None):
    cutoff = end_of(since - dt.timedelta(days=1))
    return Reading.history.filter(council_id=council.pk).filter(
        _within("history_date", cutoff, until) | _within("published_at", cutoff, until)
    )


def touched_metric_ids(council, since: dt.date):
    """The measures with a figure published, entered or changed since `since` (a subquery): the council page
    reads today's readings of these with its own (Known.readings)."""
    return _touched(council, since).order_by().values("metric_id")


def _within(field: str, start: dt.datetime, end: dt.datetime | None) -> Q:
    return Q(**{f"{field}__gte": start}) & (Q(**{f"{field}__lt": end}) if end else Q())


def _figure_changes(now, then) -> list[ChangeItem]:
    before = {f.reading.pk: f for f in then if f.value is not None}
    travels = travel_in_series(now)
    items = []
    for figure in sorted(now, key=lambda f: f.on, reverse=True):
        if figure.value is None:
            continue
        what = f"{figure.metric.name}, {_kind_and_period(figure)}"
        old = before.get(figure.reading.pk)
        if old is None:
            travel = travels.get(figure.reading.pk)
            trend = f" ({travel.words})" if figure.kind == "actual" and travel and travel.has_previous else ""
            items.append(ChangeItem(FIGURE_ADDED, figure.on, f"{what}: {figure.display_value}{trend}"))
        elif old.value != figure.value or old.qualifier != figure.qualifier:
            text = f"{what}: {old.display_value} to {figure.display_value}"
            items.append(ChangeItem(FIGURE_REVISED, figure.on, text))
    return items


def _kind_and_period(figure) -> str:
    # A target stated now for a later date is a plan for that date, not a figure "as at" it.
    kind = figure.reading.get_kind_display().lower()
    if figure.kind == Reading.Kind.TARGET:
        return f"{kind} for {figure.period_label.removeprefix('as at ')}"
    return f"{kind} {figure.period_label}"


def _rag_changes(then: dict, now: dict) -> list[ChangeItem]:
    items = []
    for metric_id, summary in now.items():
        old = then.get(metric_id)
        was = old.rag if old is not None else None
        if summary.rag is None or not summary.rag.is_known or (was is not None and was.status == summary.rag.status):
            continue
        was = was.word if was is not None else "no figure"
        items.append(ChangeItem(RAG_CHANGED, summary.as_at, f"{summary.metric.name}: {was} to {summary.rag.word}"))
    return items


def with_first_seen(risks):
    """Each risk's first history row's date, read with the risks (one query, not two)."""
    first_seen = Risk.history.filter(id=OuterRef("pk"), history_type="+").order_by("history_date")
    return risks.annotate(first_seen=Subquery(first_seen.values("history_date")[:1]))


def _new_risks(council, project, since, names, risks=None) -> list[ChangeItem]:
    """Risks first recorded since the date: by their paper's date, else their first history row's.
    `risks`: the council's whole risk log with `first_seen`, when the page has read it already."""
    if risks is None:
        risks = Risk.objects.filter(council=council).select_related("source_document")
        if project is not None:
            risks = risks.filter(project=project)
        risks = with_first_seen(risks)
    items = []
    for risk in risks:
        document = risk.source_document
        on = document.published_on if document and document.published_on else None
        if on is None and risk.first_seen is not None:
            on = timezone.localtime(risk.first_seen).date()
        if on is not None and on >= since:
            items.append(ChangeItem(RISK_ADDED, on, str(risk), names.get(risk.project_id, "")))
    return sorted(items, key=lambda i: i.on, reverse=True)


def _first_words(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


ORDER = (FIGURE_ADDED, FIGURE_REVISED, RAG_CHANGED, MILESTONE_DONE, MILESTONE_MISSED, UPDATE_ADDED, RISK_ADDED)


def changes_by_kind(items: list[ChangeItem]) -> list[tuple[str, list[ChangeItem]]]:
    """The items under one heading per kind, in a fixed order; kinds with no item left out."""
    return [(what, group) for what in ORDER if (group := [i for i in items if i.what == what])]
