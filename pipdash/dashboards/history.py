"""A project's history in plain language: who changed what, when, from what to what.

Reads the django-simple-history tables of the project and of its figures, metrics, milestones,
progress updates and risks: one query per table plus one for metric names, whatever the
number of changes (each table's most recent `LIMIT` entries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from metrics.models import Metric, Reading
from metrics.units import Direction, MeasureKind, Qualifier, Unit, format_value
from pipdash.dates import period_label, uk_date
from projects.models import Milestone, ProgressUpdate, Project, Risk

LIMIT = 500

VERBS = {"+": "added", "~": "changed", "-": "deleted"}


@dataclass
class Change:
    when: dt.datetime
    who: str
    verb: str
    thing: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""

    @property
    def sentence(self) -> str:
        return f"{self.who} {self.verb} {self.thing}"


def _plain(value) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, dt.datetime):
        return uk_date(value)
    if isinstance(value, dt.date):
        return uk_date(value)
    if isinstance(value, Decimal):
        return format_value(value, "number")
    return str(value)


def _choice(choices):
    labels = dict(choices)
    return lambda value, record: labels.get(value, _plain(value))


def _qualifier(value, record):
    # Blank is an exact figure: "(blank)", so that adding one does not list it as a change.
    return Qualifier(value).label if value else _plain(value)


def _reading_value(value, record):
    return _plain(value) if value is None else format_value(value, record.unit)


# model -> (fields shown, as (attribute, label, how to write the value)), what one record is called
READING_FIELDS = [
    ("value", "Value", _reading_value),
    ("qualifier", "As the source states it", _qualifier),
    ("published_value", "Approved value", _reading_value),
    ("status", "Status", _choice(Reading.Status.choices)),
    ("kind", "Kind", _choice(Reading.Kind.choices)),
    ("period_start", "Start of period", None),
    ("period_end", "Date", None),
    ("source_location", "Where it comes from", None),
    ("note", "Note", None),
    ("explanation", "Explanation", None),
    ("returned_reason", "Reason returned", None),
]
METRIC_FIELDS = [
    ("name", "Name", None),
    ("unit", "Unit", _choice(Unit.choices)),
    ("direction", "Direction", _choice(Direction.choices)),
    ("kind", "Kind", _choice(MeasureKind.choices)),
    ("definition", "Definition", None),
]
MILESTONE_FIELDS = [("title", "Title", None), ("due_on", "Due", None), ("done_on", "Done", None)]
UPDATE_FIELDS = [
    ("period_start", "Start of period", None),
    ("period_end", "End of period", None),
    ("summary", "Progress", None),
]
RISK_FIELDS = [
    ("description", "Risk", None),
    ("likelihood", "Likelihood", None),
    ("impact", "Impact", None),
    ("owner", "Owner", None),
    ("mitigation", "Mitigation", None),
    ("status", "Status", _choice(Risk.Status.choices)),
]
PROJECT_FIELDS = [
    ("name", "Name", None),
    ("aim", "Aim", None),
    ("status", "Status", _choice(Project.Status.choices)),
    ("status_changed_on", "Status changed on", None),
]


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "Someone (imported or by an administrator)"
    return user.get_full_name() or user.username


def _diff(previous, record, fields) -> list[tuple[str, str, str]]:
    rows = []
    for attribute, label, show in fields:
        old, new = getattr(previous, attribute, None), getattr(record, attribute, None)
        if old == new:
            continue
        write = show or (lambda value, _record: _plain(value))
        rows.append((label, "(blank)" if previous is None else write(old, previous), write(new, record)))
    return rows


def _changes(records, fields, describe) -> list[Change]:
    """Turn one table's history rows into changes, each compared with the row before it for the same object."""
    previous_by_object = {}
    changes = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = previous_by_object.get(record.id)
        reason = record.history_change_reason or ""
        verb = reason.split(":")[0].lower() if reason else VERBS.get(record.history_type, "changed")
        if record.history_type == "+":
            diff = [row for row in _diff(None, record, fields) if row[2] != "(blank)"]
        else:
            diff = _diff(previous, record, fields) if previous is not None else []
        changes.append(
            Change(
                when=record.history_date,
                who=_who(record),
                verb=verb,
                thing=describe(record),
                changes=diff,
                note=reason.split(":", 1)[1].strip() if ":" in reason else "",
            )
        )
        previous_by_object[record.id] = record
    return changes


def _latest(manager, **filters):
    return list(manager.filter(**filters).select_related("history_user").order_by("-history_date")[:LIMIT])


def project_history(project: Project) -> list[Change]:
    """Every recorded change to the project and what belongs to it, newest first."""
    readings = _latest(Reading.history, project_id=project.pk)
    metric_ids = {r.metric_id for r in readings}
    metrics = _latest(Metric.history, project_id=project.pk)
    names = {m.id: m.name for m in metrics}
    missing = metric_ids - set(names)
    if missing:
        names.update(Metric.objects.filter(pk__in=missing).values_list("pk", "name"))

    def reading_thing(r):
        kind = dict(Reading.Kind.choices).get(r.kind, r.kind).lower()
        return (
            f"the {kind} figure for {names.get(r.metric_id, 'a metric')}, {period_label(r.period_start, r.period_end)}"
        )

    changes = []
    changes += _changes(readings, READING_FIELDS, reading_thing)
    changes += _changes(metrics, METRIC_FIELDS, lambda m: f"the metric '{m.name}'")
    changes += _changes(
        _latest(Milestone.history, project_id=project.pk), MILESTONE_FIELDS, lambda m: f"the milestone '{m.title}'"
    )
    changes += _changes(
        _latest(ProgressUpdate.history, project_id=project.pk),
        UPDATE_FIELDS,
        lambda u: f"the progress update to {uk_date(u.period_end)}",
    )
    changes += _changes(
        _latest(Risk.history, project_id=project.pk), RISK_FIELDS, lambda r: f"the risk '{r.description[:80]}'"
    )
    changes += _changes(_latest(Project.history, id=project.pk), PROJECT_FIELDS, lambda p: "the project")
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes
