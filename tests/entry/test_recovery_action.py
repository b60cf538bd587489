"""A figure's recovery action and its owner are entered with the figure and published with it (issue 14)."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Reading
from tests.conftest import client_for
from tests.entry.conftest import project_url, reading_url
from tests.entry.test_reading_pages import figure
from tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db

SAVED = ("Two more cohorts booked for the autumn", "Head of Workforce")
ACTION = {"recovery_action": "Two more cohorts booked for the autumn", "action_owner": "  Head of  Workforce "}


def test_the_form_shows_the_action_fields_and_saves_them_on_the_draft(manager, project, metric):
    page = client_for(manager).get(project_url("reading-add", project)).content.decode()
    assert "What is being done about it" in page and "Who owns that action" in page
    client_for(manager).post(project_url("reading-add", project), figure(metric, **ACTION))
    reading = Reading.objects.get()
    assert (reading.recovery_action, reading.action_owner) == SAVED
    assert reading.published_recovery_action == ""  # a draft publishes nothing


def test_an_edited_action_reaches_readers_only_when_approved(manager, approver, council, project, metric):
    reading = ReadingFactory(metric=metric, council=council, project=project, value=Decimal("155"))
    client_for(manager).post(reading_url("reading-edit", reading), figure(metric, version=reading.version, **ACTION))
    reading.refresh_from_db()
    assert reading.as_published().recovery_action == ""  # readers still see the approved snapshot
    client_for(manager).post(reading_url("reading-submit", reading), {"version": reading.version})
    reading.refresh_from_db()
    client_for(approver).post(reading_url("reading-approve", reading), {"version": reading.version})
    reading.refresh_from_db()
    shown = reading.as_published()
    assert (shown.recovery_action, shown.action_owner) == SAVED


def test_the_figure_page_shows_the_action_and_its_owner(manager, council, project, metric):
    reading = ReadingFactory(
        metric=metric, council=council, project=project, period_end=dt.date(2018, 7, 20), status="draft",
        recovery_action="Recruit two trainers", action_owner="Academy lead",
    )
    page = client_for(manager).get(reading_url("reading-detail", reading)).content.decode()
    assert "Recruit two trainers" in page and "Owner: Academy lead" in page
