"""Reads for projects. Selectors never write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404

from programmes.access import access_for
from programmes.selectors import meetings_before
from projects.models import Project


def project_get(*, gss_code: str, slug: str, meeting_before=None) -> Project:
    """A project with its council, workstream and programme, or 404. One query: the page's cached
    content needs no more (project_page_get fetches the rest when the page is built); with `meeting_before`,
    the council's last committee meeting before that date is read in it too (previous_committee_date)."""
    queryset = Project.objects.select_related("council__region", "workstream__programme", "source_document")
    if meeting_before is None:
        return get_object_or_404(queryset, council__gss_code=gss_code, slug=slug)
    meeting = Subquery(meetings_before(OuterRef("council_id"), meeting_before)[:1])
    project = get_object_or_404(queryset.annotate(previous_meeting_on=meeting), council__gss_code=gss_code, slug=slug)
    project.council.meeting_read = (meeting_before, project.previous_meeting_on)
    return project


def project_for_editor(request, gss_code, slug) -> Project:
    """A project its council's programme managers may change: 404 if there is none, 403 for anyone else."""
    project = get_object_or_404(Project.objects.select_related("council"), council__gss_code=gss_code, slug=slug)
    if not access_for(request.user).can_edit(project.council):
        raise PermissionDenied
    return project
