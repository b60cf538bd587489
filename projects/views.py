from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from metrics.charts import metric_chart
from metrics.exports import EXPORT_PARAM, configure_tables, table_export_response
from metrics.tables import project_page_tables
from programmes.access import access_for
from programmes.page_cache import PAGE_CACHE_SECONDS, page_cache_key
from projects.selectors import project_get, project_page_get


@require_GET
def project_detail(request, gss_code, slug):
    project = project_get(gss_code=gss_code, slug=slug)
    access = access_for(request.user)
    built = {}

    def build():
        if not built:
            page = project_page_get(project=project, access=access)
            tables = project_page_tables(page)
            configure_tables(request, *tables.values())
            charts = [metric_chart(summary, council=project.council) for summary in page.metrics if summary.figures]
            built.update(page=page, tables=tables, charts=charts)
        return built

    if request.GET.get(EXPORT_PARAM) and (response := table_export_response(request, *build()["tables"].values())):
        return response
    # Cached like the council page, under the council's data version and what this viewer may see
    # (programmes/page_cache.py): built only when the cached fragment is missing.
    context = {
        "project": project,
        "council": project.council,
        "access": access,
        "page": SimpleLazyObject(lambda: build()["page"]),
        "tables": SimpleLazyObject(lambda: build()["tables"]),
        "charts": SimpleLazyObject(lambda: build()["charts"]),
        "page_cache_key": page_cache_key(
            page=f"project-{project.pk}", council=project.council, access=access, query=request.GET.urlencode()
        ),
        "page_cache_seconds": PAGE_CACHE_SECONDS,
    }
    return render(request, "projects/project_detail.html", context)
