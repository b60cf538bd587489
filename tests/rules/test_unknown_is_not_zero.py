"""Unknown is not zero (DOMAIN.md, "Figures as stated"): funding a source does not state is "not
stated", and a partnership has an end date, or is "ongoing as at" its newest source, and ends when a
party is abolished."""

import datetime as dt

import pytest
from django.urls import reverse

from pipdash.dashboards.programme_selectors import programme_overview_rows
from pipdash.dashboards.tables import ProgrammeCouncilTable
from programmes.access import access_for
from tests.conftest import client_for
from tests.factories import (
    CouncilFactory,
    FundingFactory,
    ParticipationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    SourceDocumentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def northamptonshire():
    return CouncilFactory(
        gss_code="E10000021", name="Northamptonshire", operational_to=dt.date(2021, 3, 31), dfe_number="928"
    )


def test_a_partnership_with_an_abolished_party_ends_when_that_council_ceased(council, northamptonshire):
    partnership = PartnershipFactory(supporting=council, supported=northamptonshire, starts_on=dt.date(2018, 1, 1))
    assert partnership.ended_on == dt.date(2021, 3, 31)
    assert partnership.end_text == "31 March 2021, when Northamptonshire ceased to exist"


def test_a_partnership_with_no_end_is_ongoing_only_as_at_its_source(council, other_council):
    source = SourceDocumentFactory(published_on=dt.date(2018, 7, 25))
    partnership = PartnershipFactory(supporting=other_council, supported=council, source_document=source)
    assert partnership.ended_on is None
    assert partnership.end_text == "Ongoing as at 25 July 2018"


def test_a_stated_end_date_wins(council, northamptonshire):
    partnership = PartnershipFactory(
        supporting=council, supported=northamptonshire, ends_on=dt.date(2019, 3, 31), ends_precision="day"
    )
    assert partnership.ended_on == dt.date(2019, 3, 31)
    assert partnership.end_text == "31 March 2019"


def test_the_council_page_says_when_a_partnership_ended(scrutiny, council, northamptonshire):
    PartnershipFactory(supporting=council, supported=northamptonshire, starts_on=dt.date(2018, 1, 1))
    page = client_for(scrutiny).get(reverse("council-detail", args=[council.gss_code])).content.decode()
    assert "to 31 March 2021, when Northamptonshire ceased to exist" in page
    assert "Continuing" not in page


def test_programme_overview_says_not_stated_for_funding_no_source_gives(adviser, council, other_council):
    programme = ProgrammeFactory()
    ParticipationFactory(programme=programme, council=council)
    ParticipationFactory(programme=programme, council=other_council)
    FundingFactory(programme=programme, council=council)
    rows = programme_overview_rows(programme=programme, access=access_for(adviser))
    funding = {row["council"].name: row["funding"] for row in rows}
    assert funding[other_council.name] is None
    table = ProgrammeCouncilTable(rows, caption="Councils", export_key="councils")
    cells = {row.record["council"].name: row.get_cell("funding") for row in table.rows}
    assert cells[other_council.name] == "Not stated"
    assert cells[council.name] == "£1,207,908"
    exported = {r[0]: r for r in list(table.as_values())[1:]}
    assert "" in exported[other_council.name]


def test_programme_overview_marks_partnerships_that_have_ended(adviser, council, northamptonshire):
    programme = ProgrammeFactory()
    ParticipationFactory(programme=programme, council=council)
    PartnershipFactory(supporting=council, supported=northamptonshire, starts_on=dt.date(2018, 1, 1))
    (row,) = programme_overview_rows(programme=programme, access=access_for(adviser))
    assert row["partnerships"] == "Supports Northamptonshire (to 2021)"
