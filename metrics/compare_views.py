"""The compare page, saving a comparison group, and the partnerships view. Every page needs sign-in."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from metrics.compare import comparison_get, own_figures_list, selected_council_ids
from metrics.compare_charts import MAX_LINES, partnership_chart, ranking_chart, trend_chart
from metrics.compare_filters import CompareForm, SaveGroupForm
from metrics.compare_tables import ComparisonTable, PartnershipTable
from metrics.exports import configure_tables, table_export_response
from programmes.models import ComparisonGroup, Council, ImprovementPartnership

logger = logging.getLogger(__name__)


@require_GET
def compare(request):
    form = CompareForm(request.GET or None, user=request.user)
    context = {"form": form, "charts": [], "comparison": None, "table": None, "line_limit": MAX_LINES}
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("add"):
            # A typed name becomes its code, so the address is the same however the council was chosen.
            return redirect(f"{reverse('compare')}?{form.query_string()}")
        data = form.cleaned_data
        council_ids = selected_council_ids(
            codes=form.chosen_codes, region=data.get("region"), programme=data.get("programme"), group=data.get("group")
        )
        if data.get("metric"):
            comparison = comparison_get(
                metric=data["metric"],
                council_ids=council_ids,
                first_year=data.get("first_year"),
                last_year=data.get("last_year"),
            )
            table = ComparisonTable(
                comparison.rows,
                comparison=comparison,
                caption=f"{comparison.metric.name}, {comparison.latest_label or 'no figures'}",
                export_key="comparison",
                export_filename=f"compare-{comparison.metric.slug}",
            )
            configure_tables(request, table)
            export = table_export_response(request, table)
            if export:
                return export
            charts = [trend_chart(comparison)] if comparison.councils or comparison.england else []
            ranking = ranking_chart(comparison)
            context.update(comparison=comparison, table=table, charts=charts + ([ranking] if ranking else []))
            context["own_figures"] = own_figures_list(official_metric=data["metric"], council_ids=council_ids)
        context["chosen"] = Council.objects.filter(pk__in=council_ids).order_by("name")
        context["named"] = Council.objects.filter(gss_code__in=form.chosen_codes).order_by("name")
        context["query"] = form.query_string()
    context["council_names"] = sorted(
        set(Council.objects.filter(operational_to__isnull=True).values_list("name", flat=True))
    )
    return render(request, "metrics/compare/compare.html", context)


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
    messages.success(request, f"Saved your group ‘{group.name}’ of {len(form.cleaned_data['council'])} councils.")
    return redirect(f"{reverse('compare')}?group={group.slug}")


@transaction.atomic
def comparison_group_save(*, user, name: str, councils) -> ComparisonGroup:
    """A user's own named set of councils, seen only by that user."""
    slug = f"{slugify(name)[:150] or 'group'}-{secrets.token_hex(4)}"
    group = ComparisonGroup(name=name, slug=slug, kind=ComparisonGroup.Kind.SAVED, owner=user)
    group.full_clean()
    group.save()
    group.councils.set(councils)
    logger.info("User %s saved comparison group %s", user.pk, slug)
    return group


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
