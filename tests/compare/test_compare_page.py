"""The compare page: who may see it, what it shows, the URL as the selection, the query bound."""

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from metrics.compare.charts import MAX_LINES
from metrics.models import Benchmark, Metric, Reading
from metrics.units import Direction, MeasureKind, Unit
from pipdash.dates import add_months, month_end
from programmes.models import ComparisonGroup, Council
from tests.conftest import client_for
from tests.factories import (
    BenchmarkFactory,
    CouncilFactory,
    MetricFactory,
    ReadingFactory,
    RegionFactory,
    SourceDocumentFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("compare")
D = dt.date


@pytest.fixture
def turnover(council, other_council):
    """DfE's turnover rate for 2018 and 2019 for Lincolnshire, Leeds and Kent, England and East Midlands."""
    source = SourceDocumentFactory(key="ees-csww", title="Children's social work workforce", kind="official_statistics")
    metric = MetricFactory(
        name="Social worker turnover rate (FTE, DfE)",
        slug="csww-turnover",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        official_key="csww:turnover_rate_fte",
        definition="Leavers as a percentage of social workers in post at 30 September.",
        source_document=source,
    )
    kent = CouncilFactory(
        gss_code="E10000016",
        dfe_number="886",
        name="Kent",
        region=RegionFactory(gss_code="E12000008", name="South East"),
    )
    figures = {council: ("9.6", "10.1"), other_council: ("7.3", None), kent: ("12.0", "14.0")}
    for place, (first, second) in figures.items():
        ReadingFactory(
            metric=metric, council=place, value=Decimal(first), period_end=D(2018, 9, 30), source_document=source
        )
        if second:
            ReadingFactory(
                metric=metric, council=place, value=Decimal(second), period_end=D(2019, 9, 30), source_document=source
            )
        else:
            Reading.objects.create(
                metric=metric,
                council=place,
                value=None,
                missing_reason="x (not available)",
                period_end=D(2019, 9, 30),
                status="approved",
                source_document=source,
            )
    for year, england, region in ((2018, "15.1", "13.0"), (2019, "15.2", "13.5")):
        BenchmarkFactory(metric=metric, value=Decimal(england), period_end=D(year, 9, 30), source_document=source)
        BenchmarkFactory(
            metric=metric,
            area="region",
            region=council.region,
            value=Decimal(region),
            period_end=D(year, 9, 30),
            source_document=source,
        )
    return metric


def _get(user, **params):
    query = urlencode(params, doseq=True)
    return client_for(user).get(f"{URL}?{query}")


@pytest.mark.parametrize(
    "persona", ["manager", "approver", "scrutiny", "other_manager", "adviser", "admin_user"], indirect=True
)
def test_every_signed_in_role_sees_the_compare_page(persona, turnover):
    response = _get(persona, metric="csww-turnover", council=["E10000019"])
    assert response.status_code == 200
    assert response.context["comparison"].metric == turnover


def test_signed_out_visitors_are_sent_to_sign_in(turnover):
    response = _get(None, metric="csww-turnover")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_only_common_definition_metrics_can_be_chosen(scrutiny, turnover, council):
    own = MetricFactory(name="Staff trained", slug="staff-trained", council=council)
    form = _get(scrutiny).context["form"]
    assert list(form.fields["metric"].queryset) == [turnover]
    response = _get(scrutiny, metric=own.slug)
    assert "metric" in response.context["form"].errors and response.context["comparison"] is None


def test_table_ranks_quartiles_change_and_rag_against_the_benchmark(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", council=["E10000019", "E08000035"])
    comparison = response.context["comparison"]
    assert comparison.latest == (None, D(2019, 9, 30))
    rows = {row.council.name: row for row in comparison.rows}
    lincs, leeds = rows["Lincolnshire"], rows["Leeds"]
    # Lower is better: Lincolnshire 10.1 beats Kent 14.0.
    assert (lincs.value, lincs.rank, lincs.quartile) == (Decimal("10.1"), 1, 2)
    assert lincs.change == Decimal("0.5")
    assert lincs.rag.status == "green" and "better than England (15.2%" in lincs.rag.sentence
    assert leeds.value is None and leeds.reason == "x (not available)" and leeds.rank is None
    html = response.content.decode()
    assert "+0.5 percentage points" in html and "1 of 2" in html
    assert "Leavers as a percentage of social workers" in html and "Children&#x27;s social work workforce" in html


def test_england_and_region_lines_come_from_benchmarks_with_gaps_not_zeros(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", council=["E10000019", "E08000035"])
    trend = response.context["charts"][0].figure
    traces = {trace["name"]: trace for trace in trend["data"]}
    assert traces["England"]["y"] == [15.1, 15.2]
    assert traces["East Midlands"]["y"] == [13.0, 13.5]
    assert traces["Leeds"]["y"] == [7.3, None]
    assert trend["layout"]["yaxis"]["title"]["text"] == "Per cent (%)"


def test_ranking_chart_highlights_the_chosen_councils_in_quartile_bands(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", council=["E10000019"])
    ranking = response.context["charts"][1].figure
    chosen = next(t for t in ranking["data"] if t["name"] == "Chosen councils")
    assert chosen["x"] == [10.1]  # horizontal bars: the value is along x
    assert [a["text"] for a in ranking["layout"]["annotations"] if a["text"].startswith("Q")] == ["Q2", "Q4"]
    assert any(t["name"] == "England 15.2%" for t in ranking["data"])


def test_a_typed_name_redirects_to_the_bookmarkable_address(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", council=["E08000035"], add="lincolnshire", first_year=2018)
    assert response.status_code == 302
    assert response.url == f"{URL}?metric=csww-turnover&council=E08000035&council=E10000019&first_year=2018"
    again = client_for(scrutiny).get(response.url)
    assert [c.name for c in again.context["comparison"].councils] == ["Leeds", "Lincolnshire"]
    assert again.context["query"] == response.url.split("?", 1)[1]


def test_an_unknown_name_is_an_error_on_the_field(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", add="Atlantis")
    assert response.status_code == 200
    assert response.context["form"].errors["add"] == ["No council is called Atlantis"]


def test_every_council_typed_into_the_address_is_kept(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", add=["Lincolnshire", "Leeds"])
    assert response.status_code == 302
    assert response.url == f"{URL}?metric=csww-turnover&council=E10000019&council=E08000035"


def test_each_unknown_typed_name_is_reported(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", add=["Atlantis", "Lincolnshire", "Lyonesse"])
    assert response.context["form"].errors["add"] == ["No council is called Atlantis", "No council is called Lyonesse"]


def test_a_wrong_choice_in_the_address_says_what_to_do(scrutiny, turnover):
    response = _get(scrutiny, metric="no-such-measure", council=["E99999999"], region="nowhere")
    errors = response.context["form"].errors
    assert errors["metric"] == ["Choose a measure with a common definition from the list"]
    assert errors["council"] == ["No council has the code E99999999: remove it or add the council by name"]
    assert errors["region"] == ["Choose a region from the list"]
    assert "Choose a measure with a common definition from the list" in response.content.decode()


def test_year_range_limits_the_periods(scrutiny, turnover):
    response = _get(scrutiny, metric="csww-turnover", council=["E10000019"], last_year=2018)
    assert response.context["comparison"].latest == (None, D(2018, 9, 30))


def test_a_region_or_a_group_chooses_its_councils(scrutiny, turnover, council):
    by_region = _get(scrutiny, metric="csww-turnover", region="E12000004").context["comparison"]
    assert {c.name for c in by_region.councils} == {"Lincolnshire", "Leeds"}
    kent = Council.objects.get(name="Kent")
    group = ComparisonGroup.objects.create(
        name="Neighbours of Lincolnshire", slug="sn-lincs", kind="statistical_neighbours", anchor=council
    )
    group.councils.add(kent)
    by_group = _get(scrutiny, metric="csww-turnover", group="sn-lincs").context["comparison"]
    assert [c.name for c in by_group.councils] == ["Kent", "Lincolnshire"]


def test_csv_and_xlsx_exports_of_the_table(scrutiny, turnover):
    response = _get(
        scrutiny, metric="csww-turnover", council=["E10000019", "E08000035"], _export="csv", _table="comparison"
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Council,Region,Period,Value,Rank")
    assert any(line.startswith("Leeds,") and "x (not available)" in line for line in lines), lines[1]
    xlsx = _get(scrutiny, metric="csww-turnover", _export="xlsx", _table="comparison")
    assert xlsx.content[:2] == b"PK"


def test_saving_a_group_needs_post_and_belongs_to_the_user(scrutiny, adviser, turnover):
    url = reverse("compare-save-group")
    assert client_for(scrutiny).get(url).status_code == 405
    response = client_for(scrutiny).post(url, {"name": "My  shire counties", "council": ["E10000019", "E10000016"]})
    group = ComparisonGroup.objects.get(kind="saved")
    assert group.owner == scrutiny and group.name == "My shire counties" and group.councils.count() == 2
    assert response.url == f"{URL}?group={group.slug}"
    assert group in _get(scrutiny).context["form"].fields["group"].queryset
    assert group not in _get(adviser).context["form"].fields["group"].queryset
    assert _get(adviser, group=group.slug).context["form"].errors["group"]


def test_query_count_is_bounded_for_every_council_over_ten_years_monthly(
    scrutiny, all_councils, django_assert_max_num_queries
):
    source = SourceDocumentFactory(key="ees-monthly", kind="official_statistics")
    metric = Metric.objects.create(
        name="Monthly rate",
        slug="monthly",
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        kind=MeasureKind.RATE,
        source_document=source,
    )
    councils = list(Council.objects.live())
    months = [add_months(D(2015, 4, 1), n) for n in range(120)]
    Reading.objects.bulk_create(
        [
            Reading(
                metric=metric,
                council=c,
                unit="percent",
                value=Decimal(i % 40),
                published_value=Decimal(i % 40),
                status="approved",
                period_start=m,
                period_end=month_end(m),
                # bulk_create skips save(), so the approved snapshot is written as approval would.
                published_kind="actual",
                published_period_start=m,
                published_period_end=month_end(m),
                source_document=source,
            )
            for i, c in enumerate(councils)
            for m in months
        ],
        batch_size=2000,
    )
    Benchmark.objects.bulk_create(
        [
            Benchmark(
                metric=metric,
                area="england",
                value=Decimal("12"),
                period_start=m,
                period_end=month_end(m),
                source_document=source,
            )
            for m in months
        ]
    )
    regions = sorted({c.region.gss_code for c in councils})
    client = client_for(scrutiny)
    query = urlencode(
        {"metric": "monthly", "region": regions[0], "council": [c.gss_code for c in councils]}, doseq=True
    )
    # 16: one of them reads the successor links, so replaced councils carry on in their successors' rows.
    with django_assert_max_num_queries(16):
        response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert len(comparison.ranking) == len(councils) == len(comparison.councils) == len(comparison.rows)
    assert len(comparison.periods) == 120
    assert len(comparison.series) == MAX_LINES  # only the councils drawn have their whole series read
    trend = response.context["charts"][0]
    assert len([t for t in trend.figure["data"] if t["name"] not in ("England",)]) == MAX_LINES


def test_a_programme_chooses_its_councils(scrutiny, turnover, council, other_council):
    from tests.factories import ParticipationFactory, ProgrammeFactory

    programme = ProgrammeFactory()
    ParticipationFactory(programme=programme, council=council)
    ParticipationFactory(programme=programme, council=other_council)
    comparison = _get(scrutiny, metric="csww-turnover", programme=programme.slug).context["comparison"]
    assert [c.name for c in comparison.councils] == ["Leeds", "Lincolnshire"]
