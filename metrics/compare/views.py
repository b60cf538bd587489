"""The compare page, saving a comparison group, and the partnerships view. Every page needs sign-in."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.contrib import messages
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from metrics.compare.charts import MAX_LINES, partnership_chart, ranking_chart, trend_chart, trend_lines
from metrics.compare.forms import CompareForm, SaveGroupForm
from metrics.compare.own_figures import OWN_FIGURES_LIMIT, own_figures_list
from metrics.compare.selectors import (
    comparison_get,
    council_directory,
    neighbours_chosen,
    neighbours_median_add,
    selected_councils,
)
from metrics.compare.services import comparison_group_save
from metrics.compare.tables import ComparisonTable, PartnershipTable, TrendTable
from pipdash.web.exports import EXPORT_PARAM, configure_tables, table_export_response
from pipdash.web.page_cache import PAGE_CACHE_SECONDS, BuiltOnFirstUse, fragment_to_serve, shared_fragment_parts
from programmes.models import Council, ImprovementPartnership


@require_GET
def compare(request):
    form = CompareForm(request.GET or None, user=request.user)
    council_names, data_version = council_directory()
    context = {
        "form": form,
        "charts": [],
        "comparison": None,
        "table": None,
        "line_limit": MAX_LINES,
        "own_limit": OWN_FIGURES_LIMIT,
    }
    if form.is_bound and not form.is_valid():
        # A mistyped name must not drop the councils already chosen: they stay ticked beside the error.
        context["named"] = form.valid_chosen_councils()
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("add"):
            # A typed name becomes its code, so the address is the same however the council was chosen.
            return redirect(f"{reverse('compare')}?{form.query_string()}")
        councils = _councils(form)
        if metric := form.cleaned_data.get("metric"):
            if request.GET.get(EXPORT_PARAM):
                results = _results(request, form, councils)
                if isinstance(results, HttpResponse):
                    return results  # the table as CSV or XLSX
            context.update(_cached_results(request, form, councils, metric, data_version))
        named = set(form.chosen_codes)
        context["chosen"] = councils
        context["named"] = [c for c in councils if {c.gss_code, getattr(c.chosen_as, "gss_code", None)} & named]
        context["query"] = form.query_string()
    context["council_names"] = council_names
    response = render(request, "metrics/compare/compare.html", context)
    if fragment := context.get("results_fragment"):
        fragment.built()
    return response


def _councils(form) -> list[Council]:
    data = form.cleaned_data
    return selected_councils(
        codes=form.chosen_codes,
        region=data.get("region"),
        programme=data.get("programme"),
        group=data.get("group"),
        ofsted=data.get("ofsted") or "",
    )


def _cached_results(request, form, councils, metric, data_version: int) -> dict:
    """The comparison for the template, built only if its cached fragment is missing (lazily, on first use).

    Every viewer sees the same published figures, so one fragment serves all; its key names the version of
    the measure's data (which a write to its figures raises: metrics/data_versions.py), the address and the
    councils chosen; while it is rebuilt after a write, other readers are served the previous one (page_cache.py).
    """
    content = BuiltOnFirstUse(lambda: _results(request, form, councils))
    base, version = shared_fragment_parts(
        page="compare",
        version=f"{metric.data_version}:{data_version}",
        query=request.GET.urlencode(),
        depends_on=",".join(str(c.pk) for c in councils),
    )
    fragment = fragment_to_serve(request, name="compare_results", base=base, version=version)
    return {
        "metric": metric,
        **content.lazy("comparison", "table", "charts", "own_figures"),
        "results_fragment": fragment,
        "results_cache_key": fragment.key,
        "page_cache_seconds": PAGE_CACHE_SECONDS,
    }


def _results(request, form, councils) -> dict | HttpResponse:
    """The comparison, its charts and table; or the table's download when one was asked for."""
    data = form.cleaned_data
    neighbours = neighbours_chosen(data.get("group"), councils)
    comparison = comparison_get(
        metric=data["metric"],
        councils=councils,
        first_year=data.get("first_year"),
        last_year=data.get("last_year"),
        # Only these councils' whole series are drawn: the trend chart's lines and the neighbours' median.
        series_for={c.pk for c in councils[:MAX_LINES]} | {c.pk for c in neighbours},
    )
    neighbours_median_add(comparison, data.get("group"), neighbours)
    table = ComparisonTable(
        comparison.rows,
        comparison=comparison,
        caption=f"{comparison.metric.name}, {comparison.latest_label or 'no figures'}",
        export_key="comparison",
        export_filename=f"compare-{comparison.metric.slug}",
    )
    charts = []
    tables = [table]
    if comparison.councils or comparison.england:
        lines = trend_lines(comparison)
        trend_table = TrendTable(
            lines,
            comparison=comparison,
            caption=f"{comparison.metric.name} over time: the figures drawn",
            export_key="trend",
            export_filename=f"compare-{comparison.metric.slug}-over-time",
        )
        charts.append(replace(trend_chart(comparison, lines), table=trend_table))
        tables.append(trend_table)
    configure_tables(request, *tables)
    export = table_export_response(request, *tables)
    if export:
        return export
    ranking = ranking_chart(comparison)
    return {
        "comparison": comparison,
        "table": table,
        "charts": charts + ([ranking] if ranking else []),
        "own_figures": own_figures_list(official_metric=data["metric"], council_ids=[c.pk for c in councils]),
    }


# What chooses the councils: a saved group replaces them all.
SELECTION_PARAMS = {"council", "add", "region", "programme", "group", "ofsted"}


@require_POST
def save_group(request):
    form = SaveGroupForm(request.POST)
    back = request.POST.get("next", "")
    if not back.startswith("/compare/"):
        back = reverse("compare")
    if not form.is_valid():
        messages.error(request, "Give the group a name and choose at least one council to save it.")
        return redirect(back)
    group = comparison_group_save(
        user=request.user, name=form.cleaned_data["name"], councils=form.cleaned_data["council"]
    )
    count = len(form.cleaned_data["council"])
    messages.success(request, f"Saved your group ‘{group.name}’ of {count} council{'s' if count != 1 else ''}.")
    # The comparison carries on (measure, years) with the new group in place of the councils it names.
    return redirect(f"{reverse('compare')}?{with_group(back, group.slug)}")


def with_group(address: str, slug: str) -> str:
    kept = [(k, v) for k, v in parse_qsl(urlsplit(address).query) if k not in SELECTION_PARAMS]
    return urlencode([*kept, ("group", slug)])


@require_GET
def partnerships(request):
    rows = ImprovementPartnership.objects.select_related(
        "supporting", "supported", "programme", "source_document"
    ).order_by(F("starts_on").asc(nulls_last=True), "supporting__name", "supported__name")
    table = PartnershipTable(rows, caption="Improvement partnerships", export_key="partnerships")
    configure_tables(request, table)
    export = table_export_response(request, table)
    if export:
        return export
    items = list(rows)
    chart = partnership_chart(items, today=dt.date.today())
    return render(
        request,
        "metrics/compare/partnerships.html",
        {
            "table": table,
            "chart": chart,
            "charts": [chart] if chart else [],
            "undated": sum(1 for p in items if not p.starts_on),
        },
    )
