"""A Redis that is down costs nothing but speed: sign-in works and pages are built uncached."""

import time

import pytest

from pipdash.env import redis_cache
from tests.factories import PASSWORD, UserFactory

CLOSED_PORT = "redis://127.0.0.1:6390/0"


@pytest.fixture
def dead_redis(settings):
    # The settings production uses when REDIS_URL is set, pointed at a port nothing listens on.
    settings.CACHES = {"default": redis_cache(CLOSED_PORT, "pipdash-test-dead", 0.25)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.core.cache import cache

    assert cache.get("anything") is None  # no exception: a miss
    return settings


def test_sign_in_works_and_the_session_lasts_while_redis_is_down(client, dead_redis, db):
    UserFactory(username="reader")
    response = client.post("/sign-in/", {"username": "reader", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_council_page_still_renders_while_redis_is_down(client, dead_redis, council_page_data):
    client.force_login(UserFactory(username="reader"))
    started = time.monotonic()
    for _ in range(2):
        response = client.get("/councils/E10000019/")
        assert response.status_code == 200
        assert "Lincolnshire" in response.content.decode()
    # Refused connections fail at once: no retries or backoff per cache call.
    assert time.monotonic() - started < 10


def test_healthz_names_the_cache_when_redis_is_down(client, dead_redis, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "failed"}


def test_redis_errors_are_logged(client, dead_redis, db, caplog):
    client.get("/healthz")
    assert any(record.name == "pipdash.cache" for record in caplog.records)
