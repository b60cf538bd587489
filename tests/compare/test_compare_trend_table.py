"""The trend chart's figures in a table beside it and in its downloads: a row a period, a column a line drawn
(councils, England, the statistical neighbours' median, the region), gaps with their reasons (issue 17, 5 and 6)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Reading
from metrics.units import Direction, MeasureKind, Unit
from programmes.models import ComparisonGroup
from tests.conftest import client_for
from tests.factories import BenchmarkFactory, CouncilFactory, MetricFactory, ReadingFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db
URL = reverse("compare")
D = dt.date
MEDIAN = "Median of Lincolnshire's 2 statistical neighbours"


@pytest.fixture
def neighbours(council, other_council):
    """Caseloads as at 30 September 2018 and 2019: Lincolnshire (the anchor), Leeds (2019 suppressed) and Kent
    (2019 only), England both years; Lincolnshire's statistical neighbours are Leeds and Kent."""
    source = SourceDocumentFactory(key="ees-csww", kind="official_statistics")
    metric = MetricFactory(
        name="Caseload (FTE, DfE)",
        slug="caseload",
        unit=Unit.NUMBER,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        source_document=source,
    )
    kent = CouncilFactory(gss_code="E10000016", dfe_number="886", name="Kent", region=council.region)
    for place, year, value in ((council, 2018, "16.0"), (council, 2019, "17.0"), (other_council, 2018, "18.0"),
                               (kent, 2019, "15.0")):  # fmt: skip
        ReadingFactory(metric=metric, council=place, value=Decimal(value), period_end=D(year, 9, 30),
                       source_document=source)  # fmt: skip
    Reading.objects.create(
        metric=metric, council=other_council, value=None, missing_reason="c (confidential)",
        period_end=D(2019, 9, 30), status="approved", source_document=source,
    )  # fmt: skip
    for year, value in ((2018, "16.3"), (2019, "16.6")):
        BenchmarkFactory(metric=metric, value=Decimal(value), period_end=D(year, 9, 30), source_document=source)
    group = ComparisonGroup.objects.create(
        name="Statistical neighbours of Lincolnshire", slug="sn-lincs", kind="statistical_neighbours", anchor=council
    )
    group.councils.set([council, other_council, kent])
    return metric


def _trend_table(response):
    (trend,) = [chart for chart in response.context["charts"] if chart.slug == "compare-trend"]
    return trend.table


def test_the_trend_table_has_a_column_for_each_line_drawn_and_a_row_for_each_period(scrutiny, neighbours):
    response = client_for(scrutiny).get(URL, {"metric": "caseload", "group": "sn-lincs"})
    table = _trend_table(response)
    headers = [str(column.header) for column in table.columns]
    assert headers == ["Period", "Kent", "Leeds", "Lincolnshire", "England", MEDIAN]
    (trend,) = [chart for chart in response.context["charts"] if chart.slug == "compare-trend"]
    assert [name.replace("&#x27;", "'") for name in (t["name"] for t in trend.figure["data"])] == headers[1:]
    page = response.content.decode()
    assert "Caseload (FTE, DfE) over time: the figures drawn" in page
    assert 'role="region" aria-label="Caseload (FTE, DfE) over time: the figures drawn" tabindex="0"' in page
    # Leeds's 2019 figure was suppressed: the table says so; Kent has no 2018 row at all.
    assert "No figure: c (confidential)" in page
    rows = [[str(cell) for cell in row] for row in table.as_values()]
    assert rows[1] == ["as at 30 September 2018", "", "18", "16", "16.3", "18"]
    assert rows[2] == ["as at 30 September 2019", "15", "c (confidential)", "17", "16.6", "15"]


def test_the_neighbours_median_says_how_many_figures_it_is_of(scrutiny, neighbours):
    response = client_for(scrutiny).get(URL, {"metric": "caseload", "group": "sn-lincs"})
    page = response.content.decode()
    # In 2019 Leeds's figure is suppressed, so the median of the two neighbours is Kent's alone.
    assert "15 <span class=\"app-muted\">(median of 1 of 2)</span>" in page
    (trend,) = [chart for chart in response.context["charts"] if chart.slug == "compare-trend"]
    median = next(t for t in trend.figure["data"] if t["name"].startswith("Median"))
    assert median["customdata"] == ["18 (median of 1 of 2)", "15 (median of 1 of 2)"]


def test_the_trend_table_downloads_as_csv_with_the_median_and_the_gaps(scrutiny, neighbours):
    response = client_for(scrutiny).get(
        URL, {"metric": "caseload", "group": "sn-lincs", "_export": "csv", "_table": "trend"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="compare-caseload-over-time.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Period", "Kent", "Leeds", "Lincolnshire", "England", MEDIAN]
    assert rows[2] == ["as at 30 September 2019", "15", "c (confidential)", "17", "16.6", "15"]
    xlsx = client_for(scrutiny).get(URL, {"metric": "caseload", "council": "E10000019", "_export": "xlsx",
                                          "_table": "trend"})  # fmt: skip
    assert xlsx.content[:2] == b"PK"


def test_without_a_neighbour_group_there_is_no_median_column(scrutiny, neighbours):
    response = client_for(scrutiny).get(URL, {"metric": "caseload", "council": ["E10000019", "E10000016"]})
    headers = [str(column.header) for column in _trend_table(response).columns]
    assert headers == ["Period", "Kent", "Lincolnshire", "England"]


def test_the_page_says_where_the_councils_came_from(scrutiny, neighbours):
    from_group = client_for(scrutiny).get(URL, {"metric": "caseload", "group": "sn-lincs"}).content.decode()
    assert "Comparing 3 councils, all from the region, programme, group or judgement chosen." in from_group
    both = client_for(scrutiny).get(URL, {"metric": "caseload", "group": "sn-lincs", "council": "E10000019"})
    assert "Comparing 3 councils, 1 named and the rest from" in both.content.decode()


def test_a_neighbour_group_with_its_median_and_trend_table_costs_a_bounded_number_of_queries(
    scrutiny, neighbours, django_assert_max_num_queries
):
    client = client_for(scrutiny)
    client.get(URL, {"metric": "caseload"})  # signs in and warms the session
    # As many as for councils named one by one, plus the group and its members (one query each), whatever its size.
    with django_assert_max_num_queries(17):
        response = client.get(URL, {"metric": "caseload", "group": "sn-lincs"})
    assert response.status_code == 200 and _trend_table(response) is not None
