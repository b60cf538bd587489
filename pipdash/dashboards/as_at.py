"""A council's or project's figures and records as they stood on a date, from the history tables (issue 14).

A figure's state on a day is its newest history row by the end of that day. A figure loaded later
from a paper (the demo data, an import of an old committee report) has no history row that old:
it stood on that day as first loaded if it had been published by then (its approved snapshot's
date, the paper's). A reader outside the council sees only what was published on that day; the
council's own managers and approvers also what was in draft then.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from metrics.models import Reading
from projects.models import Project, ProjectStatusChange


def end_of(day: dt.date) -> dt.datetime:
    """The first instant after `day`, in the site's time zone: 'on 20 July' includes all of that day."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _one_per_reading(rows, order):
    return rows.annotate(n=Window(RowNumber(), partition_by=[F("id")], order_by=order)).filter(n=1)


def readings_as_at(*, council, when: dt.date, access, project=None) -> list[Reading]:
    """The council's readings (of one project, if given) as this user would have seen them on `when`:
    unsaved Reading objects built from history rows. Two queries whatever the length of the history."""
    history = Reading.history.filter(council_id=council.pk)
    if project is not None:
        history = history.filter(Q(project_id=project.pk) | Q(metric__project_id=project.pk))
    cutoff = end_of(when)
    by_then = list(_one_per_reading(history.filter(history_date__lt=cutoff), F("history_date").desc()))
    known = {row.id for row in by_then}
    # Loaded after the day, from a paper published by then: as first loaded.
    loaded_later = list(
        _one_per_reading(history.filter(history_date__gte=cutoff).exclude(id__in=known), F("history_date").asc())
    )
    loaded_later = [row for row in loaded_later if row.published_at is not None and row.published_at < cutoff]
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


def stood_on(obj, when: dt.date, *date_fields) -> bool:
    """Whether a record dated by its own fields (first that is set) existed on `when`; undated ones did."""
    for name in date_fields:
        day = obj
        for part in name.split("__"):
            day = getattr(day, part, None) if day is not None else None
        if day is not None:
            return day <= when
    return True
