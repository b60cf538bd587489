"""The API documentation page draws the operations from our own static Swagger UI with no
Content-Security-Policy violation (the open_page fixture fails a test on any), and opens one; the
tokens and open-data pages are accessible."""

from tests.browser.conftest import assert_accessible


def test_the_api_docs_page_draws_every_operation_without_a_violation(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.locator(".opblock").count() >= 15
    page.locator(".opblock-summary").first.click()
    page.wait_for_timeout(500)
    assert page.csp_violations == []


def test_the_footer_links_to_the_api_docs(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/")
    page.get_by_role("link", name="API", exact=True).click()
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.csp_violations == []


def test_a_user_creates_a_token_sees_it_once_and_revokes_it_on_accessible_pages(open_page):
    page = open_page("lincs-manager")
    page.goto("/account/api-tokens/")
    assert_accessible(page)
    page.get_by_role("button", name="Create token").click()
    assert_accessible(page)  # the error summary and the name's error
    page.get_by_label("Name").fill("Mosaic export")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()
    assert page.locator(".api-token-secret").inner_text().startswith("pd_")
    assert_accessible(page)
    page.get_by_role("button", name="Revoke Mosaic export").click()
    assert "revoked" in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_open_data_page_is_accessible(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/open-data/")
    assert_accessible(page)
