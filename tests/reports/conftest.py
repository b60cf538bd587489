"""Data for the committee pack tests: the page tests' council with a draft, and the demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.pages.conftest import lincs_data  # noqa: F401 - the same council, figures and draft as the page tests

# A committee on the date of Lincolnshire's real paper (../shared/seeds/000_5573525e5538c299.txt).
JULY_2018 = {
    "committee": "Children and Young People Scrutiny Committee",
    "meeting_on_day": "20", "meeting_on_month": "7", "meeting_on_year": "2018",
    "since_day": "1", "since_month": "4", "since_year": "2018",
    "as_at_day": "20", "as_at_month": "7", "as_at_year": "2018",
}  # fmt: skip


def pack_query(**dates) -> dict:
    return {**JULY_2018, **dates}


def today_query() -> dict:
    """A pack as at today: for factory-made data, which has no history before the day it was made."""
    today = timezone.localdate()
    return pack_query(as_at_day=str(today.day), as_at_month=str(today.month), as_at_year=str(today.year))


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
