"""Who supports whom, over time: a table and a timeline."""

import datetime as dt

import pytest
from django.urls import reverse

from programmes.models import ImprovementPartnership
from tests.conftest import client_for
from tests.factories import CouncilFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
URL = reverse("partnerships")


@pytest.fixture
def partnerships(council, other_council):
    rotherham = CouncilFactory(gss_code="E08000018", name="Rotherham")
    kirklees = CouncilFactory(gss_code="E08000034", name="Kirklees")
    PartnershipFactory(
        supporting=council,
        supported=rotherham,
        kind=ImprovementPartnership.Kind.INTERVENTION,
        starts_on=dt.date(2015, 1, 1),
        starts_precision="year",
        ends_on=dt.date(2018, 3, 31),
    )
    PartnershipFactory(supporting=other_council, supported=kirklees, starts_on=dt.date(2017, 1, 1), ends_on=None)
    PartnershipFactory(supporting=council, supported=kirklees, starts_on=None)


@pytest.mark.parametrize("persona", ["scrutiny", "other_manager", "adviser"], indirect=True)
def test_every_signed_in_user_sees_who_supports_whom(persona, partnerships, django_assert_max_num_queries):
    client = client_for(persona)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.status_code == 200
    rows = list(response.context["table"].rows)
    assert [(r.record.supporting.name, r.record.supported.name) for r in rows][:2] == [
        ("Lincolnshire", "Rotherham"),
        ("Leeds", "Kirklees"),
    ]
    assert "Continuing" not in response.content.decode()
    assert "Ongoing as at 20 July 2018" in response.content.decode()
    assert "1 partnership has no start date in the papers, so it is in the table only." in response.content.decode()


def test_timeline_has_a_bar_per_dated_partnership(scrutiny, partnerships):
    figure = client_for(scrutiny).get(URL).context["chart"].figure
    bars = {trace["name"]: trace for trace in figure["data"]}
    assert bars["Intervention partner"]["y"] == ["Lincolnshire → Rotherham"]
    assert bars["Intervention partner"]["base"] == ["2015-01-01"]
    assert bars["Improvement partner"]["y"] == ["Leeds → Kirklees"]


def test_signed_out_visitors_are_sent_to_sign_in(partnerships):
    response = client_for(None).get(URL)
    assert response.status_code == 302


def test_partnerships_download_as_csv(scrutiny, partnerships):
    response = client_for(scrutiny).get(URL, {"_export": "csv", "_table": "partnerships"})
    assert response["Content-Type"].startswith("text/csv")
    assert "Lincolnshire,Rotherham" in response.content.decode()
