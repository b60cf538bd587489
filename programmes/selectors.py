"""Reads for councils and programmes. Selectors never write."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
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


def council_get(*, gss_code: str, meeting_before: dt.date | None = None, select=()) -> Council:
    """The council; with `meeting_before`, its last committee meeting before that date read in the same query
    (previous_committee_date), so that a cached page costs one query before its content, and whether any
    council replaced it or was replaced by it (`has_successor_links`): most never were, and their page then
    needs no read of the successor table (programmes/continuity.py). `select`: more of its relations read in
    the same query (the council page's stored background, "stored_background")."""
    councils = Council.objects.select_related("region", *select)
    if meeting_before is None:
        return get_object_or_404(councils, gss_code=gss_code)
    links = Council.successors.through.objects
    council = get_object_or_404(
        councils.annotate(
            previous_meeting_on=Subquery(meetings_before(OuterRef("pk"), meeting_before)[:1]),
            has_successor_links=Exists(links.filter(Q(from_council=OuterRef("pk")) | Q(to_council=OuterRef("pk")))),
        ),
        gss_code=gss_code,
    )
    council.meeting_read = (meeting_before, council.previous_meeting_on)
    return council


def meetings_before(council, day):
    """The council's committee meetings before `day`, newest first (`council` may be an OuterRef)."""
    return CommitteeMeeting.objects.filter(council=council, meets_on__lt=day).order_by("-meets_on").values("meets_on")


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
    read_for, meeting = getattr(council, "meeting_read", (None, None))
    if read_for == today:  # read with the council (council_get)
        return meeting
    return meetings_before(council, today).values_list("meets_on", flat=True).first()
