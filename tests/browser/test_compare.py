"""The compare page in a real browser on the demo data: charts drawn, autocomplete, accessibility."""

import json

from tests.browser.conftest import assert_accessible

TURNOVER = "/compare/?metric=csww-turnover-rate-fte&council=E10000019&council=E08000035&region=E12000004"


def test_compare_draws_both_charts_with_the_published_england_line(open_page):
    page = open_page("adviser")
    page.goto(TURNOVER)
    page.locator("#chart-compare-trend .main-svg").first.wait_for()
    page.locator("#chart-compare-ranking .main-svg").first.wait_for()
    trend = json.loads(page.locator("#chart-compare-trend-data").text_content())
    england = next(trace for trace in trend["data"] if trace["name"] == "England")
    assert england["y"][-1] == 11.8  # DfE's published England turnover rate, 30 September 2025
    assert page.get_by_role("link", name="Link to this comparison").get_attribute("href").endswith(TURNOVER[9:])
    assert_accessible(page)


def test_typing_a_name_suggests_councils_and_adds_the_one_chosen(open_page):
    page = open_page("lincs-scrutiny")
    page.goto(TURNOVER)
    field = page.get_by_role("combobox", name="Add a council")
    field.fill("Leicesters")
    option = page.get_by_role("listbox", name="Matching councils").get_by_role(
        "option", name="Leicestershire", exact=True
    )
    option.wait_for()
    field.press("ArrowDown")
    with page.expect_navigation():
        field.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "council=E10000018" in page.url
    assert page.get_by_role("checkbox", name="Leicestershire").is_checked()


def test_compare_without_javascript_still_adds_a_typed_council(browser, live_server, demo_data):
    from tests.browser.conftest import sign_in

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "adviser")
    page.goto("/compare/?metric=csww-turnover-rate-fte")
    page.get_by_label("Add a council").fill("kent")
    page.get_by_role("button", name="Compare").click()
    assert "council=E10000016" in page.url
    context.close()


def test_partnerships_page_is_accessible(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/compare/partnerships/")
    if page.locator(".js-chart").count():
        page.locator(".js-chart .main-svg").first.wait_for()
    assert_accessible(page)
