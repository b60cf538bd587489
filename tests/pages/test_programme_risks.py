"""Risks to a programme as a whole are on its overview, for those who may see each council's risk log."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import ParticipationFactory, RiskFactory


def url(programme):
    return reverse("programme-detail", kwargs={"slug": programme.slug})


@pytest.fixture
def programme_risks(council, other_council, lincs_data):
    programme = lincs_data[0]
    ParticipationFactory(programme=programme, council=other_council)
    for each, text in ((council, "Lincolnshire loses its practice lead"), (other_council, "Leeds funding ends early")):
        RiskFactory(project=None, council=each, programme=programme, description=text)
    # A project's risk is counted on the council page, not listed here.
    RiskFactory(project=lincs_data[1][0], description="One project's own risk")
    return programme


def test_an_adviser_sees_every_councils_programme_risks(adviser, programme_risks):
    html = client_for(adviser).get(url(programme_risks)).content.decode()
    assert "Risks to the programme" in html
    assert "Lincolnshire loses its practice lead" in html and "Leeds funding ends early" in html
    assert "One project&#x27;s own risk" not in html and "One project's own risk" not in html


def test_a_council_member_sees_only_their_own_councils(scrutiny, other_manager, programme_risks):
    lincs = client_for(scrutiny).get(url(programme_risks)).content.decode()
    assert "Lincolnshire loses its practice lead" in lincs and "Leeds funding ends early" not in lincs
    leeds = client_for(other_manager).get(url(programme_risks)).content.decode()
    assert "Leeds funding ends early" in leeds and "Lincolnshire loses its practice lead" not in leeds


def test_an_advisers_cached_overview_never_shows_risks_to_anyone_else(adviser, admin_user, programme_risks):
    assert "Leeds funding ends early" in client_for(adviser).get(url(programme_risks)).content.decode()
    html = client_for(admin_user).get(url(programme_risks)).content.decode()
    assert "Risks to the programme" not in html and "Leeds funding ends early" not in html


def test_the_risks_download_as_a_table(adviser, programme_risks):
    response = client_for(adviser).get(url(programme_risks), {"_export": "csv", "_table": "risks"})
    text = response.content.decode()
    assert text.splitlines()[0].startswith("Council,Risk,")
    assert "Leeds funding ends early" in text
