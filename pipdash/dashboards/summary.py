"""The summary at the top of the council, project and programme pages (issue 14): read in five minutes.

How many active projects and measures are Green, Amber, Red, stale or unrated; the off-track
measures, each with its sentence, the council's explanation and what is being done about it;
milestones due in the next three months and missed ones. Pure Python over what the page's
selector fetched already: no queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from metrics.rag import AMBER, GREEN, RED
from pipdash.dates import add_months

BUCKETS = (("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("stale", "Stale"), ("unrated", "Unrated"))
DUE_MONTHS = 3


def bucket(rag) -> str:
    """Green, amber or red; stale when the figure judged is older than its measure allows; else unrated."""
    if rag is None or not rag.is_known:
        return "unrated"
    if rag.stale:
        return "stale"
    return {GREEN: "green", AMBER: "amber", RED: "red"}[rag.status]


def counts(rags) -> list[tuple[str, str, int]]:
    tally = dict.fromkeys((key for key, _ in BUCKETS), 0)
    for rag in rags:
        tally[bucket(rag)] += 1
    return [(key, label, tally[key]) for key, label in BUCKETS]


@dataclass(frozen=True)
class OffTrack:
    """A measure that is amber or red, with what the council says about it."""

    summary: object  # metrics.selectors.MetricSummary
    project: object = None

    @property
    def reading(self):
        return self.summary.latest.reading if self.summary.latest is not None else None

    @property
    def explanation(self) -> str:
        return self.reading.explanation if self.reading is not None else ""

    @property
    def recovery_action(self) -> str:
        return getattr(self.reading, "recovery_action", "") if self.reading is not None else ""

    @property
    def action_owner(self) -> str:
        return getattr(self.reading, "action_owner", "") if self.reading is not None else ""


@dataclass(frozen=True)
class DueMilestone:
    milestone: object
    project: object


@dataclass
class PageSummary:
    today: dt.date
    projects: list = field(default_factory=list)  # (key, label, count) of active projects
    measures: list = field(default_factory=list)  # (key, label, count) of measures
    off_track: list[OffTrack] = field(default_factory=list)
    due: list[DueMilestone] = field(default_factory=list)
    missed: list[DueMilestone] = field(default_factory=list)
    finished: int = 0  # closed, sustained or continued projects: history, not counted above

    @property
    def due_until(self) -> dt.date:
        return add_months(self.today, DUE_MONTHS)

    @property
    def project_total(self) -> int:
        return sum(n for _, _, n in self.projects)

    @property
    def measure_total(self) -> int:
        return sum(n for _, _, n in self.measures)

    @property
    def projects_text(self) -> str:
        return _tally(self.projects)

    @property
    def measures_text(self) -> str:
        return _tally(self.measures)


def _tally(counted) -> str:
    """'6: 1 green, 5 unrated', leaving out the kinds there are none of."""
    total = sum(n for _, _, n in counted)
    return f"{total}: " + ", ".join(f"{n} {label.lower()}" for _, label, n in counted if n)


def page_summary(*, project_blocks, measures, today: dt.date) -> PageSummary:
    """From the page's project blocks (ProjectBlock) and every measure (MetricSummary) it shows."""
    active = [block for block in project_blocks if block.is_active]
    project_of = {}
    for block in project_blocks:
        for summary in block.metrics:
            project_of[summary.metric.pk] = block.project
    finished = {block.project.pk for block in project_blocks if not block.is_active}
    # A finished project's measures are history: the roll-up counts active ones and the council's own.
    current = [s for s in measures if getattr(project_of.get(s.metric.pk), "pk", None) not in finished]
    off_track = [
        OffTrack(s, project_of.get(s.metric.pk))
        for s in sorted(current, key=lambda s: (s.rag.status != RED, s.metric.name))
        if s.rag is not None and s.rag.status in (AMBER, RED)
    ]
    until = add_months(today, DUE_MONTHS)
    due, missed = [], []
    for block in active:
        for milestone in block.project.milestones.all():
            if milestone.done_on is not None:
                continue
            if milestone.due_on < today:
                missed.append(DueMilestone(milestone, block.project))
            elif milestone.due_on <= until:
                due.append(DueMilestone(milestone, block.project))
    return PageSummary(
        today=today,
        projects=counts(block.rag for block in active),
        measures=counts(s.rag for s in current),
        off_track=off_track,
        due=sorted(due, key=lambda d: d.milestone.due_on),
        missed=sorted(missed, key=lambda d: d.milestone.due_on),
        finished=len(project_blocks) - len(active),
    )
