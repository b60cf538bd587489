"""The home page's task lists by role (issue 16 point 3)."""

import datetime as dt

import pytest

from metrics.models import Reading
from tests.conftest import client_for
from tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def december(settings):
    settings.RETURNS_TODAY = dt.date(2026, 12, 3)


def _home(user, query=""):
    response = client_for(user).get("/" + query)
    assert response.status_code == 200
    return response


def test_a_manager_sees_figures_due_for_the_month_and_by_when(
    december, manager, scheduled_metrics, django_assert_max_num_queries
):
    client = client_for(manager)
    with django_assert_max_num_queries(14):
        html = client.get("/").content.decode()
    assert "Lincolnshire: 3 figures due for November 2026, by 21 December 2026" in html


def test_a_manager_sees_a_figure_returned_to_them_with_the_reason(december, manager, council, scheduled_metrics):
    ReadingFactory(
        metric=scheduled_metrics[0],
        council=council,
        period_end=dt.date(2026, 11, 30),
        status=Reading.Status.RETURNED,
        returned_reason="Use the end-of-month count.",
    )
    html = _home(manager).content.decode()
    assert "Use the end-of-month count." in html
    # A returned figure is still to send: it stays in the count, marked returned.
    assert "3 figures due for November 2026" in html and "Measure 1, returned" in html


def test_a_submitted_figure_leaves_the_managers_list(december, manager, council, scheduled_metrics):
    ReadingFactory(
        metric=scheduled_metrics[0], council=council, period_end=dt.date(2026, 11, 30), status=Reading.Status.SUBMITTED
    )
    assert "2 figures due for November 2026" in _home(manager).content.decode()


def test_after_the_deadline_the_figures_are_overdue(settings, manager, scheduled_metrics):
    settings.RETURNS_TODAY = dt.date(2026, 12, 22)
    html = _home(manager).content.decode()
    assert "3 figures overdue for November 2026: due 21 December 2026" in html


def test_an_approver_sees_how_many_items_await_them(december, manager, approver, council, scheduled_metrics):
    ReadingFactory(
        metric=scheduled_metrics[0],
        council=council,
        period_end=dt.date(2026, 11, 30),
        status=Reading.Status.SUBMITTED,
        entered_by=manager,
        submitted_by=manager,
    )
    html = _home(approver).content.decode()
    assert "1 item awaiting your approval" in html


def test_an_adviser_sees_every_councils_overdue_and_late_returns_sortable_and_as_csv(
    december, adviser, council, scheduled_metrics, django_assert_max_num_queries
):
    late = ReadingFactory(
        metric=scheduled_metrics[0],
        council=council,
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 10, 31),
        status=Reading.Status.SUBMITTED,
    )
    Reading.objects.filter(pk=late.pk).update(submitted_at=dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
    client = client_for(adviser)
    with django_assert_max_num_queries(14):
        html = client.get("/?late-returns-sort=-days").content.decode()
    assert "Overdue and late returns, every council" in html
    assert html.count("Missed (locked)") == 2 and "Late" in html
    csv = _home(adviser, "?_export=csv&_table=late-returns").content.decode()
    lines = csv.strip().splitlines()
    assert lines[0].startswith("Council,Measure,Period,Due,State,Days past due")
    assert "Lincolnshire,Measure 1,October 2026,2026-11-20,Late,4" in csv
    assert len(lines) == 4


def test_a_scrutiny_member_has_no_task_list(december, scrutiny, scheduled_metrics):
    assert "Your tasks" not in _home(scrutiny).content.decode()



def test_every_councils_returns_are_built_once_and_again_after_a_rule_changes(
    december, adviser, council, scheduled_metrics, monthly_rule, django_assert_max_num_queries
):
    client = client_for(adviser)
    assert html_count(client.get("/"), "Missed (locked)") == 3  # October's three, locked 10 days after due
    # Built once: the next request reads the table from the cache, not the schedule's three queries.
    with django_assert_max_num_queries(3):
        assert html_count(client.get("/"), "Missed (locked)") == 3
    monthly_rule.lock_after_days = 365  # nothing locks within the year: October's returns are overdue again
    monthly_rule.save()
    html = client.get("/").content.decode()
    assert "Missed (locked)" not in html and "Overdue" in html


def html_count(response, text: str) -> int:
    return response.content.decode().count(text)
