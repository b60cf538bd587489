"""Reads for the returns cycle: what awaits each approver. Selectors never write."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from metrics.models import Reading
from programmes.access import access_for
from programmes.models import Council
from projects.models import Milestone, ProgressUpdate


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
        queues[reading.council_id].readings.append(reading)
    for name, model in (("updates", ProgressUpdate), ("milestones", Milestone)):
        items = (
            model.objects.awaiting_approval(ids)
            .filter(_not_own(user))
            .select_related("project__council", "submitted_by")
            .order_by("submitted_at", "pk")
        )
        for item in items:
            getattr(queues[item.project.council_id], name).append(item)
    return list(queues.values())
