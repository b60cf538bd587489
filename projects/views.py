from django.shortcuts import render
from django.views.decorators.http import require_GET

from metrics.charts import metric_chart
from metrics.exports import configure_tables, table_export_response
from metrics.tables import project_page_tables
from programmes.access import access_for
from projects.selectors import project_get, project_page_get


@require_GET
def project_detail(request, gss_code, slug):
    project = project_get(gss_code=gss_code, slug=slug)
    access = access_for(request.user)
    page = project_page_get(project=project, access=access)
    tables = project_page_tables(page)
    configure_tables(request, *tables.values())
    if response := table_export_response(request, *tables.values()):
        return response
    charts = [metric_chart(summary, council=project.council) for summary in page.metrics if summary.figures]
    context = {
        "project": project,
        "council": project.council,
        "page": page,
        "tables": tables,
        "charts": charts,
        "access": access,
    }
    return render(request, "projects/project_detail.html", context)
