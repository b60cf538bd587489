"""Reads for councils and programmes. Selectors never write."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from programmes.models import CommitteeMeeting, Council, Participation, Programme


def participating_council_list():
    """Councils that take part in at least one programme, with their programmes and project counts."""
    return (
        Council.objects.filter(participations__isnull=False)
        .distinct()
        .select_related("region")
        .annotate(project_count=Count("projects", distinct=True))
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("programme").order_by("programme__name"),
            )
        )
        .order_by("name")
    )


def council_get(*, gss_code: str) -> Council:
    return get_object_or_404(Council.objects.select_related("region"), gss_code=gss_code)


def programme_get(*, slug: str) -> Programme:
    return get_object_or_404(Programme.objects.select_related("owner"), slug=slug)


def councils_taking_part(programme):
    """The councils in a programme, each once."""
    return Council.objects.filter(pk__in=Participation.objects.filter(programme=programme).values("council_id"))


def council_search(*, text: str, limit: int = 20):
    return Council.objects.filter(Q(name__icontains=text) | Q(gss_code__iexact=text) | Q(dfe_number=text)).order_by(
        "operational_to", "name"
    )[:limit]


def previous_committee_date(council: Council, today):
    """The date of the council's last committee meeting before today, or None if none is recorded."""
    return (
        CommitteeMeeting.objects.filter(council=council, meets_on__lt=today)
        .order_by("-meets_on")
        .values_list("meets_on", flat=True)
        .first()
    )
