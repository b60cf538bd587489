from django.shortcuts import render
from django.views.decorators.http import require_GET

from metrics.charts import metric_chart
from metrics.exports import configure_tables, table_export_response
from metrics.tables import ProgrammeCouncilTable, council_page_tables
from programmes.access import access_for
from programmes.selectors import council_get, council_page_get, programme_get, programme_overview_rows

MAX_FALLBACK_CHARTS = 6


@require_GET
def council_detail(request, gss_code):
    council = council_get(gss_code=gss_code)
    access = access_for(request.user)
    page = council_page_get(council=council, access=access)
    tables = council_page_tables(page)
    configure_tables(request, *tables.values())
    if response := table_export_response(request, *tables.values()):
        return response
    # Key metrics are charted; a council that has not chosen any gets its first few measures with figures.
    charted = (
        page.key_metrics or [s for s in page.council_metrics + _all_metrics(page) if s.actuals][:MAX_FALLBACK_CHARTS]
    )
    charts = [metric_chart(summary, council=council) for summary in charted]
    context = {"council": council, "page": page, "tables": tables, "charts": charts, "access": access}
    return render(request, "programmes/council_detail.html", context)


def _all_metrics(page):
    return [summary for block in page.workstreams for project in block.projects for summary in project.metrics]


@require_GET
def programme_detail(request, slug):
    programme = programme_get(slug=slug)
    rows = programme_overview_rows(programme=programme, access=access_for(request.user))
    table = ProgrammeCouncilTable(
        rows, caption="Councils taking part", export_key="councils", export_filename=f"{programme.slug}-councils"
    )
    configure_tables(request, table)
    if response := table_export_response(request, table):
        return response
    return render(request, "programmes/programme_detail.html", {"programme": programme, "table": table, "rows": rows})
