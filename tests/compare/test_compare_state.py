"""The compare page keeps the user's work: its state is the address (a GET form), so it survives a reload,
going back, signing in (next=) and saving a group; a mistyped name keeps the councils already chosen; years
are chosen by their label ("2018/19")."""

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from metrics.units import Direction, MeasureKind, Unit
from programmes.models import ComparisonGroup
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory, SourceDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("compare")
D = dt.date


@pytest.fixture
def absence(council, other_council):
    """An academic-year measure: 2017/18, 2018/19 and 2019/20, each ending on 31 August."""
    source = SourceDocumentFactory(key="ees-absence", kind="official_statistics")
    metric = MetricFactory(
        slug="absence", unit=Unit.PERCENT, direction=Direction.LOWER, kind=MeasureKind.RATE, source_document=source
    )
    for place in (council, other_council):
        for year, value in ((2017, "4.4"), (2018, "4.6"), (2019, "4.9")):
            ReadingFactory(
                metric=metric,
                council=place,
                value=Decimal(value),
                period_start=D(year, 9, 1),
                period_end=D(year + 1, 8, 31),
                source_document=source,
            )
    return metric


def _get(user, **params):
    return client_for(user).get(URL, params)


def test_a_year_is_chosen_by_its_label(scrutiny, absence):
    comparison = _get(scrutiny, metric="absence", council="E10000019", last_year="2018/19").context["comparison"]
    assert comparison.latest == (D(2018, 9, 1), D(2019, 8, 31))
    comparison = _get(scrutiny, metric="absence", council="E10000019", first_year="2018-19").context["comparison"]
    assert [p[0].year for p in comparison.periods] == [2018, 2019]
    # A plain year means the same: 2018/19 is in 2018, as DfE labels it, not in 2019 when it ends.
    comparison = _get(scrutiny, metric="absence", council="E10000019", last_year="2018").context["comparison"]
    assert comparison.latest == (D(2018, 9, 1), D(2019, 8, 31))


def test_a_year_that_is_not_one_says_so(scrutiny, absence):
    form = _get(scrutiny, metric="absence", council="E10000019", first_year="2018/20").context["form"]
    assert form.errors["first_year"] == ["2018/20 is not a year like 2018 or 2018/19"]


def test_the_address_keeps_the_years_as_written(scrutiny, absence):
    response = _get(scrutiny, metric="absence", council="E10000019", add="Leeds", first_year="2018/19")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.url).query) == {
        "metric": ["absence"],
        "council": ["E10000019", "E08000035"],
        "first_year": ["2018/19"],
    }


def test_a_mistyped_name_keeps_the_councils_already_chosen(scrutiny, absence):
    response = _get(scrutiny, metric="absence", council=["E10000019", "E08000035"], add="Lincolnshre")
    text = response.content.decode()
    assert "No council is called Lincolnshre" in text
    for code in ("E10000019", "E08000035"):
        assert f'id="council-{code}" name="council" type="checkbox" value="{code}" checked' in text
    assert 'value="Lincolnshre"' in text  # what was typed stays to be corrected


def test_a_region_without_a_measure_asks_for_one(scrutiny, absence):
    form = _get(scrutiny, region="E12000004").context["form"]
    assert form.errors["metric"] == ["Choose a measure to compare the region's councils on"]
    assert _get(scrutiny, council="E10000019").context["form"].is_valid()  # councils added one by one need none yet


def test_saving_a_group_keeps_the_measure_and_years(scrutiny, absence):
    back = f"{URL}?metric=absence&council=E10000019&council=E08000035&first_year=2018%2F19"
    client = client_for(scrutiny)
    response = client.post(
        reverse("compare-save-group"), {"name": "Mine", "council": ["E10000019", "E08000035"], "next": back}
    )
    group = ComparisonGroup.objects.get(kind="saved")
    assert parse_qs(urlsplit(response.url).query) == {
        "metric": ["absence"],
        "first_year": ["2018/19"],
        "group": [group.slug],
    }
    page = client.get(response.url)
    assert "Saved your group ‘Mine’ of 2 councils." in page.content.decode()
    assert [c.gss_code for c in page.context["comparison"].councils] == ["E08000035", "E10000019"]


def test_one_council_is_one_council(scrutiny, absence):
    text = _get(scrutiny, metric="absence", council="E10000019").content.decode()
    assert "Save this council as your own group" in text and "these 1 councils" not in text


def test_signing_in_returns_to_the_comparison(absence):
    address = f"{URL}?metric=absence&council=E10000019&first_year=2018%2F19"
    client = client_for(None)
    response = client.get(address)
    assert response.status_code == 302
    next_address = parse_qs(urlsplit(response.url).query)["next"][0]
    assert next_address == address
    user = UserFactory(username="reader2")
    user.set_password("a long enough password")
    user.save()
    signed_in = client.post(
        response.url, {"username": "reader2", "password": "a long enough password", "next": next_address}
    )
    assert signed_in.status_code == 302 and signed_in.url == address
    assert client.get(signed_in.url).context["comparison"].metric == absence


def test_statistical_neighbours_have_a_median_line_labelled_so(scrutiny, council, other_council, absence):
    from programmes.models import ComparisonGroup
    from tests.factories import CouncilFactory

    third = CouncilFactory(gss_code="E10000016", dfe_number="886", name="Kent")
    ReadingFactory(metric=absence, council=third, value=Decimal("5.1"), period_start=D(2019, 9, 1),
                   period_end=D(2020, 8, 31))  # fmt: skip
    group = ComparisonGroup.objects.create(
        name="Statistical neighbours of Lincolnshire", slug="sn-lincs", kind="statistical_neighbours", anchor=council
    )
    group.councils.set([other_council, third])
    response = _get(scrutiny, metric="absence", group="sn-lincs")
    comparison = response.context["comparison"]
    label, points = comparison.neighbours
    assert label == "Median of Lincolnshire's 2 statistical neighbours"
    # Leeds 4.9 and Kent 5.1 in 2019/20: the median is 5.0; Lincolnshire, the anchor, is not one of them.
    assert points[(D(2019, 9, 1), D(2020, 8, 31))].value == Decimal("5.0")
    assert points[(D(2017, 9, 1), D(2018, 8, 31))].value == Decimal("4.4")
    (trend,) = [c for c in response.context["charts"] if c.slug == "compare-trend"]
    assert "Median of Lincolnshire&#x27;s 2 statistical neighbours" in [trace["name"] for trace in trend.figure["data"]]
    assert "Median of Lincolnshire&#x27;s 2 statistical neighbours: 5%" in response.content.decode()


def test_councils_are_filtered_by_their_latest_ofsted_judgement(scrutiny, all_councils):
    from pipdash.demo.loaders.councils import load_ofsted

    load_ofsted()
    source = SourceDocumentFactory(key="ees-x", kind="official_statistics")
    MetricFactory(slug="rate", unit=Unit.PERCENT, direction=Direction.LOWER, kind=MeasureKind.RATE,
                  source_document=source)  # fmt: skip
    region = _get(scrutiny, metric="rate", region="E12000003").context["chosen"]
    outstanding = _get(scrutiny, metric="rate", region="E12000003", ofsted="outstanding").context["chosen"]
    assert 0 < len(outstanding) < len(region)
    assert "E06000065" in {c.gss_code for c in outstanding}  # North Yorkshire, Outstanding in 2023
    # The live Barnsley's latest judgement (Good, 2023) is filed under its earlier code: it still counts.
    good = {c.gss_code for c in _get(scrutiny, metric="rate", region="E12000003", ofsted="good").context["chosen"]}
    assert "E08000038" in good and "E06000065" not in good
    # A judgement alone chooses every live council judged so; without a measure it asks for one.
    everywhere = _get(scrutiny, metric="rate", ofsted="inadequate").context["chosen"]
    assert everywhere and all(c.is_live for c in everywhere)
    form = _get(scrutiny, ofsted="inadequate").context["form"]
    assert form.errors["metric"] == ["Choose a measure to compare the Ofsted judgement's councils on"]
    assert _get(scrutiny, metric="rate", ofsted="brilliant").context["form"].errors["ofsted"]
