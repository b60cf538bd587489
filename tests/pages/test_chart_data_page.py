"""A long series' data table is on the chart's own page, linked from the chart; a short one sits beside it."""

import re

import pytest
from django.urls import reverse

from metrics.charts import INLINE_TABLE_ROWS
from metrics.models import Metric
from tests.conftest import client_for
from tests.pages.conftest import build_programme_data


def data_url(council, metric):
    return reverse("chart-data", kwargs={"gss_code": council.gss_code, "metric_slug": metric.slug})


def table_rows(html: str) -> int:
    return len(re.findall(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">', html))


@pytest.fixture
def long_series(council):
    """A key measure with 60 quarterly figures, a baseline, a target and a benchmark: 63 rows."""
    build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=60)
    return Metric.objects.get(council=council, is_key=True)


def test_a_short_series_keeps_its_table_beside_the_chart(scrutiny, council):
    build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=4)
    page = client_for(scrutiny).get(council.get_absolute_url())
    (chart,) = page.context["charts"]
    html = page.content.decode()
    assert chart.table_fits_beside
    assert "Show the data<span" in html and chart.data_url not in html


def test_a_long_series_links_to_its_table_instead(scrutiny, council, long_series):
    page = client_for(scrutiny).get(council.get_absolute_url())
    (chart,) = page.context["charts"]
    html = page.content.decode()
    assert len(chart.rows) == 63 > INLINE_TABLE_ROWS
    assert f'href="{data_url(council, long_series)}">Show the data: all 63 figures in a table' in html
    assert table_rows(html) < 63  # the measures' own tables only


def test_the_charts_page_shows_every_figure_open(scrutiny, council, long_series, django_assert_max_num_queries):
    client = client_for(scrutiny)
    with django_assert_max_num_queries(10):
        response = client.get(data_url(council, long_series))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1 class=\"govuk-heading-xl\">{long_series.name}</h1>" in html
    assert '<details class="govuk-details" open>' in html
    assert table_rows(html) == 63
    assert response.context["chart"].csv_url in html


def test_the_charts_page_follows_who_may_see_what(scrutiny, council, other_council, long_series):
    assert client_for(None).get(data_url(council, long_series)).status_code == 302
    assert client_for(scrutiny).post(data_url(council, long_series)).status_code == 405
    assert client_for(scrutiny).get(data_url(other_council, long_series)).status_code == 404
    assert client_for(scrutiny).get(f"/councils/{council.gss_code}/charts/nothing/").status_code == 404
