"""The home page's task list is cached per user, roles, day and their own councils' data versions (issue 20):
a warm home page costs the floor's queries, and every write that changes a list shows at once."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Reading
from programmes.models import Role
from tests.conftest import client_for
from tests.factories import MembershipFactory, ReadingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def december(settings):
    settings.RETURNS_TODAY = dt.date(2026, 12, 3)


def _get(client, url="/"):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    # Each response carries its own CSRF token (the bulk-submit form); the rest must be the same.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html), len(queries)


def test_a_managers_warm_home_page_reads_no_task_queries_and_shows_the_same(december, manager, scheduled_metrics):
    client = client_for(manager)
    cold, cold_queries = _get(client)
    warm, warm_queries = _get(client)
    assert "Lincolnshire: 3 figures due for November 2026, by 21 December 2026" in warm
    assert warm == cold
    assert warm_queries <= 3 < cold_queries  # session, every council's version; nothing of the task list


def test_a_managers_own_save_shows_on_their_home_page_at_once(december, manager, council, scheduled_metrics):
    client = client_for(manager)
    assert "3 figures due for November 2026" in _get(client)[0]
    ReadingFactory(
        metric=scheduled_metrics[0], council=council, period_end=dt.date(2026, 11, 30), status=Reading.Status.SUBMITTED
    )
    assert "2 figures due for November 2026" in _get(client)[0]


def test_each_user_has_their_own_list(december, manager, other_manager, scheduled_metrics):
    assert "Lincolnshire: 3 figures due" in _get(client_for(manager))[0]
    assert "Lincolnshire" not in _get(client_for(other_manager))[0].split('id="your-tasks"')[-1].split("</section>")[0]


def test_a_role_given_changes_the_list_at_once(december, manager, council, scheduled_metrics):
    client = client_for(manager)
    assert "awaiting your approval" not in _get(client)[0]
    MembershipFactory(user=manager, council=council, role=Role.APPROVER)
    assert "awaiting your approval" in _get(client)[0]


def test_the_next_day_is_a_new_list(settings, manager, scheduled_metrics):
    client = client_for(manager)
    settings.RETURNS_TODAY = dt.date(2026, 12, 3)
    assert "3 figures due for November 2026, by 21 December 2026" in _get(client)[0]
    settings.RETURNS_TODAY = dt.date(2026, 12, 22)
    assert "3 figures overdue for November 2026: due 21 December 2026" in _get(client)[0]


def test_an_advisers_late_returns_table_is_the_same_warm_sorted_and_paged(settings, adviser, scheduled_metrics):
    settings.RETURNS_TODAY = dt.date(2026, 12, 22)
    client = client_for(adviser)
    for query in ("", "?late-returns-sort=-days", "?late-returns-sort=measure"):
        cold, _ = _get(client, "/" + query)
        warm, _ = _get(client, "/" + query)
        assert "Overdue and late returns, every council" in warm and warm == cold
    assert _get(client, "/?late-returns-sort=measure")[0] != _get(client, "/?late-returns-sort=-measure")[0]


def test_a_warm_advisers_home_page_builds_no_late_returns_table(settings, adviser, scheduled_metrics):
    from unittest import mock

    from pipdash import views

    settings.RETURNS_TODAY = dt.date(2026, 12, 22)
    client = client_for(adviser)
    cold, _ = _get(client)
    with mock.patch.object(views, "LateReturnsTable", side_effect=AssertionError("built on a warm page")):
        warm, _ = _get(client)
    assert "Overdue and late returns, every council" in warm and warm == cold
