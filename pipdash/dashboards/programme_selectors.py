"""Reads for a programme's overview, which puts the participating councils side by side.

Selectors never write. Moved out of selectors.py (the council page's) so the two pages' reads change apart.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone

from metrics.judging import among
from metrics.rag import AMBER, GREEN, RED, worst
from pipdash.dashboards.programme_rags import judged_measures
from pipdash.dashboards.programme_summary import ProgrammeSummary, open_milestones, summary_part
from programmes.models import Funding, ImprovementPartnership, Participation, Programme
from projects.models import Milestone, Project, Risk


def programme_overview_rows(*, programme: Programme, access, today: dt.date | None = None, participations=None) -> list:
    """Each participating council side by side (or those of `participations` only, with council and region):
    projects by status and RAG, funding, partnerships, overdue milestones."""
    parts = programme_overview_parts(programme=programme, access=access, today=today, participations=participations)
    return [row for row, _ in parts]


def programme_overview_parts(
    *, programme: Programme, access, today: dt.date | None = None, participations=None
) -> list[tuple[dict, ProgrammeSummary]]:
    """Each council's row of the overview and its part of the summary, in council order, made together from
    one judgement of its measures (programme_rags.py). A fixed number of queries whatever the number of
    councils or figures."""
    today = today or timezone.localdate()
    if participations is None:
        participations = list(
            Participation.objects.filter(programme=programme).select_related("council__region").order_by("council__name")
        )
    councils = [p.council for p in participations]
    council_ids = [c.pk for c in councils]
    by_id = {c.pk: c for c in councils}
    # In the order the summary lists a council's projects' milestones; each project's council is the one
    # given, not a join per project.
    projects = list(
        Project.objects.filter(workstream__programme=programme, council_id__in=council_ids).order_by(
            "council_id", "number", "name"
        )
    )
    for project in projects:
        project.council = by_id[project.council_id]
    project_ids = {p.pk for p in projects}
    # Only an active project's RAG is counted and only its milestones can be missed, due or overdue: a
    # closed project's last RAG is history and its undone milestones are "not done when it closed".
    active = [p for p in projects if p.status == Project.Status.ACTIVE]
    # Their milestones that may be missed or due, in one query grouped here (a prefetch cloned the queryset
    # for each of a thousand projects), the projects' ids as one parameter.
    milestones: dict[int, list] = {}
    if active:
        ids = [p.pk for p in active]
        for milestone in among(open_milestones(access, today), '"projects_milestone"."project_id"', "project_id", ids):
            milestones.setdefault(milestone.project_id, []).append(milestone)
    judged = judged_measures(access=access, councils=councils, project_ids={p.pk for p in active}, today=today)
    funding = dict(
        Funding.objects.filter(programme=programme, council_id__in=council_ids)
        .values_list("council_id")
        .annotate(total=Sum("amount"))
    )
    overdue = dict(
        Milestone.objects.overdue_shown_to(access, today)
        .filter(project_id__in=project_ids, project__status=Project.Status.ACTIVE)
        .values_list("project__council_id")
        .annotate(n=Count("id"))
    )
    partnerships = list(
        ImprovementPartnership.objects.filter(Q(supporting_id__in=council_ids) | Q(supported_id__in=council_ids))
        .select_related("supporting", "supported")
        # Ties broken by id: partners without a start date were listed in whatever order the query plan gave,
        # so one council's row made on its own could name them in another order than made with all 153.
        .order_by("starts_on", "pk")
    )

    projects_by_council: dict[int, list] = {}
    for project in projects:
        projects_by_council.setdefault(project.council_id, []).append(project)
    parts = []
    for participation in participations:
        council = participation.council
        own = projects_by_council.get(council.pk, [])
        part = summary_part(projects=own, milestones=milestones, judged=judged.get(council.pk, []), today=today)
        rags_by_project: dict[int, list] = {}
        for item in judged.get(council.pk, []):
            rags_by_project.setdefault(item.project_id, []).append(item.rag)
        # The RAG roll-up counts active projects only: a closed project's last RAG is history.
        rags = [worst(rags_by_project.get(p.pk, [])) for p in own if p.status == Project.Status.ACTIVE]
        row = {
            "council": council,
            "joined_on": participation.joined_on,
            "joined_label": participation.joined_label,
            "projects": len(own),
            "active": sum(p.status == Project.Status.ACTIVE for p in own),
            "finished": sum(p.status != Project.Status.ACTIVE for p in own),
            "green": sum(r is not None and r.status == GREEN for r in rags),
            "amber": sum(r is not None and r.status == AMBER for r in rags),
            "red": sum(r is not None and r.status == RED for r in rags),
            "no_rag": sum(r is None for r in rags),
            # No funding recorded is "not stated", never £0: the papers are silent, not nil.
            "funding": funding.get(council.pk),
            "partnerships": _partnership_text(council, partnerships),
            "overdue": overdue.get(council.pk, 0),
        }
        parts.append((row, part))
    return parts


def programme_risk_list(*, programme: Programme, access) -> list:
    """Risks to the programme as a whole (not to one project), of the councils whose risk logs this
    user may see: a DfE adviser every council's, anyone else their own councils'. One query."""
    risks = Risk.objects.shown_to(access).filter(programme=programme, project__isnull=True)
    return list(risks.select_related("council", "source_document").order_by("council__name", "pk"))


def _partnership_text(council, partnerships) -> str:
    supports = [_partner_name(p.supported, p) for p in partnerships if p.supporting_id == council.pk]
    supported_by = [_partner_name(p.supporting, p) for p in partnerships if p.supported_id == council.pk]
    parts = []
    if supports:
        parts.append("Supports " + ", ".join(dict.fromkeys(supports)))
    if supported_by:
        parts.append("Supported by " + ", ".join(dict.fromkeys(supported_by)))
    return "; ".join(parts) or "None"


def _partner_name(partner, partnership) -> str:
    """The partner's name, with the year the partnership ended if it has (a party abolished ends it too)."""
    ended = partnership.ended_on
    return f"{partner.name} (to {ended.year})" if ended else partner.name
