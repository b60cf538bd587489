"""Reads for a programme's overview, which puts the participating councils side by side.

Selectors never write. Moved out of selectors.py (the council page's) so the two pages' reads change apart.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone

from metrics.rag import AMBER, GREEN, RED
from pipdash.dashboards.programme_rags import programme_project_rags
from programmes.models import Funding, ImprovementPartnership, Participation, Programme
from projects.models import Milestone, Project, Risk


def programme_overview_rows(*, programme: Programme, access, today: dt.date | None = None, participations=None) -> list:
    """Each participating council side by side (or those of `participations` only, with council and region):
    projects by status and RAG, funding, partnerships, overdue milestones. A fixed number of queries whatever
    the number of councils or figures."""
    today = today or timezone.localdate()
    if participations is None:
        participations = list(
            Participation.objects.filter(programme=programme).select_related("council__region").order_by("council__name")
        )
    councils = [p.council for p in participations]
    council_ids = [c.pk for c in councils]
    projects = list(Project.objects.filter(workstream__programme=programme, council_id__in=council_ids))
    project_ids = {p.pk for p in projects}
    rags_by_project = programme_project_rags(access=access, councils=councils, project_ids=project_ids, today=today)
    funding = dict(
        Funding.objects.filter(programme=programme, council_id__in=council_ids)
        .values_list("council_id")
        .annotate(total=Sum("amount"))
    )
    # Only an active project's milestones can be overdue: a closed one's are "not done when it closed".
    overdue = dict(
        Milestone.objects.overdue_shown_to(access, today)
        .filter(project_id__in=project_ids, project__status=Project.Status.ACTIVE)
        .values_list("project__council_id")
        .annotate(n=Count("id"))
    )
    partnerships = list(
        ImprovementPartnership.objects.filter(Q(supporting_id__in=council_ids) | Q(supported_id__in=council_ids))
        .select_related("supporting", "supported")
        .order_by("starts_on")
    )

    projects_by_council: dict[int, list] = {}
    for project in projects:
        projects_by_council.setdefault(project.council_id, []).append(project)
    rows = []
    for participation in participations:
        council = participation.council
        own = projects_by_council.get(council.pk, [])
        # The RAG roll-up counts active projects only: a closed project's last RAG is history.
        rags = [rags_by_project.get(p.pk) for p in own if p.status == Project.Status.ACTIVE]
        rows.append(
            {
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
        )
    return rows


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
