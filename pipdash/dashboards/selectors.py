"""Reads for the council page, which composes councils, projects and measures (a programme's overview's are
in programme_selectors.py).

Selectors never write.

A project's life bounds what it claims (issue 13): a closed, sustained or continued project shows its
status first, its last RAG as at its last figure, and milestones not done by its close as "not
recorded as done when the project closed", never overdue. Overdue counts and RAG roll-ups count
active projects only; closed projects sit below the active ones, collapsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils import timezone

from metrics.official.releases import releases_by_metric
from metrics.rag import worst
from metrics.selectors import as_at
from metrics.summaries import council_page_summaries, load_series
from pipdash.dashboards.as_at import background_as_at, projects_as_at, summaries_as_at
from pipdash.dashboards.changes import touched_metric_ids, with_first_seen
from pipdash.dashboards.council_background import council_background
from pipdash.dashboards.project_figures import as_series_summaries
from programmes.continuity import Lineage, lineage_of
from programmes.models import Council
from projects.models import Lead, Milestone, ProgressUpdate, Project, ProjectStatusChange, Risk, Workstream

# --- The council page -----------------------------------------------------------------------

# The council page's view charts, when a council has chosen no key measures, its first six with figures.
FALLBACK_CHARTS = 6


@dataclass
class ProjectBlock:
    """One project as the council page shows it."""

    project: Project
    metrics: list = field(default_factory=list)
    open_risks: int | None = None  # None: this user may not see the risk log
    today: dt.date | None = None
    table: object = None  # its measures table, set by the view's table builder

    @property
    def rag(self):
        return worst(m.rag for m in self.metrics)

    @property
    def is_active(self) -> bool:
        return self.project.status == Project.Status.ACTIVE

    @property
    def not_done_at_close(self) -> list:
        """Milestones a finished project left undone (or done only after it closed): not overdue,
        because nobody is working to them any more."""
        if self.is_active:
            return []
        closed_on = self.project.status_changed_on
        return [
            m for m in self.project.milestones.all()
            if m.done_on is None or (closed_on is not None and m.done_on > closed_on)
        ]

    @property
    def leads_by_role(self) -> list[tuple[str, list]]:
        roles: dict[str, list] = {}
        for lead in self.project.leads.all():
            roles.setdefault(lead.get_role_display(), []).append(lead.person)
        return list(roles.items())

    @property
    def overdue_milestones(self) -> list:
        if not self.is_active:
            return []
        return [m for m in self.project.milestones.all() if m.is_overdue(self.today)]

    @property
    def due_milestones(self) -> list:
        if not self.is_active:
            return []
        return [m for m in self.project.milestones.all() if m.done_on is None and not m.is_overdue(self.today)][:3]

    @property
    def newest_update(self):
        updates = list(self.project.updates.all())
        return updates[0] if updates else None


@dataclass
class WorkstreamBlock:
    workstream: Workstream
    projects: list[ProjectBlock]

    @property
    def active(self) -> list[ProjectBlock]:
        return [p for p in self.projects if p.is_active]

    @property
    def finished(self) -> list[ProjectBlock]:
        """Closed, sustained or continued: shown below the active ones, collapsed."""
        return [p for p in self.projects if not p.is_active]


@dataclass
class CouncilPage:
    council: Council
    participations: list
    funding: list
    judgements: list
    partnerships_given: list
    partnerships_received: list
    workstreams: list[WorkstreamBlock]
    council_metrics: list  # metrics that belong to no project
    key_metrics: list
    figures: list
    can_see_risks: bool
    council_table: object = None
    programme_risks: list = field(default_factory=list)  # risks of a programme rather than one project
    risks: list | None = None  # the whole risk log, for a viewer who may see it
    lineage: Lineage | None = None  # the councils before and after it; a one-to-one chain is one series
    as_at_date: dt.date | None = None  # the page as it stood on this date, or None for today
    # Today's page: England's figures (with a value or not) of each official measure it shows, by measure id,
    # for the official figures beside the council's own (read with the page's benchmarks, not again).
    official_england: dict | None = None
    touched_readings: list | None = None  # with changes_since: for "changes since" (changes.Known.readings)

    @property
    def as_at(self):
        """The programme's own figures' date: official statistics and Ofsted each say their own."""
        return as_at(f for f in self.figures if not f.metric.official_key)

    @property
    def official_as_at(self):
        return as_at(f for f in self.figures if f.metric.official_key)

    @property
    def ofsted_as_at(self):
        dates = [j.published_on or j.inspected_on for j in self.judgements]
        dates = [d for d in dates if d]
        return max(dates) if dates else None

    @property
    def funding_by_year(self) -> list[tuple[str, Decimal]]:
        totals: dict[str, Decimal] = {}
        for grant in self.funding:
            totals[grant.when_label] = totals.get(grant.when_label, Decimal(0)) + grant.amount
        return list(totals.items())

    @property
    def has_drafts(self) -> bool:
        return any(not f.is_approved for f in self.figures)


def _projects_for_page(access, as_at=None):
    # How precisely the paper dated the change to the current status ("2017", not "1 January 2017"),
    # fetched with the projects rather than a status-history query per card (the status_since filter).
    current_change = (
        ProjectStatusChange.objects.filter(
            project=OuterRef("pk"), status=OuterRef("status"), changed_on=OuterRef("status_changed_on")
        )
        .order_by()
        .values("changed_precision")[:1]
    )
    return (
        Project.objects.select_related("council", "workstream", "source_document")
        .annotate(status_changed_precision=Subquery(current_change))
        .prefetch_related(
            Prefetch("leads", queryset=Lead.objects.select_related("person").order_by("role", "person__name")),
            Prefetch("milestones", queryset=Milestone.objects.shown_to(access).order_by("due_on")),
            Prefetch("updates", queryset=_updates(access, as_at)),
        )
    )


# The council page's order of workstreams, and of projects within each (Project's own ordering).
WORKSTREAM_ORDER = ("programme__name", "position", "number", "name", "pk")
PROJECT_ORDER = ("number", "name")


def _workstreams_with_projects(council, access, as_at=None) -> list[tuple[Workstream, list[Project]]]:
    """The council's workstreams in page order, each with its projects: the projects read with their
    workstreams in one query (and their leads, milestones and updates prefetched), the workstreams read
    apart only when one has no project, which the projects cannot bring (a council without projects)."""
    empty = Workstream.objects.filter(council=council, projects__isnull=True)
    projects = list(
        _projects_for_page(access, as_at)
        .filter(workstream__council=council)
        .select_related("workstream__programme")
        .annotate(council_has_empty_workstream=Exists(empty))
        .order_by(*(f"workstream__{name}" for name in WORKSTREAM_ORDER), *PROJECT_ORDER)
    )
    by_workstream: dict[int, list[Project]] = {}
    for project in projects:
        by_workstream.setdefault(project.workstream_id, []).append(project)
    if projects and not projects[0].council_has_empty_workstream:
        return [(found[0].workstream, found) for found in by_workstream.values()]
    workstreams = Workstream.objects.filter(council=council).select_related("programme").order_by(*WORKSTREAM_ORDER)
    return [(workstream, by_workstream.get(workstream.pk, [])) for workstream in workstreams]


def _updates(access, as_at=None):
    # Only what this viewer may see of them (projects/signoff.py): outside the council, approved copies.
    updates = ProgressUpdate.objects.shown_to(access).select_related("source_document").order_by("-period_end")
    return updates.filter(period_end__lte=as_at) if as_at else updates


def council_page_get(
    *, council: Council, access, today: dt.date | None = None, as_at=None, changes_since: dt.date | None = None
) -> CouncilPage:
    """Everything the council page shows, in a fixed number of queries whatever the amount of data;
    with `as_at`, the page as it stood on that date (pipdash/dashboards/as_at.py). With `changes_since` (today's
    page), today's readings of the measures touched since then are read with the page's (`touched_readings`)."""
    today = as_at or today or timezone.localdate()
    workstreams = _workstreams_with_projects(council, access, as_at)
    # The readings' projects are the council's, fetched just now with its workstreams.
    project_by_id = {p.pk: p for _, projects in workstreams for p in projects}
    touched_readings = None
    if as_at:
        projects_as_at(project_by_id.values(), as_at)
        summaries, figures = summaries_as_at(council=council, access=access, when=as_at, projects=project_by_id)
    else:
        # Official figures cite their release, read with the figures' own (metrics/summaries.py).
        touched = touched_metric_ids(council, changes_since) if changes_since else None
        found = council_page_summaries(
            access=access, council=council, today=today, projects=project_by_id, touched=touched
        )
        summaries, figures = found[:2]
        touched_readings = found[2] if changes_since else None
    if as_at:
        # Official figures cite their release (one query, only when the page has official measures).
        official = [s.metric.pk for s in summaries if s.metric.official_key]
        releases = releases_by_metric(council_id=council.pk, metric_ids=official) if official else {}
        for summary in summaries:
            summary.releases = releases.get(summary.metric.pk, [])
    can_see_risks = access.can_see_risks(council)
    risk_counts: dict = {}
    programme_risks = []
    risks = None
    if can_see_risks:
        # One query for the whole risk log: projects' open risks are counted, the programme's own listed;
        # with each risk's first history date, kept for "changes since" (its new risks).
        risk_log = with_first_seen(Risk.objects.shown_to(access).filter(council=council))
        risks = list(risk_log.select_related("programme", "source_document"))
        for risk in risks:
            if risk.project_id is None:
                programme_risks.append(risk)
            elif risk.status == Risk.Status.OPEN:
                risk_counts[risk.project_id] = risk_counts.get(risk.project_id, 0) + 1
    by_project: dict = {}
    for summary in summaries:
        by_project.setdefault(summary.project_id, []).append(summary)
    blocks = []
    for workstream, projects in workstreams:
        projects = [
            ProjectBlock(
                project,
                metrics=by_project.get(project.pk, []),
                open_risks=risk_counts.get(project.pk, 0) if can_see_risks else None,
                today=today,
            )
            for project in projects
        ]
        blocks.append(WorkstreamBlock(workstream, projects))
    project_ids = {p.project.pk for block in blocks for p in block.projects}
    council_metrics = [s for s in summaries if s.project_id not in project_ids]
    if not as_at and not any(s.metric.is_key for s in summaries):
        # No key measures: the page charts its first few measures with figures, so those need their series.
        in_projects = [summary for block in blocks for p in block.projects for summary in p.metrics]
        charted = [s for s in council_metrics + in_projects if s.actuals][:FALLBACK_CHARTS]
        figures = figures + load_series(charted, access=access, council=council, projects=project_by_id)
    # A council replaced one-to-one (a recode, a county become unitary) is one series with its
    # successor: both pages show the chain's Ofsted history and partnerships, each marked where filed.
    lineage = _lineage(council)
    background = council_background(council, lineage)
    # The figures are final now (load_series above replaced the charted ones'): each measure's latest figure
    # and target, which its row, the summary, the charts and "changes since" ask for, are found once.
    as_series_summaries(summaries)
    page = CouncilPage(
        council=council,
        participations=background.participations,
        funding=background.funding,
        judgements=background.judgements,
        partnerships_given=background.partnerships_given,
        partnerships_received=background.partnerships_received,
        workstreams=blocks,
        council_metrics=council_metrics,
        key_metrics=[s for s in summaries if s.metric.is_key],
        figures=figures,
        can_see_risks=can_see_risks,
        programme_risks=programme_risks,
        risks=risks,
        lineage=lineage,
        as_at_date=as_at,
        touched_readings=touched_readings,
        official_england=None if as_at else {s.metric.pk: s.england for s in summaries if hasattr(s, "england")},
    )
    if as_at:
        background_as_at(page, as_at)
    return page


def _lineage(council: Council) -> Lineage:
    # A council no other replaced or was replaced by (council_get read that with it) is a series of one:
    # the successor table need not be read.
    if getattr(council, "has_successor_links", True):
        return lineage_of(council)
    return Lineage(council=council, series=(council,), predecessors=(), successors=())

