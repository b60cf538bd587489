"""A signed-in request reads its user and roles from the cache (issue 20), and a change to either applies at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import Membership, Role
from tests.conftest import client_for
from tests.factories import MembershipFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_signed_in_page_reads_no_user_or_role_from_the_database_once_cached(scrutiny, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as production runs with Redis
    client = client_for(scrutiny)
    client.get("/accessibility/")
    response, sql = _queries(client, "/accessibility/")
    assert response.status_code == 200
    assert not any("auth_user" in q or "programmes_membership" in q for q in sql)
    assert len(sql) <= 1


def test_a_new_role_applies_at_once(scrutiny, council, other_council):
    client = client_for(scrutiny)
    url = f"/councils/{other_council.gss_code}/import/"
    assert client.get(url).status_code == 403
    MembershipFactory(user=scrutiny, council=other_council, role=Role.MANAGER)
    assert client.get(url).status_code == 200


def test_a_removed_role_applies_at_once(manager, council):
    client = client_for(manager)
    url = f"/councils/{council.gss_code}/import/"
    assert client.get(url).status_code == 200
    Membership.objects.get(user=manager, council=council).delete()
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("change", ["password", "deactivate"])
def test_a_changed_password_or_deactivated_account_signs_the_cached_session_out(scrutiny, change):
    client = client_for(scrutiny)
    assert client.get("/accessibility/").status_code == 200
    assert client.get("/").status_code == 200
    if change == "password":
        scrutiny.set_password("a-new-long-password-123")
    else:
        scrutiny.is_active = False
    scrutiny.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("page", ["council", "project"])
def test_a_cached_council_or_project_page_costs_one_query_more_than_the_floor(page, scrutiny, project, settings):
    """The council (and its last committee meeting, for "changes since") or the project in one query, then
    the cached content."""
    import datetime as dt

    from programmes.models import CommitteeMeeting

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CommitteeMeeting.objects.create(council=project.council, committee="Scrutiny", meets_on=dt.date(2026, 9, 1))
    url = project.council.get_absolute_url() if page == "council" else project.get_absolute_url()
    client = client_for(scrutiny)
    client.get("/accessibility/")
    _, floor = _queries(client, "/accessibility/")
    assert client.get(url).status_code == 200
    response, sql = _queries(client, url)
    assert response.status_code == 200
    assert len(sql) <= len(floor) + 1, sql
