"""The demo's official figures and groups load from fixtures/ alone, and re-loading changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Benchmark, Metric, Reading
from pipdash.demo.loaders.official import load_official
from programmes.models import ComparisonGroup, Council

pytestmark = pytest.mark.django_db


def test_turnover_agency_and_vacancy_for_every_council_england_and_regions(all_councils):
    counts = load_official()
    assert counts["figures_skipped"] == 0
    for key in ("csww:turnover_rate_fte", "csww:agency_rate_fte", "csww:vacancy_rate_fte"):
        metric = Metric.objects.get(official_key=key)
        assert metric.is_common and metric.direction == "lower"
        latest = Reading.objects.filter(metric=metric, period_end=dt.date(2025, 9, 30))
        # Every live council but the four published only in pairs (North/West Northamptonshire, Kingston/Richmond).
        assert latest.count() == 149
        assert Benchmark.objects.filter(metric=metric, area="region", period_end=dt.date(2025, 9, 30)).count() == 9
    england = Benchmark.objects.get(
        metric__official_key="csww:turnover_rate_fte", area="england", period_end=dt.date(2025, 9, 30)
    )
    assert england.value == Decimal("11.8")
    leeds_2018 = Reading.objects.get(
        metric__official_key="csww:turnover_rate_fte", council__gss_code="E08000035", period_end=dt.date(2018, 9, 30)
    )
    assert leeds_2018.published_value == Decimal("7.3") and leeds_2018.source_document.kind == "official_statistics"


def test_groups_statistical_neighbours_pip_and_the_papers(all_councils):
    load_official()
    lincs = Council.objects.get(gss_code="E10000019")
    neighbours = ComparisonGroup.objects.get(kind="statistical_neighbours", anchor=lincs)
    assert neighbours.councils.count() == 10 and neighbours.name == "Statistical neighbours of Lincolnshire"
    assert ComparisonGroup.objects.filter(kind="statistical_neighbours").count() == 153
    papers = ComparisonGroup.objects.get(slug="councils-in-the-papers")
    assert sorted(papers.councils.values_list("name", flat=True)) == [
        "Lancashire",
        "Leeds",
        "Leicestershire",
        "Lincolnshire",
    ]
    assert ComparisonGroup.objects.get(slug="pip-councils").councils.count() == 3


def test_loading_twice_changes_nothing(all_councils):
    load_official()
    readings, benchmarks = Reading.objects.count(), Benchmark.objects.count()
    counts = load_official()
    assert counts["official_readings"] == 0 and counts["official_benchmarks"] == 0
    assert (Reading.objects.count(), Benchmark.objects.count()) == (readings, benchmarks)
    assert ComparisonGroup.objects.count() == 155


def test_the_demos_official_figures_carry_their_release_and_cite_it(all_councils, adviser):
    from django.urls import reverse

    from metrics.models import OfficialRelease
    from tests.conftest import client_for

    load_official()
    release = OfficialRelease.objects.get(publication_key="csww")
    assert release.name == "Reporting year 2025" and release.file_name == "csww_indicators_2017_to_2025.csv"
    assert not Reading.objects.filter(metric__official_key__startswith="csww:", release__isnull=True).exists()
    assert not Benchmark.objects.filter(metric__official_key__startswith="csww:", release__isnull=True).exists()
    cited = "release ‘Reporting year 2025’, publication date not recorded"
    assert release.citation() == cited
    page = client_for(adviser).get(reverse("council-detail", kwargs={"gss_code": "E06000065"})).content.decode()
    assert f"(DfE)</a>: {cited}" in page
    compare = client_for(adviser).get(reverse("compare"), {"metric": "csww-turnover-rate-fte", "council": "E06000065"})
    assert f"({cited})" in compare.content.decode()


def test_placement_stability_and_children_in_need_are_official_measures_too(all_councils):
    load_official()
    moves = Metric.objects.get(slug="cla-three-or-more-placements")
    assert moves.is_common and moves.unit == "percent" and moves.direction == "lower"
    # Barnsley's 31 March 2025 row carries its old code (recoded 1 May 2025): it is in the live Barnsley's series.
    barnsley = Reading.objects.get(metric=moves, period_end=dt.date(2025, 3, 31), council__gss_code="E08000038")
    assert barnsley.published_value == Decimal("14")
    started = Metric.objects.get(slug="cin-episodes-started")
    assert started.kind == "period_count" and started.direction == "neither"
    england = Benchmark.objects.get(metric=started, area="england", period_end=dt.date(2025, 3, 31))
    assert england.period_start == dt.date(2024, 4, 1) and england.value == Decimal("396870")
