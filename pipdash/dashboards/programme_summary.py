"""The summary at the top of a programme's page (issue 14): the councils' active projects read together.

How many of the programme's active projects and their measures are Green, Amber, Red, stale or
unrated; the off-track measures with their sentence, the council's explanation and action; the
milestones missed and due in the next three months. Each council's part says what the council page's
summary (pipdash/dashboards/summary.py) says of its projects in this programme, from the measures judged
once for the overview's row and this part together (programme_rags.py), as this viewer may see them.

Each council's part is stored with its row (programme_rows.py) under that council's data version: after
one council's write the page remakes that council's part and reads the others from the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from metrics.rag import AMBER, RED, worst
from pipdash.dashboards.summary import BUCKETS, DUE_MONTHS, PageSummary, counts
from pipdash.dates import add_months
from projects.models import Milestone, Project

SHOWN = 10  # items of each list shown before "more"


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
    # The list item's content, written once when the line is made and cached with the council's part, so a
    # page rebuilt after one council's write writes only that council's lines.
    html: str = field(default="", compare=False)

    def written(self) -> str:
        """The list item's content, written here rather than in the template: a national summary lists
        thousands, and the template's lookups per item were most of the page's rendering."""
        text = format_html(
            '<strong class="app-rag app-rag--{}">{}</strong> <strong>{}</strong> ({}: {}): {}\n      ',
            self.status, self.word, self.measure, self.council, self.project, capfirst(self.reason),
        )  # fmt: skip
        if self.explanation:
            text += format_html("<br>Explanation: {}", self.explanation)
        if not self.action:
            return mark_safe(text + "\n      <br>No action recorded.")  # noqa: S308 -- only escaped parts
        owner = format_html(" (owner: {})", self.owner) if self.owner else ""
        return text + format_html("\n      <br>Action: {}{}", self.action, owner)

    @classmethod
    def of(cls, judged, project) -> OffTrackLine:
        """From a measure judged for the overview (programme_rags.py) and the project it counts for."""
        rag = judged.rag
        line = cls(
            status=rag.status,
            word=rag.word,
            reason=rag.reason,
            measure=judged.metric.name,
            council=project.council.name,
            project=project.name,
            explanation=judged.explanation,
            action=judged.action,
            owner=judged.owner,
        )
        return replace(line, html=line.written())


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone missed or due, in plain text like OffTrackLine."""

    title: str
    due_on: dt.date
    due_label: str
    council: str
    project: str
    missed: bool
    html: str = field(default="", compare=False)  # written once, like OffTrackLine's

    def written(self) -> str:
        """The list item's content, written here like OffTrackLine's."""
        if self.missed:
            said = format_html("<strong>Missed:</strong> {}, due {}", self.title, self.due_label)
        else:
            said = format_html("Due {}: {}", self.due_label, self.title)
        return said + format_html(" ({}: {})", self.council, self.project)

    @classmethod
    def of(cls, milestone, project, *, missed: bool) -> MilestoneLine:
        line = cls(milestone.title, milestone.due_on, milestone.due_label, project.council.name, project.name, missed)
        return replace(line, html=line.written())


class ProgrammeSummary(PageSummary):
    """The councils' summaries read together, with the counts said in words; its lists hold OffTrackLine
    and MilestoneLine."""

    @property
    def milestones(self) -> list[MilestoneLine]:
        return self.missed + self.due

    @property
    def off_track_items(self) -> tuple[str, str]:
        return shown_and_more(self.off_track)

    @property
    def milestone_items(self) -> tuple[str, str]:
        return shown_and_more(self.milestones)

    @property
    def project_words(self) -> str:
        return _words(self.projects)

    @property
    def measure_words(self) -> str:
        return _words(self.measures)


def shown_and_more(lines, shown: int = SHOWN) -> tuple[str, str]:
    """The list items of the first `shown` lines, and of the rest (behind "more" on the page): joined here,
    since a template loop's lookups and tests per item were most of the page's rendering at national scale."""
    items = [f"\n    <li>{line.html}</li>" for line in lines]  # each line's html escapes its own words
    return mark_safe("".join(items[:shown])), mark_safe("".join(items[shown:]))  # noqa: S308


def _words(counts) -> str:
    """'3 green, 2 amber, 1 no RAG': the buckets that have any, each label as a reader says it."""
    said = [f"{n} {'no RAG' if key == 'unrated' else label.lower()}" for key, label, n in counts if n]
    return ", ".join(said)


def summary_part(*, projects, milestones: dict, judged, today: dt.date) -> ProgrammeSummary:
    """One council's part: its active projects in the programme, their milestones by project id (of
    open_milestones, by due date) and its measures judged (programme_rags.py). Pure Python, as page_summary
    (pipdash/dashboards/summary.py) counts and lists a council page's."""
    active = {project.pk: project for project in projects if project.status == Project.Status.ACTIVE}
    # In the council page's order: by project, then key measures first, then by name (metric_summary_list);
    # the off-track list keeps it among measures of one name.
    position = {pk: n for n, pk in enumerate(active)}
    measures = sorted(
        (item for item in judged if item.project_id in active),
        key=lambda item: (position[item.project_id], not item.metric.is_key, item.metric.name, item.metric.pk),
    )
    by_project: dict[int, list] = {}
    for item in measures:
        by_project.setdefault(item.project_id, []).append(item.rag)
    off_track = [
        OffTrackLine.of(item, active[item.project_id])
        for item in sorted(measures, key=lambda item: (item.rag.status != RED, item.metric.name))
        if item.rag.status in (AMBER, RED)
    ]
    until = add_months(today, DUE_MONTHS)
    due, missed = [], []
    for project in active.values():
        for milestone in milestones.get(project.pk, ()):
            if milestone.done_on is not None:
                continue
            if milestone.due_on < today:
                missed.append(MilestoneLine.of(milestone, project, missed=True))
            elif milestone.due_on <= until:
                due.append(MilestoneLine.of(milestone, project, missed=False))
    return ProgrammeSummary(
        today=today,
        projects=counts(worst(by_project.get(pk, [])) for pk in active),
        measures=counts(item.rag for item in measures),
        off_track=off_track,
        due=sorted(due, key=lambda line: line.due_on),
        missed=sorted(missed, key=lambda line: line.due_on),
    )


def open_milestones(access, today):
    """Milestones as this viewer sees them that may be missed or due within the summary's months: not
    done and due by then in the working copy or the approved one (the summary reads the one shown)."""
    until = add_months(today, DUE_MONTHS)
    may_be_open = Q(done_on__isnull=True) | Q(published_done_on__isnull=True)
    may_be_due = Q(due_on__lte=until) | Q(published_due_on__lte=until)
    return Milestone.objects.shown_to(access).filter(may_be_open & may_be_due).order_by("due_on")


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
