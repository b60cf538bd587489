"""Sign-ins, sign-outs and failed sign-ins are written to the pipdash.security log."""

import logging

from axes.models import AccessFailureLog, AccessLog

from tests.factories import PASSWORD, UserFactory


def _messages(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "pipdash.security"]


def test_a_failed_sign_in_is_logged_with_username_and_address(client, db, caplog):
    UserFactory(username="reader")
    caplog.set_level(logging.INFO, logger="pipdash.security")
    client.post("/sign-in/", {"username": "reader", "password": "wrong"})
    assert "sign-in failed user=reader address=127.0.0.1" in _messages(caplog)
    # The password itself is never logged.
    assert not any("wrong" in message for message in _messages(caplog))
    assert AccessFailureLog.objects.filter(username="reader").count() == 1


def test_sign_in_and_sign_out_are_logged(client, db, caplog):
    UserFactory(username="reader")
    caplog.set_level(logging.INFO, logger="pipdash.security")
    client.post("/sign-in/", {"username": "reader", "password": PASSWORD})
    client.post("/sign-out/")
    messages = _messages(caplog)
    assert "sign-in succeeded user=reader address=127.0.0.1" in messages
    assert "sign-out user=reader address=127.0.0.1" in messages
    log = AccessLog.objects.get(username="reader")
    assert log.logout_time is not None


def test_a_locked_out_attempt_says_so_in_the_log(client, db, caplog):
    UserFactory(username="reader")
    caplog.set_level(logging.INFO, logger="pipdash.security")
    for _ in range(6):
        client.post("/sign-in/", {"username": "reader", "password": "wrong"})
    assert any(message.endswith("(locked out)") for message in _messages(caplog))
