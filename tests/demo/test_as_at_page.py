"""The Lincolnshire page as it stood on 20 July 2018 agrees with the committee paper of that date
(../shared/seeds/000_5573525e5538c299.txt), even after its figures changed (issue 14)."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Reading
from programmes.models import CommitteeMeeting, Council, Role
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ENHANCED = "People who attended 5-day Enhanced Signs of Safety training"


@pytest.fixture
def reader(papers):
    user = UserFactory(username="lincs-reader")
    MembershipFactory(user=user, council=Council.objects.get(gss_code="E10000019"), role=Role.SCRUTINY)
    return user


def _page(user, query):
    response = client_for(user).get(f"/councils/E10000019/?{query}")
    assert response.status_code == 200
    return response


def _measure_rows(response):
    return {
        s.metric.name: s for block in response.context["page"].workstreams for p in block.projects for s in p.metrics
    }


def test_the_page_as_at_the_paper_shows_the_papers_figures_and_not_later_ones(reader):
    response = _page(reader, "as_at=2018-07-20")
    html = response.content.decode()
    assert "as a reader would have seen it on 20 July 2018" in html and "See the page as it is today" in html
    rows = _measure_rows(response)
    assert rows[ENHANCED].latest.display_value == "155"
    assert rows[ENHANCED].target.display_value == "220"
    assert "Local authorities worked with through sector led improvement during PiP" not in rows  # a 2020 figure
    statuses = {p.project.name: p.project.status for b in response.context["page"].workstreams for p in b.projects}
    assert set(statuses.values()) == {"active"}  # sustained and continued only from 2020
    assert not any(
        j.published_on and j.published_on > dt.date(2018, 7, 20) for j in response.context["page"].judgements
    )


def test_a_figure_changed_after_the_date_still_shows_as_it_stood(reader):
    reading = Reading.objects.get(metric__name=ENHANCED, kind="actual")
    reading.value = reading.published_value = Decimal("160")
    reading.save()
    assert _measure_rows(_page(reader, "as_at=2018-07-20"))[ENHANCED].latest.display_value == "155"
    assert _measure_rows(_page(reader, ""))[ENHANCED].latest.display_value == "160"


def test_since_defaults_to_the_previous_committee_meeting(reader):
    council = Council.objects.get(gss_code="E10000019")
    CommitteeMeeting.objects.create(council=council, committee="Scrutiny", meets_on=dt.date(2018, 4, 12))
    response = _page(reader, "as_at=2018-07-20")
    assert response.context["dates"].since == dt.date(2018, 4, 12)
    html = response.content.decode()
    assert "Changes since 12 April 2018" in html and "the previous committee meeting" in html
    assert f"{ENHANCED}, actual as at 20 July 2018: 155" in html


def test_a_bad_date_is_said_and_the_page_is_todays(reader):
    response = _page(reader, "as_at=2018-13-40")
    assert response.context["dates"].as_at is None
    assert "Enter a real date" in response.content.decode()


def test_the_changes_on_the_page_as_at_the_paper_end_on_its_date(reader):
    changes = _page(reader, "as_at=2018-07-20").context["changes"]
    # Targets the paper set for later dates are in it ("target for 31 March 2020"); nothing else is later.
    dates = [i.on for _, items in changes for i in items if i.on is not None and ", target for " not in i.text]
    assert dates and max(dates) <= dt.date(2018, 7, 20)
    assert any("Education Champions recruited, target for 31 March 2020: 60" in i.text for _, g in changes for i in g)
    texts = " ".join(item.text for _, items in changes for item in items)
    assert "2025" not in texts and "2026" not in texts  # official figures and returns came years later
