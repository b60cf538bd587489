"""A measure with one figure is its number and sentence, not a chart of one point with a table of one row."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.charts import metric_chart
from metrics.models import Metric, Reading
from metrics.selectors import Figure, metric_summary_list
from metrics.units import Direction, MeasureKind, Unit
from tests.conftest import client_for
from tests.factories import BenchmarkFactory, MetricFactory
from tests.pages.conftest import build_programme_data
from tests.pages.test_council_detail import QUERY_BOUND as COUNCIL_QUERIES
from tests.pages.test_project_detail import QUERY_BOUND as PROJECT_QUERIES


def figure(metric, kind, value, on, qualifier=""):
    reading = Reading(metric=metric, kind=kind, value=Decimal(value), period_end=on, qualifier=qualifier)
    return Figure(reading, Decimal(value), Reading.Status.APPROVED)


def chart_of(council, metric, figures, benchmarks=()):
    (summary,) = metric_summary_list(figures=figures, benchmarks=list(benchmarks), today=dt.date(2018, 8, 1))
    return metric_chart(summary, council=council)


@pytest.fixture
def placements(db):
    return MetricFactory(name="Children placed with in-house carers", unit=Unit.COUNT, direction=Direction.HIGHER)


def test_one_figure_is_a_headline_with_its_stated_value_and_rag_sentence(council, placements):
    figures = [
        figure(placements, Reading.Kind.ACTUAL, "50", dt.date(2018, 7, 20), qualifier="over"),
        figure(placements, Reading.Kind.TARGET, "40", dt.date(2019, 3, 31)),
    ]
    chart = chart_of(council, placements, figures)
    assert chart.is_headline
    assert chart.headline.display_value == "over 50"
    assert chart.headline.when == "as at 20 July 2018"
    assert chart.rag.status == "green"
    assert chart.headline_comparisons == []  # the sentence has said the target


def test_two_figures_are_a_chart(council, placements):
    figures = [
        figure(placements, Reading.Kind.ACTUAL, "30", dt.date(2018, 4, 1)),
        figure(placements, Reading.Kind.ACTUAL, "50", dt.date(2018, 7, 20)),
    ]
    assert not chart_of(council, placements, figures).is_headline


def test_a_measure_where_neither_direction_is_better_lists_its_benchmarks_beside_the_figure(council):
    metric = MetricFactory(unit=Unit.NUMBER, direction=Direction.NEITHER, kind=MeasureKind.RATE)
    figures = [figure(metric, Reading.Kind.ACTUAL, "61.5", dt.date(2018, 3, 31))]
    benchmark = BenchmarkFactory(metric=metric, value=Decimal("65"), period_end=dt.date(2018, 3, 31))
    chart = chart_of(council, metric, figures, [benchmark])
    assert chart.is_headline
    assert [(row.series, row.display_value) for row in chart.headline_comparisons] == [("England average", "65")]


@pytest.fixture
def one_figure(council):
    """A key measure with one actual (20 on 30 June 2017), a baseline of 0, a target of 220 and a benchmark."""
    programme, (project,) = build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=1)
    return project, Metric.objects.get(council=council, is_key=True)


def _assert_headline(html, metric):
    assert f'id="chart-{metric.slug}-caption" class="govuk-heading-s govuk-!-margin-bottom-1">{metric.name}' in html
    assert '<span class="govuk-!-font-size-48 govuk-!-font-weight-bold">20</span> as at 30 June 2017' in html
    assert "20 of 220 (9%) as at 30 June 2017" in html  # the RAG sentence, with its target
    # Neither a one-point chart nor its one-row table.
    assert f'data-chart-data="chart-{metric.slug}-data"' not in html
    assert f'Show the data<span class="govuk-visually-hidden"> for {metric.name}' not in html


def test_the_council_page_shows_a_one_figure_measure_as_a_headline(
    manager, council, one_figure, django_assert_max_num_queries
):
    _, metric = one_figure
    client = client_for(manager)
    with django_assert_max_num_queries(COUNCIL_QUERIES):
        response = client.get(council.get_absolute_url())
    _assert_headline(response.content.decode(), metric)


def test_the_project_page_shows_a_one_figure_measure_as_a_headline(
    manager, council, one_figure, django_assert_max_num_queries
):
    project, metric = one_figure
    client = client_for(manager)
    with django_assert_max_num_queries(PROJECT_QUERIES):
        response = client.get(project.get_absolute_url())
    _assert_headline(response.content.decode(), metric)
