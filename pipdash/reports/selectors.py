"""What a committee pack says: the council page's own reads, as at the pack's date (issue 15).

The pack is built from `council_page_get`, the selector the council page uses: today's pack is today's
page, an earlier one the page as it stood on the pack's date (`?as_at=`, from the history tables), so
the pack's figures equal the page's for the same date. Selectors never write.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from metrics.charts import Chart, metric_chart
from metrics.compare.selectors import published_readings
from metrics.direction import DOWN, IMPROVING, NO_CHANGE, NO_EARLIER, UP, WORSENING
from metrics.models import Reading
from metrics.rag import AMBER, GREEN, NONE, RED
from metrics.units import Direction, MeasureKind, Unit
from pipdash.dashboards.changes import (
    FIGURE_ADDED,
    FIGURE_REVISED,
    MILESTONE_DONE,
    MILESTONE_MISSED,
    RAG_CHANGED,
    UPDATE_ADDED,
    changes_since,
)
from pipdash.dashboards.programme_selectors import programme_overview_rows
from pipdash.dashboards.selectors import CouncilPage, ProjectBlock, council_page_get
from pipdash.dates import uk_date
from pipdash.reports.models import ReportPack
from programmes.models import ComparisonGroup
from projects.models import Milestone

RAG_ORDER = (RED, AMBER, GREEN, NONE)
# Shown even when empty ("None."), so a committee sees that nothing was hidden; other kinds when they have items.
CHANGE_HEADINGS = (RAG_CHANGED, FIGURE_REVISED, FIGURE_ADDED, MILESTONE_DONE, MILESTONE_MISSED)


@dataclass(frozen=True)
class PackDates:
    """What the committee asked for: its name, the meeting, the last meeting and the figures' date."""

    committee: str
    meeting_on: dt.date
    since: dt.date
    as_at: dt.date


@dataclass
class ExceptionItem:
    """One thing off track: a Red, Amber or stale measure, or a missed milestone."""

    what: str
    where: str  # the project, or "Whole council"
    status: str  # red, amber, missed (CSS and sort)
    word: str  # "Red", "Amber, stale", "Missed"
    reason: str
    explanation: str = ""
    action: str = ""
    owner: str = ""


@dataclass
class ProjectSection:
    block: ProjectBlock
    milestones: list  # (milestone, state) as at the pack's date
    update: object  # the newest progress update up to the pack's date
    charts: list[Chart] = field(default_factory=list)
    images: dict = field(
        default_factory=dict
    )  # chart slug: its SVG as a data URI, for the PDF (pipdash/reports/render.py)

    @property
    def chart_images(self) -> list[tuple[Chart, str]]:
        return [(chart, self.images.get(chart.slug, "")) for chart in self.charts]


@dataclass
class Definition:
    metric: object
    sources: list[int]  # the numbers of its sources in the annex list

    @property
    def unit(self) -> str:
        return Unit(self.metric.unit).label

    @property
    def kind(self) -> str:
        return MeasureKind(self.metric.kind).label

    @property
    def direction(self) -> str:
        return Direction(self.metric.direction).label


@dataclass
class CouncilReport:
    council: object
    dates: PackDates
    produced_by: str
    printed_on: dt.date
    page: CouncilPage
    rag_counts: list[tuple[str, str, int]]  # (status, word, number of measures)
    travel_counts: list[tuple[str, int]]  # ("Improving", number of measures), ...
    workstream_lines: list[tuple[object, str]]
    exceptions: list[ExceptionItem]
    changes: list[tuple[str, list[str]]]  # (heading, lines)
    projects: list[tuple[object, list[ProjectSection]]]  # (workstream, its active projects)
    finished: list  # ProjectBlocks of projects closed, sustained or continued by the pack's date
    council_measures: list
    official: list
    definitions: list[Definition]
    sources: list[str]
    charts: list[Chart]

    @property
    def participations(self):
        return self.page.participations

    @property
    def measures(self) -> list:
        return [s for _, sections in self.projects for p in sections for s in p.block.metrics] + self.council_measures

    @property
    def sections(self) -> list[ProjectSection]:
        return [section for _, sections in self.projects for section in sections]


def milestone_state(milestone: Milestone, as_at: dt.date) -> str:
    """done, missed (due before the date and not done by it) or due, as the pack's date sees it."""
    if milestone.done_on is not None and milestone.done_on <= as_at:
        return "done"
    return "missed" if milestone.due_on < as_at else "due"


def council_report_get(*, council, access, dates: PackDates, produced_by: str) -> CouncilReport:
    """The committee pack for one council, in a fixed number of queries whatever its size."""
    # Today's pack is today's page; an earlier one is the page as it stood then (?as_at=, the history tables).
    as_at = None if dates.as_at >= timezone.localdate() else dates.as_at
    page = council_page_get(council=council, access=access, as_at=as_at)
    council.lineage = page.lineage
    shown = [s for block in page.workstreams for p in block.active for s in p.metrics] + page.council_metrics
    sources, numbers = _number_sources(page, shown)
    for summary in shown:
        summary.pack_benchmarks = "; ".join(
            f"{b.area_label} {summary.metric.format(b.value)} ({b.period_label})" for b in summary.latest_benchmarks
        )
    projects = []
    charts = []
    for block in page.workstreams:
        sections = []
        for item in block.active:
            section = ProjectSection(
                block=item,
                milestones=[(m, milestone_state(m, dates.as_at)) for m in item.project.milestones.all()],
                update=next((u for u in item.project.updates.all() if u.period_end <= dates.as_at), None),
                charts=[metric_chart(s, council=council) for s in item.metrics if s.metric.is_key and s.actuals],
            )
            charts += section.charts
            sections.append(section)
        if sections:
            projects.append((block.workstream, sections))
    return CouncilReport(
        council=council,
        dates=dates,
        produced_by=produced_by,
        printed_on=timezone.localdate(),
        page=page,
        rag_counts=_rag_counts(shown),
        workstream_lines=[(block.workstream, _headline(block, dates.as_at)) for block in page.workstreams],
        exceptions=_exceptions(page, dates.as_at),
        changes=_changes(council, access, dates),
        travel_counts=_travel_counts(shown),
        projects=projects,
        finished=[item for block in page.workstreams for item in block.finished],
        council_measures=page.council_metrics,
        official=_with_neighbours(council, [s for s in shown if s.metric.official_key and s.latest is not None]),
        definitions=[Definition(s.metric, numbers.get(s.metric.pk, [])) for s in shown],
        sources=sources,
        charts=charts,
    )


def _with_neighbours(council, official: list) -> list:
    """Each official measure's row, with the median of the council's statistical neighbours for the same
    period (the council itself not included), as the compare page states it. Two queries."""
    group = (
        ComparisonGroup.objects.filter(kind=ComparisonGroup.Kind.STATISTICAL_NEIGHBOURS, anchor=council)
        .prefetch_related("councils")
        .first()
    )
    members = {c.pk for c in group.councils.all()} - {council.pk} if group else set()
    for summary in official:
        summary.neighbours_median = ""
    if not official or not members:
        return official
    wanted = Q()
    for summary in official:
        wanted |= Q(metric_id=summary.metric.pk, published_period_end=summary.latest.on)
    values: dict = {}
    rows = published_readings(Reading.objects.filter(wanted, council_id__in=members)).order_by()
    for metric_id, end, value in rows.values_list("metric_id", "published_period_end", "published_value"):
        if value is not None:
            values.setdefault((metric_id, end), []).append(value)
    for summary in official:
        found = values.get((summary.metric.pk, summary.latest.on))
        if found:
            median = summary.metric.format(Decimal(statistics.median(found)))
            summary.neighbours_median = f"{median} (median of {len(found)} of {len(members)} neighbours)"
    return official


def _rag_counts(summaries) -> list[tuple[str, str, int]]:
    words = {RED: "Red", AMBER: "Amber", GREEN: "Green", NONE: "Unrated"}
    counts = dict.fromkeys(RAG_ORDER, 0)
    for summary in summaries:
        counts[summary.rag.status if summary.rag else NONE] += 1
    return [(status, words[status], counts[status]) for status in RAG_ORDER]


def _headline(block, as_at) -> str:
    active = block.active
    if not active:
        return "No active projects."
    rags = [p.rag.status if p.rag else NONE for p in active]
    parts = [f"{rags.count(s)} {w}" for s, w in ((RED, "red"), (AMBER, "amber"), (GREEN, "green")) if rags.count(s)]
    if rags.count(NONE):
        parts.append(f"{rags.count(NONE)} without a RAG")
    missed = sum(milestone_state(m, as_at) == "missed" for p in active for m in p.project.milestones.all())
    projects = f"{len(active)} active project{'s' if len(active) != 1 else ''}"
    milestones = f"; {missed} milestone{'s' if missed != 1 else ''} missed" if missed else ""
    return f"{projects}: {', '.join(parts)}{milestones}."


def _exceptions(page: CouncilPage, as_at) -> list[ExceptionItem]:
    """Every Red, Amber or stale measure and every missed milestone of the active projects: none can
    be left out of the pack, so none is chosen here, only sorted (worst first)."""
    items = []
    places = [(p.project.name, p) for block in page.workstreams for p in block.active]
    measures = [(name, s) for name, p in places for s in p.metrics] + [
        ("Whole council", s) for s in page.council_metrics
    ]
    for where, summary in measures:
        rag = summary.rag
        if rag is None or not (rag.status in (RED, AMBER) or rag.stale):
            continue
        reading = summary.latest.reading if summary.latest else None
        items.append(
            ExceptionItem(
                what=summary.metric.name,
                where=where,
                status=rag.status,
                word=rag.word,
                reason=rag.reason,
                explanation=getattr(reading, "explanation", "") or "",
                action=getattr(reading, "recovery_action", "") or "",
                owner=getattr(reading, "action_owner", "") or "",
            )
        )
    for where, item in places:
        for milestone in item.project.milestones.all():
            if milestone_state(milestone, as_at) == "missed":
                items.append(
                    ExceptionItem(
                        what=milestone.title,
                        where=where,
                        status="missed",
                        word="Milestone missed",
                        reason=f"Due {milestone.due_label}; not recorded as done by {uk_date(as_at)}.",
                        owner=", ".join(lead.person.name for lead in item.project.leads.all()),
                    )
                )
    order = {RED: 0, "missed": 1, AMBER: 2, GREEN: 3, NONE: 4}
    return sorted(items, key=lambda i: (order.get(i.status, 5), i.where, i.what))


def _changes(council, access, dates: PackDates) -> list[tuple[str, list[str]]]:
    """Since the last committee, by kind (pipdash/dashboards/changes.py, the council page's own): figures
    added and revised, RAG changes, milestones done and missed, progress updates, risks. A pack as at a past
    date lists what changed between the two dates as it stood on its own date: nothing learnt later."""
    # Progress updates are left out: each project's newest is in its own section already.
    as_at = None if dates.as_at >= timezone.localdate() else dates.as_at
    items = changes_since(council, dates.since, access, today=dates.as_at, as_at=as_at)
    items = [i for i in items if i.what != UPDATE_ADDED]
    grouped: dict[str, list[str]] = {heading: [] for heading in CHANGE_HEADINGS}
    for item in items:
        line = f"{item.text} ({item.project})" if item.project else item.text
        grouped.setdefault(item.what, []).append(line)
    return list(grouped.items())


def _travel_counts(summaries) -> list[tuple[str, int]]:
    """How many measures are improving, worsening, unchanged or have no earlier figure (metrics/direction.py)."""
    counts: dict[str, int] = {}
    for summary in summaries:
        travel = getattr(summary, "travel", None)
        words = travel.words if travel is not None else NO_EARLIER
        counts[words] = counts.get(words, 0) + 1
    order = [IMPROVING, WORSENING, NO_CHANGE, UP, DOWN, NO_EARLIER]
    return [(words.capitalize(), counts[words]) for words in order if counts.get(words)]


def _number_sources(page: CouncilPage, summaries) -> tuple[list[str], dict[int, list[int]]]:
    """Every source the pack cites once, numbered in the order first cited; each measure's numbers."""
    citations: dict[str, int] = {}
    numbers: dict[int, list[int]] = {}

    def number(citation: str) -> int:
        return citations.setdefault(citation, len(citations) + 1)

    for summary in summaries:
        numbers[summary.metric.pk] = sorted({number(source.citation) for source in summary.sources})
    for block in page.workstreams:
        for item in block.active:
            for update in item.project.updates.all()[:1]:
                if update.source_document:
                    number(update.source_document.citation)
    return list(citations), numbers


def programme_report_rows(*, programme, access, dates: PackDates) -> list[dict]:
    """The programme's councils side by side as at the pack's date: the programme overview's own
    read (a fixed number of queries whatever the number of councils), each linking to its council's pack."""
    return programme_overview_rows(programme=programme, access=access, today=dates.as_at)


def pack_list(*, council, limit: int = 20) -> list[ReportPack]:
    """The council's packs, newest first, without their files."""
    return list(
        ReportPack.objects.filter(council=council)
        .select_related("requested_by")
        .defer("pdf", "docx")
        .order_by("-requested_at", "-pk")[:limit]
    )
