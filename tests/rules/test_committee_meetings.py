"""The previous committee meeting is where "changes since we last met" starts (issue 14)."""

import datetime as dt

import pytest

from programmes.models import CommitteeMeeting
from programmes.selectors import previous_committee_date

pytestmark = pytest.mark.django_db


def test_the_previous_committee_date_is_the_last_meeting_before_today(council, other_council):
    for day in (dt.date(2018, 4, 12), dt.date(2018, 7, 20), dt.date(2018, 10, 11)):
        CommitteeMeeting.objects.create(council=council, committee="Scrutiny", meets_on=day)
    CommitteeMeeting.objects.create(council=other_council, committee="Executive Board", meets_on=dt.date(2018, 9, 1))
    assert previous_committee_date(council, dt.date(2018, 9, 30)) == dt.date(2018, 7, 20)
    assert previous_committee_date(council, dt.date(2018, 7, 20)) == dt.date(2018, 4, 12)  # not today's own


def test_a_council_with_no_recorded_meeting_has_no_previous_date(council):
    assert previous_committee_date(council, dt.date(2018, 9, 30)) is None
