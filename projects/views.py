from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from projects.models import Project


@require_GET
def project_detail(request, gss_code, slug):
    project = get_object_or_404(
        Project.objects.select_related("council", "workstream"), council__gss_code=gss_code, slug=slug
    )
    return render(request, "projects/project_detail.html", {"project": project, "council": project.council})
