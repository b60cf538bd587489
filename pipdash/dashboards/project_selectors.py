"""Reads for the project page, which composes a project with its measures. Selectors never write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from metrics.direction import travel_in_series
from metrics.rag import worst
from metrics.selectors import as_at
from pipdash.dashboards.as_at import projects_as_at, stood_on, summaries_as_at
from pipdash.dashboards.changes import Known, with_first_seen
from pipdash.dashboards.project_figures import as_series_summaries, project_summaries
from projects.models import Lead, Milestone, ProgressUpdate, Project, ProjectStatusChange, Risk


@dataclass
class ProjectPage:
    project: Project
    metrics: list
    figures: list
    risks: list | None  # None: this user may not see the risk log
    today: dt.date  # the day the page is read at: today, or the as-at date
    as_at_date: dt.date | None = None  # the page as it stood on this date, or None for today
    # Every figure's direction of travel by reading id (metrics/direction.py), found once for the charts.
    travels: dict | None = None

    @property
    def council(self):
        return self.project.council

    # What the page's figures add up to is worked out once: the template asks several times, and each answer
    # is a walk of every figure (786 at national scale); a page's figures never change once it is made.
    @cached_property
    def rag(self):
        return worst(m.rag for m in self.metrics)

    @property
    def is_active(self) -> bool:
        return self.project.status == Project.Status.ACTIVE

    @cached_property
    def as_at(self):
        return as_at(self.figures)

    @property
    def leads_by_role(self) -> list[tuple[str, list]]:
        roles: dict[str, list] = {}
        for lead in self.project.leads.all():
            roles.setdefault(lead.get_role_display(), []).append(lead.person)
        return list(roles.items())

    @property
    def milestones(self):
        return list(self.project.milestones.all())

    @property
    def updates(self):
        return list(self.project.updates.all())

    # Each section says "as at" its own newest date (issue 13): a 2020 status change must not make
    # 2018 milestones or updates read as current.
    @property
    def milestones_as_at(self) -> dt.date | None:
        """The newest date a milestone record gives: its source's date, or a done date."""
        dates = [m.done_on for m in self.milestones if m.done_on]
        dates += [m.source_document.published_on for m in self.milestones if m.source_document_id]
        return max((d for d in dates if d), default=None)

    @property
    def updates_as_at(self) -> dt.date | None:
        return max((u.period_end for u in self.updates), default=None)

    @cached_property
    def has_drafts(self) -> bool:
        return any(not f.is_approved for f in self.figures)

    def known(self) -> Known | None:
        """What "changes since" may take from today's page rather than read again (pipdash/dashboards/changes.py):
        the project with its milestones and updates as this viewer sees them, its measures, and its risks with
        when each was first recorded, of its council as changes_since reads them. None for a page as at a date."""
        if self.as_at_date is not None:
            return None
        risks = None if self.risks is None else [r for r in self.risks if r.council_id == self.council.pk]
        return Known(projects=[self.project], summaries=self.metrics, risks=risks)


def _page_prefetches(access, as_at=None):
    # As at a date: the status changes and progress updates of then (milestones are unmarked done in memory).
    changes = ProjectStatusChange.objects.select_related("source_document")
    updates = ProgressUpdate.objects.shown_to(access).select_related("author", "source_document")
    if as_at:
        changes = changes.filter(changed_on__lte=as_at)
        updates = updates.filter(period_end__lte=as_at)
    return (
        Prefetch("leads", queryset=Lead.objects.select_related("person").order_by("role", "person__name")),
        Prefetch("status_changes", queryset=changes),
        # Milestones and updates as this viewer may see them (projects/signoff.py).
        Prefetch(
            "milestones",
            queryset=Milestone.objects.shown_to(access).select_related("source_document").order_by("due_on"),
        ),
        Prefetch("updates", queryset=updates.order_by("-period_end")),
    )


def project_page_get(*, project: Project, access, today: dt.date | None = None, as_at=None) -> ProjectPage:
    """Everything the project page shows beside the project itself, in a fixed number of queries; with
    `as_at`, the page as it stood on that date, like the council page's (pipdash/dashboards/as_at.py).
    As at a date, `project` is changed in memory (its status then), so pass one fetched for this page."""
    today = as_at or today or timezone.localdate()
    prefetch_related_objects([project], *_page_prefetches(access, as_at))
    council = project.council
    if as_at:
        projects_as_at([project], as_at)
        summaries, figures = summaries_as_at(
            council=council, access=access, when=as_at, projects={project.pk: project}, project=project
        )
        travels = travel_in_series(figures)
    else:
        summaries, figures, travels = project_summaries(access=access, council=council, project=project, today=today)
    summaries = as_series_summaries(summaries)  # each summary's figures are final from here
    risks = None
    if access.can_see_risks(council):
        risks = Risk.objects.shown_to(access).filter(project=project).select_related("source_document")
        risks = list(with_first_seen(risks))  # when each was first recorded, for "changes since"
        if as_at:  # a risk first recorded in a later paper was not on the log then
            risks = [r for r in risks if stood_on(r, as_at, "source_document__published_on")]
    return ProjectPage(
        project=project, metrics=summaries, figures=figures, risks=risks, today=today, as_at_date=as_at, travels=travels
    )
