from django.utils import timezone
from django.views.decorators.http import require_GET

from metrics.chart_figures import metric_chart
from pipdash.dashboards.changes import changes_by_kind, changes_since
from pipdash.dashboards.page_dates import page_dates
from pipdash.dashboards.project_selectors import project_page_get
from pipdash.dashboards.project_tables import project_page_tables
from pipdash.dashboards.summary import page_summary
from pipdash.dashboards.whole_pages import council_whole_page, keep_council_page
from pipdash.web.exports import EXPORT_PARAM, configure_tables, table_export_response
from pipdash.web.page_cache import BuiltOnFirstUse, council_fragment_parts, fragment_to_serve, render_fragment_page
from programmes.access import access_for
from projects.selectors import project_get


@require_GET
def project_detail(request, gss_code, slug):
    # Kept whole per session like the council page (its council's generations): no database read when found.
    whole = council_whole_page(request, page="project", gss_code=gss_code)
    if whole.response is not None:
        return whole.response
    today = timezone.localdate()
    project = project_get(gss_code=gss_code, slug=slug, meeting_before=today)
    access = access_for(request.user)
    dates = page_dates(request.GET, council=project.council, today=today)

    def build():
        page = project_page_get(project=project, access=access, as_at=dates.as_at)
        tables = project_page_tables(page)
        configure_tables(request, *tables.values())
        # Each figure's direction of travel was found once with the page, for every chart (metrics/chart_figures.py).
        charts = [
            metric_chart(summary, council=project.council, travels=page.travels)
            for summary in page.metrics
            if summary.figures
        ]
        summary = page_summary(project_blocks=[page], measures=page.metrics, today=page.today)
        changes = changes_by_kind(
            changes_since(project, dates.since, access, today=dates.today, as_at=dates.as_at, known=page.known())
        )
        return {"page": page, "tables": tables, "charts": charts, "summary": summary, "changes": changes}

    content = BuiltOnFirstUse(build)
    if request.GET.get(EXPORT_PARAM) and (response := table_export_response(request, *content.get("tables").values())):
        return response
    # Cached like the council page, under the council's data version, what this viewer may see and the
    # query, so each as-at date is its own fragment (pipdash/web/page_cache.py): built only when missing.
    base, version = council_fragment_parts(
        page=f"project-{project.pk}", council=project.council, access=access, query=request.GET.urlencode()
    )
    context = {"project": project, "council": project.council, "access": access, "dates": dates}
    context |= content.lazy("page", "tables", "charts", "summary", "changes")
    fragment = fragment_to_serve(request, name="project_page", base=base, version=version)
    response = render_fragment_page(request, "projects/project_detail.html", context, fragment=fragment)
    keep_council_page(whole, response, council=project.council, access=access, stale=fragment.stale)
    return response
