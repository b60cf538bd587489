"""The approvers' exceptions page in a real browser: axe finds nothing on the page as it opens, with
its error summary after an empty submit, and with an exception granted and listed."""

import datetime as dt

import pytest

from tests.browser.conftest import assert_accessible


@pytest.fixture
def moved_clock(settings):
    settings.RETURNS_TODAY = dt.date(2026, 12, 22)


def test_the_exceptions_page_is_accessible_empty_with_errors_and_with_an_exception(moved_clock, open_page):
    page = open_page("lincs-approver")
    page.goto("/returns/exceptions/")
    assert_accessible(page)

    page.get_by_role("button", name="Grant the exception").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)

    page.get_by_label("Programme manager who may change the figures").select_option(index=1)
    page.get_by_label("Why may the figures change after the lock?").fill("Board papers arrived late")
    dates = page.get_by_role("group", name="Allow changes until")
    dates.get_by_label("Day").fill("31")
    dates.get_by_label("Month").fill("1")
    dates.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Grant the exception").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("cell", name="Board papers arrived late").is_visible()
    assert_accessible(page)


def test_a_locked_figures_page_is_accessible_with_its_lock_notice(moved_clock, open_page):
    from metrics.models import Reading

    page = open_page("lincs-approver")
    reading = Reading.objects.get(metric__slug="lincolnshire-staff-turnover", period_end=dt.date(2026, 10, 31))
    page.goto(f"/councils/E10000019/figures/{reading.pk}/")
    assert page.get_by_text("This period locked on 30 November 2026").is_visible()
    assert_accessible(page)
