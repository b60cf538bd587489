"""A project's History page: every change to its figures, milestones, updates and risks, newest first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pipdash.dashboards.history import project_history
from programmes.access import access_for
from projects.models import Project


@require_GET
def project_history_view(request, gss_code, slug):
    project = get_object_or_404(Project.objects.select_related("council"), council__gss_code=gss_code, slug=slug)
    access = access_for(request.user)
    # History shows drafts' values and risks, so only those who see both may read it.
    if not (access.can_see_drafts(project.council) or access.is_admin):
        raise PermissionDenied
    return render(
        request,
        "projects/entry/history.html",
        {
            "project": project,
            "council": project.council,
            "changes": project_history(project),
        },
    )
