"""Measure the read paths the pages use now against the ones proposed in results/ANALYSIS.md.

    .venv/bin/python benchmarks/proposals.py --size full [--council E10000019]

Read-only: it runs queries and times how long fetching and building objects takes, without
changing any page. Each figure is the median of --repeats runs, with the rows fetched.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import DEFAULT_DATABASES, production_env  # noqa: E402


def timed(function, repeats: int) -> tuple[float, int]:
    timings, rows = [], 0
    for _ in range(repeats):
        began = time.perf_counter()
        rows = function()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings), rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["demo", "full"], default="full")
    parser.add_argument("--database-url")
    parser.add_argument("--council", default="E10000019")
    parser.add_argument("--user", default="lincs-manager")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.update(production_env(args.database_url or DEFAULT_DATABASES[args.size]))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count, F, Q, Window
    from django.db.models.functions import RowNumber

    from metrics.charts import chart_rows, figure_dict, metric_chart
    from metrics.compare.own_figures import official_beside_own
    from metrics.models import Reading
    from metrics.selectors import council_metric_summaries, figures_from, visible_readings
    from programmes.access import access_for
    from programmes.models import Council, Programme
    from projects.models import Project

    council = Council.objects.get(gss_code=args.council)
    access = access_for(get_user_model().objects.get(username=args.user))
    base = visible_readings(access=access, councils=[council])
    key_ids = list(base.filter(metric__is_key=True).values_list("metric_id", flat=True).distinct())

    def current_council_figures():
        return len(figures_from(base.all(), access=access))

    def proposed_council_figures():
        # What the page shows: the two newest actuals of each metric (its RAG compares them), its
        # targets and baselines, and the whole series only for the charted key metrics.
        recent = (
            base.filter(kind=Reading.Kind.ACTUAL)
            .exclude(metric_id__in=key_ids)
            .annotate(newest=Window(RowNumber(), partition_by=[F("metric_id")], order_by=F("period_end").desc()))
            .filter(newest__lte=2)
        )
        plans = base.filter(kind__in=[Reading.Kind.TARGET, Reading.Kind.BASELINE]).exclude(metric_id__in=key_ids)
        charted = base.filter(metric_id__in=key_ids)
        return sum(len(figures_from(q, access=access)) for q in (recent, plans, charted))

    def proposed_slim_columns():
        slim = base.defer(
            "source_quote",
            "note",
            "explanation",
            "returned_reason",
            "metric__definition",
            "source_document__title",
            "source_document__url",
            "project__aim",
            "project__workstream__description",
        )
        return len(figures_from(slim, access=access))

    def current_official_beside_own():
        return len(official_beside_own(council=council))

    def summaries_and_charts():
        summaries, _ = council_metric_summaries(access=access, council=council)
        key = [s for s in summaries if s.metric.is_key]
        began = time.perf_counter()
        for summary in key:
            metric_chart(summary, council=council)
        summaries_and_charts.chart_ms = (time.perf_counter() - began) * 1000
        summaries_and_charts.charts = len(key)
        return len(summaries)

    print(f"{args.size}: council {council.name}, user {args.user}, load {os.getloadavg()}")
    for label, function in [
        ("council page figures, now (all history)", current_council_figures),
        ("council page figures, proposed (recent + plans + key series)", proposed_council_figures),
        ("council page figures, now but deferring long text columns", proposed_slim_columns),
        ("official beside own (council page tag), now", current_official_beside_own),
        ("council summaries (now) and key charts", summaries_and_charts),
    ]:
        median, rows = timed(function, args.repeats)
        print(f"  {label:<66} {median:8.1f} ms  {rows:>7,} rows")
    print(
        f"  plotly figures for {summaries_and_charts.charts} key metrics: {summaries_and_charts.chart_ms:.0f} ms "
        f"({summaries_and_charts.chart_ms / max(1, summaries_and_charts.charts):.0f} ms each)"
    )

    summaries, _ = council_metric_summaries(access=access, council=council)
    charted = next((s for s in summaries if s.metric.is_key and s.actuals), None)
    if charted is not None:
        rows = chart_rows(charted)
        built = figure_dict(charted.metric, rows)
        plotly_ms, _ = timed(lambda: len(figure_dict(charted.metric, rows)), args.repeats)
        plain_ms, _ = timed(lambda: len(json.loads(json.dumps(built))), args.repeats)
        print(
            f"  one chart ({len(rows)} points): plotly graph_objs {plotly_ms:.1f} ms; the same dict as plain data "
            f"(JSON round trip, the floor of building it by hand) {plain_ms:.2f} ms"
        )

    programme = Programme.objects.annotate(n=Count("participations")).order_by("-n", "pk").first()
    projects = Project.objects.filter(workstream__programme=programme)
    loaded = Reading.objects.filter(Q(project__in=projects) | Q(metric__project__in=projects)).count()
    print(
        f"  programme overview of {programme} ({programme.n} councils) loads every figure of its projects: "
        f"{loaded:,} readings"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
