"""Permissions-Policy everywhere; a signed-in user's pages and downloads are never stored by a cache;
static files keep their long cache headers; the server-side page caches still work."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory


def _signed_in(user=None):
    client = Client()
    client.force_login(user or UserFactory(username="reader"))
    return client


def test_every_response_has_a_permissions_policy(client, db):
    for url in ["/sign-in/", "/accessibility/", "/healthz", "/councils/E10000019/"]:
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy
        assert "microphone=()" in policy
        assert "geolocation=()" in policy


def test_signed_in_pages_and_downloads_are_private_and_not_stored(council_page_data):
    client = _signed_in()
    for url in ["/", "/councils/E10000019/", "/councils/E10000019/figures.csv", "/account/password/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_static_files_keep_their_long_cache_headers_for_signed_in_users(db, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_MAX_AGE = 31536000
    response = _signed_in().get("/static/css/pipdash.css")
    assert response.status_code == 200
    assert "max-age=31536000" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_council_pages_server_side_cache_still_serves_the_second_view(council_page_data):
    client = _signed_in()
    with CaptureQueriesContext(connection) as first:
        assert client.get("/councils/E10000019/").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/councils/E10000019/").status_code == 200
    assert len(second) < len(first)
