"""The first real-browser journey: a scrutiny member signs in and sees the home page."""

import re

import pytest

from tests.browser.conftest import assert_accessible

PUBLIC_PAGES = ["/sign-in/", "/accessibility/"]


def test_scrutiny_member_signs_in_and_sees_the_councils(open_page):
    page = open_page()
    page.goto("/")
    assert "/sign-in/" in page.url, "a signed-out visitor is sent to sign in"
    page.get_by_label("Username").fill("lincs-scrutiny")
    page.get_by_label("Password").fill("pipdash-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Councils taking part")
    assert page.get_by_text("Signed in as").is_visible()
    assert_accessible(page)


def test_wrong_password_shows_an_accessible_error(open_page):
    page = open_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("lincs-scrutiny")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_accessible(open_page, path):
    page = open_page()
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/accessibility/"])
def test_signed_in_pages_are_accessible(open_page, path):
    page = open_page("adviser")
    page.goto(path)
    assert_accessible(page)


def test_sign_out_returns_to_sign_in(open_page):
    page = open_page("lincs-manager")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    page.goto("/")
    assert "/sign-in/" in page.url
