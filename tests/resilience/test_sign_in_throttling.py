"""Five wrong passwords for one username from one address lock that pair out for 15 minutes."""

import datetime as dt

from axes.models import AccessAttempt
from django.test import Client
from freezegun import freeze_time

from tests.factories import PASSWORD, UserFactory


def _sign_in(client, password, username="reader"):
    return client.post("/sign-in/", {"username": username, "password": password})


def test_five_failures_lock_out_even_the_right_password(client, db):
    UserFactory(username="reader")
    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200
    response = _sign_in(client, "wrong")
    assert response.status_code == 429
    response = _sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_the_sign_in_page_saying_why_and_for_how_long(client, db):
    UserFactory(username="reader")
    for _ in range(5):
        response = _sign_in(client, "wrong")
    page = response.content.decode()
    assert response.status_code == 429
    assert "govuk-error-summary" in page
    assert "Sign in to pipdash" in page
    assert "too many failed sign-ins" in page
    assert "15 minutes" in page
    assert "/password-reset/" in page


def test_lockout_is_per_address_so_colleagues_elsewhere_can_sign_in(client, db):
    UserFactory(username="reader")
    for _ in range(5):
        _sign_in(client, "wrong")
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert _sign_in(elsewhere, PASSWORD).status_code == 302


def test_lockout_is_per_username(client, db):
    UserFactory(username="reader")
    UserFactory(username="colleague")
    for _ in range(5):
        _sign_in(client, "wrong")
    assert _sign_in(client, PASSWORD, username="colleague").status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, db):
    UserFactory(username="reader")
    start = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        for _ in range(5):
            _sign_in(client, "wrong")
        assert _sign_in(client, PASSWORD).status_code == 429
    with freeze_time(start + dt.timedelta(minutes=16)):
        assert _sign_in(client, PASSWORD).status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, db):
    UserFactory(username="reader")
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, PASSWORD).status_code == 302
    client.post("/sign-out/")
    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200


def test_failed_attempts_are_recorded_in_the_database(client, db):
    UserFactory(username="reader")
    _sign_in(client, "wrong")
    _sign_in(client, "wrong")
    attempt = AccessAttempt.objects.get(username="reader")
    assert attempt.failures_since_start == 2
    assert attempt.ip_address == "127.0.0.1"


def test_the_test_clients_login_and_force_login_still_work(client, db):
    user = UserFactory(username="reader")
    assert client.login(username="reader", password=PASSWORD)
    client.logout()
    client.force_login(user)
    assert client.get("/").status_code == 200
