"""The home page's task lists, by role: what a manager must return, what awaits an approver, and
every council's overdue and late returns for a DfE adviser. Reads only; bounded queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from metrics import schedule
from metrics.models import Reading
from metrics.schedule import State
from pipdash.dates import uk_date
from pipdash.returns.selectors import approver_council_ids, awaiting_count
from programmes.access import access_for
from programmes.models import Council
from projects.models import Milestone, ProgressUpdate
from projects.signoff import Status

TO_DO = (State.NOT_YET_DUE, State.OVERDUE)
STATE_LABELS = {State.OVERDUE: "Overdue", State.LOCKED: "Missed (locked)", State.LATE: "Late"}


@dataclass(frozen=True)
class DueGroup:
    """'3 figures due for November 2026, by 21 December 2026'."""

    council: Council
    period_label: str
    due_on: object
    returns: list
    overdue: bool

    @property
    def sentence(self) -> str:
        n = len(self.returns)
        noun = "figure" if n == 1 else "figures"
        if self.overdue:
            return f"{n} {noun} overdue for {self.period_label}: due {uk_date(self.due_on)}"
        return f"{n} {noun} due for {self.period_label}, by {uk_date(self.due_on)}"


@dataclass
class Tasks:
    due: list[DueGroup] = field(default_factory=list)
    drafts: list = field(default_factory=list)  # (council, [draft figures due or overdue]) to submit in bulk
    returned: list = field(default_factory=list)  # (thing, reason, url)
    awaiting: int | None = None
    adviser_rows: list | None = None
    locked: list = field(default_factory=list)  # (council, DueReturn) locked with nothing sent in, latest first

    @property
    def any(self) -> bool:
        return bool(self.due or self.returned or self.awaiting or self.adviser_rows is not None or self.locked)


def due_groups(returns_by_council: dict, councils: dict) -> list[DueGroup]:
    groups = []
    for council_id, returns in returns_by_council.items():
        open_ = [r for r in returns if r.state in TO_DO]
        key = lambda r: (r.due_on, r.period.label)  # noqa: E731
        for (due_on, label), items in groupby(sorted(open_, key=key), key=key):
            items = list(items)
            groups.append(DueGroup(councils[council_id], label, due_on, items, items[0].state == State.OVERDUE))
    return sorted(groups, key=lambda g: (not g.overdue, g.due_on))


def drafts_of(returns) -> list[Reading]:
    """The figures of these returns the manager has entered as drafts but not sent in: due or overdue."""
    return [
        r.reading
        for r in returns
        if r.state in TO_DO and r.reading is not None and r.reading.status == Reading.Status.DRAFT
    ]


def submittable_drafts(council, on=None) -> list[Reading]:
    return drafts_of(schedule.returns_for_council(council, on))


def locked_returns(returns_by_council: dict, councils: dict) -> list[tuple[Council, object]]:
    """Returns whose period locked before anything was sent in: they leave the list of returns to send,
    and the manager needs an exception to send them now."""
    found = [
        (councils[cid], item) for cid, returns in returns_by_council.items() for item in returns
        if item.state == State.LOCKED
    ]  # fmt: skip
    return sorted(found, key=lambda pair: (-pair[1].locks_on.toordinal(), pair[0].name, pair[1].metric.name))


def returned_items(council_ids) -> list[tuple[str, str, str]]:
    """Figures, updates and milestones an approver sent back, with the reason."""
    found = []
    for reading in Reading.objects.filter(council_id__in=council_ids, status=Reading.Status.RETURNED).select_related(
        "metric", "council"
    ):
        url = f"/councils/{reading.council.gss_code}/figures/{reading.pk}/"
        found.append((f"{reading.metric.name}, {reading.period_label}", reading.returned_reason, url))
    for model, noun in ((ProgressUpdate, "Progress update"), (Milestone, "Milestone")):
        for item in model.objects.filter(project__council_id__in=council_ids, status=Status.RETURNED).select_related(
            "project__council"
        ):
            found.append((f"{noun} of {item.project.name}", item.returned_reason, item.project.get_absolute_url()))
    return found


def adviser_rows(on=None) -> list[dict]:
    """Every council's overdue, missed (locked) and late returns, across programmes, council by council in the
    councils' order (by name)."""
    names = dict(Council.objects.order_by("name").values_list("pk", "name"))
    by_council = late_rows_by_council(names, on)
    return [row for council_id in names for row in by_council[council_id]]


def late_rows_by_council(names: dict[int, str], on=None) -> dict[int, list[dict]]:
    """These councils' overdue, missed (locked) and late returns (`names`: each council's name, by id), by
    council: three queries, whichever councils these are (returns_for_councils)."""
    rows: dict[int, list[dict]] = {council_id: [] for council_id in names}
    for council_id, returns in schedule.returns_for_councils(list(names), on).items():
        for item in returns:
            if item.state not in STATE_LABELS:
                continue
            rows[council_id].append(
                {
                    "council": names[council_id],
                    "measure": item.metric.name,
                    "period": item.period.label,
                    "due_on": item.due_on,
                    "state": STATE_LABELS[item.state],
                    "days": item.days_overdue if item.state != State.LATE else (item.submitted_on - item.due_on).days,
                }
            )
    return rows


def tasks_for(user, on=None, every_council=None) -> Tasks:
    """`every_council(on)` gives the adviser's table (adviser_rows by default; the home page's is cached)."""
    access = access_for(user)
    tasks = Tasks()
    managed = [cid for cid in access.home_council_ids if access.manages(cid)]
    if managed:
        councils = Council.objects.in_bulk(managed)
        returns = schedule.returns_for_councils(managed, on)
        tasks.due = due_groups(returns, councils)
        tasks.drafts = [(councils[cid], drafts) for cid in managed if (drafts := drafts_of(returns[cid]))]
        tasks.locked = locked_returns(returns, councils)
        tasks.returned = returned_items(managed)
    if approver_council_ids(access):
        tasks.awaiting = awaiting_count(user)
    if access.is_adviser:
        tasks.adviser_rows = (every_council or adviser_rows)(on)
    return tasks
