"""Reads for the returns cycle: what awaits each approver. Selectors never write."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Func, Q, Subquery

from metrics.models import Metric, Reading
from pipdash.dates import uk_date
from programmes.access import access_for
from programmes.models import Council
from projects.models import Milestone, ProgressUpdate, Project


def approver_council_ids(access) -> list[int]:
    return [cid for cid in access.home_council_ids if access.approves(cid)]


def _not_own(user) -> Q:
    """An approver never reviews what they entered or submitted, so it is not in their queue."""
    return ~Q(entered_by=user) & ~Q(submitted_by=user)


def awaiting_count(user) -> int:
    """How many items await this user's approval: one query (0 queries for a non-approver)."""
    ids = approver_council_ids(access_for(user))
    if not ids:
        return 0
    readings = Reading.objects.filter(council_id__in=ids, status=Reading.Status.SUBMITTED).filter(_not_own(user))
    updates = ProgressUpdate.objects.awaiting_approval(ids).filter(_not_own(user))
    milestones = Milestone.objects.awaiting_approval(ids).filter(_not_own(user))
    parts = [q.order_by().values("pk") for q in (readings, updates, milestones)]
    return parts[0].union(*parts[1:], all=True).count()


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    noun: str


UPDATES = Kind("updates", "Progress updates", "progress update")
MILESTONES = Kind("milestones", "Milestones", "milestone")


@dataclass
class CouncilQueue:
    council: Council
    readings: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    bulk_error: str = ""  # "Select what to approve", when "Approve selected" was chosen with nothing ticked

    @property
    def first_choice_id(self) -> str:
        """The first checkbox's id, where the error summary's link goes."""
        for key, items in (("readings", self.readings), ("updates", self.updates), ("milestones", self.milestones)):
            if items:
                return f"choose-{key}-{items[0].pk}"
        return f"council-{self.council.pk}"

    @property
    def sections(self) -> list[tuple[Kind, list]]:
        return [(UPDATES, self.updates), (MILESTONES, self.milestones)]

    @property
    def count(self) -> int:
        return len(self.readings) + len(self.updates) + len(self.milestones)


def approval_queues(user) -> list[CouncilQueue]:
    """Everything submitted to this approver, council by council, in four queries."""
    ids = approver_council_ids(access_for(user))
    queues = {c.pk: CouncilQueue(c) for c in Council.objects.filter(pk__in=ids).order_by("name")}
    if not queues:
        return []
    for reading in (
        Reading.objects.filter(council_id__in=ids, status=Reading.Status.SUBMITTED)
        .filter(_not_own(user))
        .select_related("metric", "project", "submitted_by")
        .order_by("submitted_at", "pk")
    ):
        reading.choice_label = label(reading)
        queues[reading.council_id].readings.append(reading)
    for name, model in (("updates", ProgressUpdate), ("milestones", Milestone)):
        items = (
            model.objects.awaiting_approval(ids)
            .filter(_not_own(user))
            .select_related("project__council", "submitted_by")
            .order_by("submitted_at", "pk")
        )
        for item in items:
            item.choice_label = label(item)
            getattr(queues[item.project.council_id], name).append(item)
    return list(queues.values())


# --- what a bulk approve or bulk submit was asked to act on ---

MODELS = {"readings": Reading, "updates": ProgressUpdate, "milestones": Milestone}
NOUNS = {"readings": "figure", "updates": "progress update", "milestones": "milestone"}


@dataclass(frozen=True)
class Selected:
    """One ticked box: which item, and the version it was at when the confirmation page was shown."""

    kind: str
    pk: int
    version: int | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    @classmethod
    def parse(cls, text: str, kinds) -> Selected | None:
        """'readings:12' or, from the confirmation page, 'readings:12:3' (with its version); None otherwise."""
        parts = (text or "").split(":")
        if len(parts) not in (2, 3) or parts[0] not in kinds:
            return None
        try:
            numbers = [int(p) for p in parts[1:]]
        except ValueError:
            return None
        return cls(parts[0], *numbers)


def parse_selection(values, kinds) -> list[Selected]:
    """Each ticked item once, in the order ticked; anything unreadable is dropped."""
    chosen, seen = [], set()
    for value in values:
        choice = Selected.parse(value, kinds)
        if choice is not None and choice.key not in seen:
            seen.add(choice.key)
            chosen.append(choice)
    return chosen


def council_id_of(item) -> int:
    return item.council_id if isinstance(item, Reading) else item.project.council_id


def label(item) -> str:
    """The item in words, as its checkbox names it: 'Measure 1: actual, November 2026'."""
    if isinstance(item, Reading):
        return f"{item.metric.name}: {item.get_kind_display().lower()}, {item.period_label}"
    if isinstance(item, ProgressUpdate):
        start = f"{uk_date(item.period_start)} to " if item.period_start else "up to "
        return f"Progress update of {item.project.name}, {start}{uk_date(item.period_end)}"
    return f"Milestone '{item.title}' of {item.project.name}, due {item.due_label}"


def load(selected: list[Selected]) -> dict[str, object]:
    """The selected items by key ('readings:12'): one query a kind selected."""
    found = {}
    for key, model in MODELS.items():
        pks = [s.pk for s in selected if s.kind == key]
        if not pks:
            continue
        related = (
            ("metric", "project", "council", "submitted_by")
            if model is Reading
            else ("project__council", "submitted_by")
        )
        for item in model.objects.filter(pk__in=pks).select_related(*related):
            found[f"{key}:{item.pk}"] = item
    return found


def _awaits(user, access, item) -> bool:
    """In this approver's queue: submitted, of a council they approve for, not entered or submitted by them."""
    return (
        item.status == Reading.Status.SUBMITTED
        and access.approves(council_id_of(item))
        and user.pk not in (item.entered_by_id, item.submitted_by_id)
    )


def _submittable(user, access, item) -> bool:
    return item.status == Reading.Status.DRAFT and access.manages(council_id_of(item))


def still_eligible(user, council, step: str, selected: list[Selected]) -> tuple[list, list[Selected]]:
    """(the items that can still take this step, in the order chosen; the choices that cannot).

    What the confirmation page lists: the same rule as the queue and the task list, so an item
    approved, returned or changed back to draft since the list was shown drops out, named."""
    access = access_for(user)
    rule = _awaits if step == "approve" else _submittable
    items = load(selected)
    ready, gone = [], []
    for choice in selected:
        item = items.get(choice.key)
        if item is not None and council_id_of(item) == council.pk and rule(user, access, item):
            ready.append(item)
        else:
            gone.append(choice)
    return ready, gone


@dataclass(frozen=True)
class CouncilVersion:
    pk: int
    gss_code: str
    name: str
    data_version: int
    background_version: int


@dataclass(frozen=True)
class CouncilVersions:
    councils: list[CouncilVersion]  # in the councils' order (by name)
    projects: int  # how many projects there are: a new one moves no council's version


def council_versions() -> CouncilVersions:
    """Every council's data versions, and how many projects there are: one query of a small table."""
    projects = Subquery(Project.objects.order_by().values(n=Func("pk", function="COUNT")))
    fields = ("pk", "gss_code", "name", "data_version", "background_version", "project_total")
    rows = list(Council.objects.annotate(project_total=projects).order_by("name").values_list(*fields))
    return CouncilVersions([CouncilVersion(*row[:-1]) for row in rows], rows[0][-1] if rows else 0)


def scheduled_council_ids(council_ids) -> set[int]:
    """Which of these councils have a scheduled measure (a reporting frequency): one query."""
    metrics = Metric.objects.filter(council_id__in=council_ids).exclude(reporting_frequency="").order_by()
    return set(metrics.values_list("council_id", flat=True).distinct())
