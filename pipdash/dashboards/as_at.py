"""A council's or project's figures and records as they stood on a date, from the history tables (issue 14).

A figure's state on a day is its newest history row by the end of that day. A figure loaded later
from a paper (the demo data, an import of an old committee report) has no history row that old:
it stood on that day as first loaded if it had been published by then (its approved snapshot's
date, the paper's). A reader outside the council sees only what was published on that day; the
council's own managers and approvers also what was in draft then.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from metrics.direction import travel_in_series
from metrics.models import Reading
from metrics.selectors import attach_travel, benchmark_list, figures_from, metric_summary_list
from projects.models import Project, ProjectStatusChange


def end_of(day: dt.date) -> dt.datetime:
    """The first instant after `day`, in the site's time zone: 'on 20 July' includes all of that day."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _one_per_reading(rows, order):
    return rows.annotate(n=Window(RowNumber(), partition_by=[F("id")], order_by=order)).filter(n=1)


def readings_as_at(*, council, when: dt.date, access, project=None, metric_ids=None) -> list[Reading]:
    """The council's readings (of one project, if given) as this user would have seen them on `when`:
    unsaved Reading objects built from history rows. One query whatever the length of the history, none
    for no measures (`metric_ids` empty: "changes since" when no figure changed in the window)."""
    if metric_ids is not None and not metric_ids:
        # Nothing to read; building the two windowed queries only to find them empty cost a tenth of a
        # project page's cold build (issue 20).
        return []
    history = Reading.history.filter(council_id=council.pk)
    if project is not None:
        history = history.filter(Q(project_id=project.pk) | Q(metric__project_id=project.pk))
    if metric_ids is not None:
        history = history.filter(metric_id__in=metric_ids)
    cutoff = end_of(when)
    # Each reading's newest history row by then, else (loaded after the day) its first row: one ranking of its
    # rows, those by then first and newest first, then the later ones oldest first (one query, not two).
    by_then_first = [
        Case(When(history_date__lt=cutoff, then=F("history_date"))).desc(nulls_last=True),
        F("history_date").asc(),
    ]
    rows = list(_one_per_reading(history, by_then_first))
    by_then = [row for row in rows if row.history_date < cutoff]
    # Loaded after the day, from a paper published by then: as first loaded.
    loaded_later = [
        row for row in rows if row.history_date >= cutoff and row.published_at is not None and row.published_at < cutoff
    ]
    drafts = access.can_see_drafts(council)
    readings = []
    for row in by_then + loaded_later:
        if row.history_type == "-":
            continue
        published = row.published_value is not None or (row.published_at is not None and row.published_missing_reason)
        if not published and not drafts:
            continue
        readings.append(row.instance)
    return sorted(readings, key=lambda r: (r.metric_id, r.period_end, r.kind))


def project_status_on(project: Project, changes: list[ProjectStatusChange], when: dt.date) -> str:
    """The project's status on `when`: its newest recorded change by then; active before any change."""
    dated = [c for c in changes if c.changed_on and c.changed_on <= when]
    if dated:
        return max(dated, key=lambda c: c.changed_on).status
    if project.status_changed_on is None or project.status_changed_on <= when:
        return project.status
    return Project.Status.ACTIVE


def _status_as_at(project: Project, changes: list[ProjectStatusChange], when: dt.date) -> None:
    """Set the project's status and the day it began to what they were on `when`: a project closed in
    2020 was active "since" its last change before then, not since its closing."""
    status = project_status_on(project, changes, when)
    dated = [c for c in changes if c.changed_on and c.changed_on <= when and c.status == status]
    if dated:
        change = max(dated, key=lambda c: c.changed_on)
        project.status_changed_on = change.changed_on
        if "status_changed_precision" in project.__dict__:  # the council page's annotation (status_since)
            project.status_changed_precision = change.changed_precision
    elif project.status_changed_on is not None and (status != project.status or project.status_changed_on > when):
        project.status_changed_on = None  # its recorded change came after the day
    project.status = status


def stood_on(obj, when: dt.date, *date_fields) -> bool:
    """Whether a record dated by its own fields (first that is set) existed on `when`; undated ones did."""
    for name in date_fields:
        day = obj
        for part in name.split("__"):
            day = getattr(day, part, None) if day is not None else None
        if day is not None:
            return day <= when
    return True


def summaries_as_at(*, council, access, when: dt.date, projects=None, project=None):
    """(summaries, figures) of the council's measures (of one project, if given) as they stood on `when`,
    RAG judged at that date and each figure's travel among the figures of then. Four queries, and the
    sources' history."""
    readings = readings_as_at(council=council, when=when, access=access, project=project)
    figures = figures_from(readings, access=access, projects=projects)
    metric_ids = {f.metric.pk for f in figures}
    benchmarks = [
        b
        for b in (benchmark_list(metric_ids=metric_ids, region_ids=[council.region_id]) if metric_ids else [])
        if b.period_end <= when
    ]
    summaries = metric_summary_list(figures=figures, benchmarks=benchmarks, today=when)
    attach_travel(summaries, travel_in_series(figures))
    return summaries, figures


def projects_as_at(projects, when: dt.date) -> None:
    """Set each project's status and its milestones' completion (in memory, never saved) to what they
    were on `when`. One query (project_statuses_as_at), none if their status changes were prefetched."""
    projects = list(projects)
    project_statuses_as_at(projects, when)
    for project in projects:
        for milestone in project.milestones.all():
            if milestone.done_on is not None and milestone.done_on > when:
                milestone.done_on = None


def project_statuses_as_at(projects, when: dt.date) -> None:
    """Set each project's status and the day it began (in memory, never saved) to what they were on `when`:
    one query, the projects' status changes, unless they were prefetched (up to `when`)."""
    changes: dict[int, list] = {}
    if all("status_changes" in getattr(p, "_prefetched_objects_cache", {}) for p in projects):
        changes = {p.pk: list(p.status_changes.all()) for p in projects}
    else:
        for change in ProjectStatusChange.objects.filter(project__in=projects):
            changes.setdefault(change.project_id, []).append(change)
    for project in projects:
        _status_as_at(project, changes.get(project.pk, []), when)


def background_as_at(page, when: dt.date) -> None:
    """Keep of the page's funding, Ofsted judgements, partnerships and programmes what existed on `when`."""
    page.funding = [f for f in page.funding if stood_on(f, when, "source_document__published_on", "received_on")]
    page.judgements = [j for j in page.judgements if stood_on(j, when, "published_on", "inspected_on")]
    page.partnerships_given = [p for p in page.partnerships_given if stood_on(p, when, "starts_on")]
    page.partnerships_received = [p for p in page.partnerships_received if stood_on(p, when, "starts_on")]
    page.participations = [p for p in page.participations if stood_on(p, when, "joined_on")]
    page.programme_risks = [r for r in page.programme_risks if stood_on(r, when, "source_document__published_on")]
