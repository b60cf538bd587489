"""A project's History page: every change to it and what belongs to it, newest first, a page at a time."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pipdash.dashboards.history import project_history_page
from programmes.access import access_for
from projects.models import Project


@require_GET
def project_history_view(request, gss_code, slug):
    project = get_object_or_404(Project.objects.select_related("council"), council__gss_code=gss_code, slug=slug)
    access = access_for(request.user)
    # History shows drafts' values and risks, so only those who see both may read it.
    if not (access.can_see_drafts(project.council) or access.is_admin):
        raise PermissionDenied
    page = project_history_page(project, request.GET.get("page"))
    return render(
        request,
        "projects/entry/history.html",
        {"project": project, "council": project.council, "page": page, "changes": page.object_list},
    )
