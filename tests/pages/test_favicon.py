"""The site's own icon: /favicon.ico answers everyone, and every page links the icon (not the GOV.UK crown)."""

import pytest

ICO_HEADER = b"\x00\x00\x01\x00"


@pytest.fixture
def static_from_folders(settings):
    # WhiteNoise answers before the sign-in check; in tests it serves from the static folders themselves.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def test_favicon_ico_sends_a_signed_out_browser_to_the_icon(client, db, static_from_folders):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/images/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(ICO_HEADER)


def test_favicon_ico_answers_head_but_not_post(client, db):
    assert client.head("/favicon.ico").status_code == 302
    assert client.post("/favicon.ico").status_code == 405


def test_the_svg_icon_is_served_to_signed_out_browsers(client, db, static_from_folders):
    response = client.get("/static/images/favicon.svg")
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)


def test_pages_link_our_icon_not_the_govuk_crown(client, db):
    html = client.get("/sign-in/").content.decode()
    assert '<link rel="icon" sizes="16x16 32x32 48x48" href="/static/images/favicon.ico">' in html
    assert '<link rel="icon" type="image/svg+xml" href="/static/images/favicon.svg">' in html
    assert "govuk/assets/images/favicon" not in html
