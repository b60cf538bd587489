"""Reads for projects. Selectors never write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from programmes.access import access_for
from projects.models import Project


def project_get(*, gss_code: str, slug: str) -> Project:
    """A project with its council, workstream and programme, or 404. One query: the page's cached
    content needs no more (project_page_get fetches the rest when the page is built)."""
    queryset = Project.objects.select_related("council__region", "workstream__programme", "source_document")
    return get_object_or_404(queryset, council__gss_code=gss_code, slug=slug)


def project_for_editor(request, gss_code, slug) -> Project:
    """A project its council's programme managers may change: 404 if there is none, 403 for anyone else."""
    project = get_object_or_404(Project.objects.select_related("council"), council__gss_code=gss_code, slug=slug)
    if not access_for(request.user).can_edit(project.council):
        raise PermissionDenied
    return project
