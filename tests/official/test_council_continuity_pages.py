"""Continuity on the pages: a council replaced by exactly one other over the same area (a recode, a county
become unitary) is one series with it on the council page and in compare; splits and mergers are linked,
never merged. Real councils and Ofsted history from fixtures/, as the demo loads them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.units import Direction, MeasureKind, Unit
from pipdash.demo.loaders.councils import load_ofsted
from programmes.continuity import lineage_of, series_by_live_council
from programmes.models import Council
from tests.conftest import client_for
from tests.factories import MetricFactory, PartnershipFactory, ReadingFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def history(all_councils):
    load_ofsted()


def _page(user, gss: str) -> str:
    response = client_for(user).get(reverse("council-detail", kwargs={"gss_code": gss}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_recode_is_one_series_and_a_split_is_not(all_councils):
    barnsley = lineage_of(Council.objects.get(gss_code="E08000038"))
    assert [c.gss_code for c in barnsley.series] == ["E08000016", "E08000038"]
    assert barnsley.live.gss_code == "E08000038" and not barnsley.linked_predecessors
    # Northumberland was recoded twice: one series of three codes, whichever is asked about.
    oldest = lineage_of(Council.objects.get(gss_code="E10000022"))
    assert [c.gss_code for c in oldest.series] == ["E10000022", "E06000048", "E06000057"]
    north_northants = lineage_of(Council.objects.get(gss_code="E06000061"))
    assert north_northants.series_ids == [north_northants.council.pk]
    assert [c.gss_code for c in north_northants.linked_predecessors] == ["E10000021"]
    bcp = lineage_of(Council.objects.get(gss_code="E06000058"))
    assert {c.gss_code for c in bcp.linked_predecessors} == {"E06000028", "E06000029"}


def test_north_yorkshires_pages_show_its_july_2018_judgement(adviser, history):
    for gss in ("E10000023", "E06000065"):
        page = _page(adviser, gss)
        assert "No Ofsted judgement recorded" not in page
        assert "2 July 2018" in page and "Outstanding" in page
    # Inspected in 2018, before the unitary existed: marked as the county council, whatever code it is filed under.
    assert "North Yorkshire (E10000023)</td>" in _page(adviser, "E06000065")


def test_the_live_barnsley_shows_the_judgements_filed_under_its_old_code(adviser, history):
    page = _page(adviser, "E08000038")
    assert "No Ofsted judgement recorded" not in page
    assert "8 October 2018" in page and "Barnsley (E08000016)</td>" in page
    assert 'href="/councils/E08000016/"' in page and "One series with" in page


def test_a_predecessors_partnership_is_on_its_successors_page_marked_with_its_code(adviser, all_councils):
    old = Council.objects.get(gss_code="E10000023")
    PartnershipFactory(supporting=old, supported=Council.objects.get(gss_code="E10000017"))
    page = _page(adviser, "E06000065")
    assert "Lancashire" in page and "(as North Yorkshire, E10000023)" in page


def test_a_split_links_its_successors_and_keeps_its_own_judgements(adviser, history):
    page = _page(adviser, "E10000021")
    assert 'href="/councils/E06000061/"' in page and 'href="/councils/E06000062/"' in page and "a split" in page
    successor = _page(adviser, "E06000061")
    assert 'href="/councils/E10000021/"' in successor
    assert "17 June 2019" not in successor  # Northamptonshire's 2019 inspection stays Northamptonshire's


def test_compare_shows_a_replaced_council_as_its_successor_with_one_series(scrutiny, all_councils):
    source = SourceDocumentFactory(key="ees-test", kind="official_statistics")
    metric = MetricFactory(
        slug="rate", unit=Unit.PERCENT, direction=Direction.LOWER, kind=MeasureKind.RATE, source_document=source
    )
    old, new = Council.objects.get(gss_code="E08000016"), Council.objects.get(gss_code="E08000038")
    ReadingFactory(metric=metric, council=old, value=Decimal("7.5"), period_end=D(2018, 9, 30), source_document=source)
    ReadingFactory(metric=metric, council=new, value=Decimal("9.5"), period_end=D(2025, 9, 30), source_document=source)
    response = client_for(scrutiny).get(reverse("compare"), {"metric": "rate", "council": "E08000016"})
    comparison = response.context["comparison"]
    assert [c.gss_code for c in comparison.councils] == ["E08000038"]
    assert [v.value for v in comparison.series[new.pk].values()] == [Decimal("7.5"), Decimal("9.5")]
    assert [row.council.gss_code for row in comparison.rows] == ["E08000038"]
    text = response.content.decode()
    assert "is one series with Barnsley (E08000016, to 30 April 2025)" in text
    assert "which replaced Barnsley (E08000016)" in text  # the chosen code is still said, and still ticked


def test_series_for_many_councils_is_one_query(all_councils, django_assert_num_queries):
    councils = list(Council.objects.all())
    with django_assert_num_queries(1):
        live_of, earlier = series_by_live_council(councils)
    assert len(live_of) == len(councils)
    north_yorkshire = Council.objects.get(gss_code="E06000065")
    assert live_of[Council.objects.get(gss_code="E10000023").pk] == north_yorkshire
    assert [c.gss_code for c in earlier[north_yorkshire.pk]] == ["E10000023"]


def test_the_live_councils_chart_marks_the_figures_published_under_its_earlier_code(scrutiny, all_councils):
    from metrics.official.importer import MetricSpec, Publication, ees_file_import
    from metrics.official.periods import PeriodRule

    header = (
        "time_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,rate"
    )
    rows = [
        header,
        "2018,Reporting year,Local authority,E92000001,E12000003,370,E08000016,Barnsley,7.5",
        "2025,Reporting year,Local authority,E92000001,E12000003,370,E08000038,Barnsley,9.5",
    ]
    ees_file_import(
        data=("\n".join(rows) + "\n").encode(),
        publication=Publication(key="test", title="Test statistics"),
        indicator="rate",
        rule=PeriodRule.parse(as_at="09-30"),
        metric=MetricSpec(unit="percent", name="Test rate"),
    )
    page = client_for(scrutiny).get(reverse("council-detail", kwargs={"gss_code": "E08000038"}))
    (chart,) = [c for c in page.context["charts"] if c.title == "Test rate"]
    assert [(r.date_label, r.display_value) for r in chart.rows if r.series == "Actual"] == [
        ("30 September 2018 (as Barnsley, E08000016)", "7.5%"),
        ("30 September 2025", "9.5%"),
    ]
    assert "30 September 2018 (as Barnsley, E08000016)" in page.content.decode()


def test_a_recode_does_not_end_a_partnership(adviser, all_councils):
    old = Council.objects.get(gss_code="E10000023")
    source = SourceDocumentFactory(published_on=D(2019, 4, 10))
    PartnershipFactory(supporting=old, supported=Council.objects.get(gss_code="E10000017"), source_document=source)
    page = _page(adviser, "E06000065")
    assert "when North Yorkshire ceased to exist" not in page and "Ongoing as at 10 April 2019" in page
    # Northamptonshire was split, not recoded: a partnership with it ended when it was abolished.
    northants = Council.objects.get(gss_code="E10000021")
    PartnershipFactory(supporting=Council.objects.get(gss_code="E10000019"), supported=northants)
    assert "31 March 2021, when Northamptonshire ceased to exist" in _page(adviser, "E10000021")
