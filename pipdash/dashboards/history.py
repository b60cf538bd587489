"""A project's history in plain language: who changed what, when, from what to what.

Reads the django-simple-history tables of the project and of its figures, metrics, milestones,
progress updates, risks, leads and status changes, a page at a time: every change is on some
page, and the number of queries does not grow with the number of changes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import CharField, OuterRef, Q, Subquery, Value

from metrics.models import Metric, Reading
from metrics.units import Direction, MeasureKind, Qualifier, Unit, format_value
from pipdash.dates import period_label, uk_date
from projects.models import Lead, Milestone, Person, ProgressUpdate, Project, ProjectStatusChange, Risk

PAGE_SIZE = 50

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
LEAD_FIELDS = [("role", "Role", _choice(Lead.Role.choices))]  # the sentence names the person
STATUS_CHANGE_FIELDS = [
    ("status", "Status", _choice(Project.Status.choices)),
    ("changed_on", "From", None),
    ("note", "Note", None),
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
    name = user.get_full_name() or user.username
    # A change sent through the API names the token it was made with (pipdash/api/history.py).
    token = getattr(record, "history_api_token", "")
    return f"{name} (with {token})" if token else name


def _diff(previous, record, fields) -> list[tuple[str, str, str]]:
    rows = []
    for attribute, label, show in fields:
        old, new = getattr(previous, attribute, None), getattr(record, attribute, None)
        if old == new:
            continue
        write = show or (lambda value, _record: _plain(value))
        rows.append((label, "(blank)" if previous is None else write(old, previous), write(new, record)))
    return rows


def _change(record, previous, fields, describe) -> Change:
    """One history row as a change, compared with the row before it for the same object."""
    reason = record.history_change_reason or ""
    verb = reason.split(":")[0].lower() if reason else VERBS.get(record.history_type, "changed")
    if record.history_type == "+":
        diff = [row for row in _diff(None, record, fields) if row[2] != "(blank)"]
    else:
        diff = _diff(previous, record, fields) if previous is not None else []
    return Change(
        when=record.history_date,
        who=_who(record),
        verb=verb,
        thing=describe(record),
        changes=diff,
        note=reason.split(":", 1)[1].strip() if ":" in reason else "",
    )


@dataclass(frozen=True)
class Source:
    """One history table shown on the page: whose rows, which fields, how one record is named."""

    key: str
    model: type
    filters: dict
    fields: list
    describe: object = None


def _sources(project: Project) -> list[Source]:
    by_project = {"project_id": project.pk}
    status_labels = dict(Project.Status.choices)
    role_labels = dict(Lead.Role.choices)
    return [
        Source("reading", Reading, by_project, READING_FIELDS),
        Source("metric", Metric, by_project, METRIC_FIELDS, lambda m, _: f"the metric '{m.name}'"),
        Source("milestone", Milestone, by_project, MILESTONE_FIELDS, lambda m, _: f"the milestone '{m.title}'"),
        Source("update", ProgressUpdate, by_project, UPDATE_FIELDS,
               lambda u, _: f"the progress update to {uk_date(u.period_end)}"),
        Source("risk", Risk, by_project, RISK_FIELDS, lambda r, _: f"the risk '{r.description[:80]}'"),
        Source("project", Project, {"id": project.pk}, PROJECT_FIELDS, lambda p, _: "the project"),
        Source("lead", Lead, by_project, LEAD_FIELDS,
               lambda lead, names: f"{names['people'].get(lead.person_id, 'a lead')} as "
               f"{role_labels.get(lead.role, lead.role).lower()}"),
        Source("status", ProjectStatusChange, by_project, STATUS_CHANGE_FIELDS,
               lambda c, _: f"the project's status '{status_labels.get(c.status, c.status)}' from "
               f"{uk_date(c.changed_on)}"),
    ]


def project_history_page(project: Project, page_number) -> Page:
    """One page of every recorded change to the project and what belongs to it, newest first.

    One query numbers the changes across every table (a UNION), one counts them; then two
    queries per table on the page (its rows, and the row before each), whatever the history's size.
    """
    sources = {source.key: source for source in _sources(project)}
    numbered = [
        source.model.history.filter(**source.filters)
        .annotate(source=Value(source.key, output_field=CharField()))
        .values_list("history_date", "history_id", "source")
        .order_by()  # a UNION's parts may not be ordered; the whole is
        for source in sources.values()
    ]
    everything = numbered[0].union(*numbered[1:], all=True).order_by("-history_date", "-history_id")
    page = Paginator(everything, PAGE_SIZE).get_page(page_number)
    wanted = defaultdict(list)
    for _when, history_id, key in page.object_list:
        wanted[key].append(history_id)
    records, previous = {}, {}
    for key, ids in wanted.items():
        history = sources[key].model.history
        before = history.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        rows = list(
            history.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(previous_id=Subquery(before.order_by("-history_date", "-history_id").values("history_id")[:1]))
        )
        earlier = {row.previous_id for row in rows if row.previous_id is not None}
        previous[key] = {row.history_id: row for row in history.filter(history_id__in=earlier)}
        records[key] = {row.history_id: row for row in rows}
    names = _names(records)
    page.object_list = [
        _change(
            records[key][history_id],
            previous[key].get(records[key][history_id].previous_id),
            sources[key].fields,
            lambda record, s=sources[key]: (s.describe or _reading_thing)(record, names),
        )
        for _when, history_id, key in page.object_list
    ]
    return page


def _names(records) -> dict:
    """The metric and person names the page's sentences use, one query each."""
    metric_ids = {r.metric_id for r in records.get("reading", {}).values()}
    person_ids = {r.person_id for r in records.get("lead", {}).values()}
    return {
        "metrics": dict(Metric.objects.filter(pk__in=metric_ids).values_list("pk", "name")) if metric_ids else {},
        "people": dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name")) if person_ids else {},
    }


def _reading_thing(record, names) -> str:
    kind = dict(Reading.Kind.choices).get(record.kind, record.kind).lower()
    metric = names["metrics"].get(record.metric_id, "a metric")
    return f"the {kind} figure for {metric}, {period_label(record.period_start, record.period_end)}"
