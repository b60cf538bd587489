"""One chart's data as CSV: exactly the points the chart draws, visible to the user."""

import csv
import io

from django.urls import reverse

from tests.conftest import client_for


def chart_url(council, metric):
    return reverse("chart-csv", kwargs={"gss_code": council.gss_code, "metric_slug": metric.slug})


def test_the_csv_is_exactly_the_charts_rows(scrutiny, council, lincs_data):
    project = lincs_data[1][0]
    metric = project.metrics.get()
    page = client_for(scrutiny).get(project.get_absolute_url())
    (chart,) = page.context["charts"]
    assert chart.csv_url == chart_url(council, metric)
    response = client_for(scrutiny).get(chart.csv_url)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "series", "date", "value", "unit", "status", "qualifier", "missing_reason",
        "previous_value", "change", "direction",
    ]  # fmt: skip
    assert [tuple(r[:3]) for r in rows[1:]] == [
        (r.series, r.on.isoformat(), f"{r.value.normalize():f}") for r in chart.rows
    ]
    drawn = sum(len(trace["x"]) for trace in chart.figure["data"])
    assert drawn == len(rows) - 1


def test_a_draft_point_is_in_the_managers_chart_data_only(manager, scrutiny, council, lincs_data):
    metric = lincs_data[1][0].metrics.get()
    as_manager = client_for(manager).get(chart_url(council, metric)).content.decode()
    as_scrutiny = client_for(scrutiny).get(chart_url(council, metric)).content.decode()
    assert "Actual,2018-07-20,155,count,Draft" in as_manager
    assert "155" not in as_scrutiny


def test_no_visible_figures_is_404(scrutiny, other_council, council, lincs_data):
    metric = lincs_data[1][0].metrics.get()
    assert client_for(scrutiny).get(chart_url(other_council, metric)).status_code == 404
    assert client_for(scrutiny).get(f"/councils/{council.gss_code}/charts/nothing.csv").status_code == 404
    assert client_for(scrutiny).post(chart_url(council, metric)).status_code == 405
    assert client_for(None).get(chart_url(council, metric)).status_code == 302
