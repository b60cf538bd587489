from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from metrics.charts import metric_chart
from metrics.models import Metric
from metrics.selectors import benchmark_list, figures_from, iter_figures, metric_summary_list, visible_readings
from pipdash.dashboards.downloads import chart_csv_response, figures_csv_response
from programmes.access import access_for
from programmes.selectors import council_get


@require_GET
def figures_csv(request, gss_code):
    """Every figure of the council that this user may see, one row per reading."""
    council = council_get(gss_code=gss_code)
    access = access_for(request.user)
    readings = visible_readings(access=access, councils=[council]).order_by(
        "metric__name", "metric_id", "period_end", "kind"
    )
    return figures_csv_response(iter_figures(readings, access=access), council=council)


def _council_chart(request, gss_code, metric_slug):
    """One measure's chart for a council, from the figures this user may see; 404 when there are none."""
    council = council_get(gss_code=gss_code)
    metric = get_object_or_404(Metric, slug=metric_slug)
    access = access_for(request.user)
    figures = figures_from(visible_readings(access=access, councils=[council]).filter(metric=metric), access=access)
    if not figures:
        raise Http404("No figures of this measure for this council")
    benchmarks = benchmark_list(metric_ids=[metric.pk], region_ids=[council.region_id])
    (summary,) = metric_summary_list(figures=figures, benchmarks=benchmarks)
    return council, metric_chart(summary, council=council)


@require_GET
def chart_csv(request, gss_code, metric_slug):
    """Exactly the data of one chart: the same rows the chart and its "Show the data" table draw."""
    council, chart = _council_chart(request, gss_code, metric_slug)
    return chart_csv_response(chart, council=council)


@require_GET
def chart_data(request, gss_code, metric_slug):
    """One chart with all its data in a table: where a long series' "Show the data" link leads."""
    council, chart = _council_chart(request, gss_code, metric_slug)
    return render(request, "metrics/chart_data.html", {"council": council, "chart": chart, "charts": [chart]})
