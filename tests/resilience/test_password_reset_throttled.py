"""Password reset requests are throttled: a few emails an hour to one address, a few requests an hour
from one client. Over a limit the answer looks the same (no account is revealed) but no email goes."""

import logging
import socket
import time

from tests.factories import UserFactory


def _ask(client, email, address="192.0.2.10"):
    return client.post("/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_one_address_is_sent_at_most_the_limit_of_emails_an_hour(client, db, mailoutbox, settings, caplog):
    settings.PASSWORD_RESET_LIMIT = 3
    UserFactory(username="reader", email="reader@council.example")
    caplog.set_level(logging.INFO, logger="pipdash.security")
    answers = [_ask(client, "Reader@Council.example", address=f"192.0.2.{n}")["Location"] for n in range(5)]
    assert answers == ["/password-reset/sent/"] * 5
    assert len(mailoutbox) == 3
    assert "password reset throttled (email)" in caplog.text


def test_one_client_may_ask_only_so_often_whatever_the_addresses(client, db, mailoutbox, settings):
    settings.PASSWORD_RESET_CLIENT_LIMIT = 4
    for n in range(6):
        UserFactory(username=f"user{n}", email=f"user{n}@council.example")
    for n in range(6):
        assert _ask(client, f"user{n}@council.example")["Location"] == "/password-reset/sent/"
    assert len(mailoutbox) == 4


def test_the_limits_are_per_address_and_per_client(client, db, mailoutbox, settings):
    settings.PASSWORD_RESET_LIMIT = 1
    UserFactory(username="one", email="one@council.example")
    UserFactory(username="two", email="two@council.example")
    _ask(client, "one@council.example")
    _ask(client, "two@council.example")
    assert sorted(mail.to[0] for mail in mailoutbox) == ["one@council.example", "two@council.example"]


def test_with_the_cache_unreachable_a_reset_still_works(client, db, mailoutbox, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    UserFactory(username="reader", email="reader@council.example")
    assert _ask(client, "reader@council.example")["Location"] == "/password-reset/sent/"
    assert len(mailoutbox) == 1


def test_a_silent_mail_server_costs_the_reset_page_seconds_not_a_500(client, db, settings):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection and never answers, as a hung SMTP server does
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", listener.getsockname()[1]
    settings.EMAIL_TIMEOUT = 1
    UserFactory(username="reader", email="reader@council.example")
    started = time.monotonic()
    try:
        response = _ask(client, "reader@council.example")
    finally:
        listener.close()
    assert response["Location"] == "/password-reset/sent/"
    assert time.monotonic() - started < 5
