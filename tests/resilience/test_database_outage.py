"""A database that cannot be reached gives a 503 with Retry-After, never the generic 500."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import RequestFactory

from pipdash.middleware import DatabaseUnavailableMiddleware
from tests.factories import UserFactory


def _database_down(error=OperationalError):
    return mock.patch.object(CursorWrapper, "execute", side_effect=error("server closed the connection"))


def _assert_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert 'class="app-header"' in page


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_view_that_cannot_reach_the_database_gives_503(error):
    response = DatabaseUnavailableMiddleware(lambda request: None).process_exception(
        RequestFactory().get("/councils/E10000019/"), error("gone")
    )
    _assert_503(response)


def test_other_exceptions_are_left_to_the_500_page():
    request = RequestFactory().get("/")
    assert DatabaseUnavailableMiddleware(lambda r: None).process_exception(request, ValueError("x")) is None


def test_a_signed_in_page_during_an_outage_gives_503(quiet_client, db):
    # The session is read in middleware, before the view: handler500 makes the same check.
    quiet_client.force_login(UserFactory(username="reader"))
    with _database_down():
        response = quiet_client.get("/councils/E10000019/")
    _assert_503(response)


def test_the_sign_in_page_during_an_outage_gives_503(quiet_client, db):
    with _database_down():
        response = quiet_client.post("/sign-in/", {"username": "reader", "password": "x"})
    _assert_503(response)


def test_healthz_is_ok_without_signing_in(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_names_the_database_when_it_is_down(client, db):
    with _database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "failed", "cache": "ok"}
