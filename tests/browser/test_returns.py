"""The returns cycle's new pages in a real browser: axe finds nothing (home task lists by role, the
approval queue, the reminder email choice, the return form, the bulk approve and bulk submit confirmations
and a refused bulk approve)."""

import datetime as dt

import pytest
from django.db.models import F

from metrics.models import Metric, Reading
from tests.browser.conftest import assert_accessible

PAGES = [
    ("lincs-manager", "/"),
    ("lincs-approver", "/"),
    ("adviser", "/"),
    ("lincs-approver", "/returns/approvals/"),
    ("lincs-manager", "/account/reminders/"),
]


@pytest.fixture
def moved_clock(settings):
    settings.RETURNS_TODAY = dt.date(2026, 12, 22)


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_returns_pages_are_accessible(moved_clock, open_page, username, path):
    page = open_page(username)
    page.goto(path)
    assert_accessible(page)


def test_the_bulk_approve_confirmation_and_its_error_are_accessible(moved_clock, open_page):
    page = open_page("lincs-approver")
    page.goto("/returns/approvals/")
    page.get_by_role("button", name="Approve selected for Lincolnshire").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link", name="Select what to approve").is_visible()
    assert_accessible(page)
    page.get_by_label("Select Staff turnover", exact=False).first.check()
    page.get_by_role("button", name="Approve selected for Lincolnshire").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Approve 1 item for Lincolnshire?").is_visible()
    assert_accessible(page)
    # The manager changes the figure meanwhile: nothing is approved and the refusal page names it.
    Reading.objects.filter(metric__slug="lincolnshire-staff-turnover", status="submitted").update(
        version=F("version") + 1
    )
    page.get_by_role("button", name="Approve 1 item").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Nothing was approved").is_visible()
    assert_accessible(page)


def test_the_bulk_submit_confirmation_is_accessible(moved_clock, open_page):
    metric = Metric.objects.get(slug="lincolnshire-nqsw-recruited")
    Reading.objects.create(
        metric=metric,
        council=metric.council,
        project=metric.project,
        kind=Reading.Kind.ACTUAL,
        unit=metric.unit,
        value=12,
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        status=Reading.Status.DRAFT,
    )
    page = open_page("lincs-manager")
    page.goto("/")
    assert_accessible(page)
    page.get_by_label(metric.name, exact=False).check()
    page.get_by_role("button", name="Submit selected figures for Lincolnshire").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Submit 1 figure for Lincolnshire?").is_visible()
    assert_accessible(page)
