"""The API documentation page draws the operations from our own static Swagger UI with no
Content-Security-Policy violation (the open_page fixture fails a test on any), and opens one."""


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
