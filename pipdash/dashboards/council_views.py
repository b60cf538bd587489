from django.utils import timezone
from django.views.decorators.http import require_GET

from metrics.chart_figures import metric_chart
from pipdash.dashboards.changes import Known, changes_by_kind, changes_since
from pipdash.dashboards.page_dates import page_dates
from pipdash.dashboards.programme_rows import programme_parts
from pipdash.dashboards.programme_selectors import programme_risk_list
from pipdash.dashboards.programme_summary import merge
from pipdash.dashboards.selectors import FALLBACK_CHARTS, council_page_get
from pipdash.dashboards.summary import page_summary
from pipdash.dashboards.tables import ProgrammeCouncilTable, ProgrammeRiskTable, council_page_tables
from pipdash.dashboards.whole_pages import council_whole_page, keep_council_page
from pipdash.web.exports import EXPORT_PARAM, configure_tables, table_export_response
from pipdash.web.page_cache import (
    BuiltOnFirstUse,
    council_fragment_parts,
    fragment_to_serve,
    render_fragment_page,
    shared_fragment_parts,
)
from pipdash.web.table_rows import direct_rows
from programmes.access import access_for
from programmes.data_versions import councils_version_for
from programmes.selectors import council_get, councils_taking_part, programme_get


@require_GET
def council_detail(request, gss_code):
    # The whole page as this session last had it, when nothing on it has changed since: no database read.
    whole = council_whole_page(request, page="council", gss_code=gss_code)
    if whole.response is not None:
        return whole.response
    today = timezone.localdate()
    council = council_get(gss_code=gss_code, meeting_before=today, select=("stored_background",))
    access = access_for(request.user)
    dates = page_dates(request.GET, council=council, today=today)

    def build():
        # Today's page reads "changes since"'s touched measures' readings with its own (one query, not two).
        since = None if dates.as_at else dates.since
        page = council_page_get(council=council, access=access, as_at=dates.as_at, changes_since=since)
        # Each cell made in one step (pipdash/web/table_rows.py); a model's row falls back to django-tables2 by itself.
        tables = {name: direct_rows(table) for name, table in council_page_tables(page).items()}
        configure_tables(request, *tables.values())
        blocks = [project for block in page.workstreams for project in block.projects]
        measures = page.council_metrics + _all_metrics(page)
        # Today's page has fetched the projects, milestones, updates, measures and benchmarks that "changes
        # since" compares: reused, not asked again (a page as at a date holds them as they stood then).
        projects = [b.project for b in blocks]
        known = (
            None
            if dates.as_at
            else Known(projects=projects, summaries=measures, risks=page.risks, readings=page.touched_readings)
        )
        changes = changes_since(council, dates.since, access, today=dates.today, as_at=dates.as_at, known=known)
        return {
            "page": page,
            "tables": tables,
            "charts": _charts(page, council),
            "summary": page_summary(project_blocks=blocks, measures=measures, today=dates.as_at or dates.today),
            "changes": changes_by_kind(changes),
        }

    content = BuiltOnFirstUse(build)
    if request.GET.get(EXPORT_PARAM) and (response := table_export_response(request, *content.get("tables").values())):
        return response
    # The content is cached under the council's data version (pipdash/web/page_cache.py), so these are
    # built only when the cached fragment is missing: lazily, on the template's first use.
    base, version = council_fragment_parts(
        page="council", council=council, access=access, query=request.GET.urlencode()
    )
    context = {
        "council": council,
        "access": access,
        "dates": dates,
        **content.lazy("page", "tables", "charts", "summary", "changes"),
    }
    fragment = fragment_to_serve(request, name="council_page", base=base, version=version)
    response = render_fragment_page(request, "programmes/council_detail.html", context, fragment=fragment)
    keep_council_page(whole, response, council=council, access=access, stale=fragment.stale)
    return response


def _charts(page, council) -> list:
    # Key metrics are charted; a council that has not chosen any gets its first few measures with figures.
    charted = page.key_metrics or [s for s in page.council_metrics + _all_metrics(page) if s.actuals][:FALLBACK_CHARTS]
    council.lineage = page.lineage  # the chart tables name the earlier code of figures from before the council began
    return [metric_chart(summary, council=council) for summary in charted]


def _all_metrics(page):
    return [summary for block in page.workstreams for project in block.projects for summary in project.metrics]


# The overview's columns of background (funding and partnerships), shown after the progress ones.
BACKGROUND_COLUMNS = ("funding", "partnerships")
PROGRESS_COLUMNS = ("projects", "active", "finished", "green", "amber", "red", "no_rag", "overdue")


@require_GET
def programme_detail(request, slug):
    programme = programme_get(slug=slug)
    access = access_for(request.user)
    today = timezone.localdate()

    def build():
        # Each council's row and its part of the summary, stored together per council and remade only for a
        # council whose stored one is out of date for this viewer (programme_rows.py).
        parts = programme_parts(programme=programme, access=access, today=today)
        rows = [row for row, _ in parts]
        # Progress first, background after (issue 14): one table of the councils' projects and RAGs, one of
        # their funding and partnerships; each sorts and downloads on its own.
        table = ProgrammeCouncilTable(
            rows,
            caption="Councils taking part",
            export_key="councils",
            export_filename=f"{programme.slug}-councils",
            exclude=BACKGROUND_COLUMNS,
        )
        background_table = ProgrammeCouncilTable(
            rows,
            caption="Funding and partnerships",
            export_key="funding",
            export_filename=f"{programme.slug}-funding-and-partnerships",
            exclude=PROGRESS_COLUMNS,
        )
        risks = programme_risk_list(programme=programme, access=access)
        risk_table = ProgrammeRiskTable(
            risks,
            caption="Risks to the programme",
            export_key="risks",
            export_filename=f"{programme.slug}-risks",
        )
        configure_tables(request, table, background_table, risk_table)
        shown_risks = risk_table if risks else None
        return {
            "rows": rows,
            "parts": [part for _, part in parts],
            "table": table,
            "background_table": background_table,
            "risk_table": shown_risks,
        }

    def build_summary():
        # The councils' parts added up: only when the page is rendered, not for a download.
        return {"summary": merge(content.get("parts"), today=today)}

    content = BuiltOnFirstUse(build)
    summary = BuiltOnFirstUse(build_summary)
    shown = ("table", "background_table", "risk_table")
    if request.GET.get(EXPORT_PARAM) and (
        response := table_export_response(request, *(t for t in map(content.get, shown) if t))
    ):
        return response
    # The overview is cached under its councils' data versions as this viewer sees them (drafts or not) and the
    # day (any of their writes may change a RAG or a total), the drafts and the risk logs this viewer may see;
    # a rebuild composes it from per-council rows stored under each council's own version (programme_rows.py),
    # so one write rebuilds one row.
    drafts = ",".join(str(pk) for pk in sorted(access.draft_council_ids))
    risks = "all" if access.is_adviser else ",".join(str(pk) for pk in access.home_council_ids)
    base, version = shared_fragment_parts(
        page=f"programme-{programme.pk}",
        version=f"{councils_version_for(access, councils_taking_part(programme))}:{today}",
        query=request.GET.urlencode(),
        depends_on=f"drafts:{drafts}|risks:{risks}",
    )
    context = {"programme": programme, **content.lazy("rows", *shown), **summary.lazy("summary")}
    fragment = fragment_to_serve(request, name="programme_overview", base=base, version=version)
    return render_fragment_page(request, "programmes/programme_detail.html", context, fragment=fragment)
