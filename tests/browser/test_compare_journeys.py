"""Compare journeys as a user makes them, by mouse and keyboard: the page keeps their work (issue 17)."""

from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import assert_accessible

START = "/compare/?metric=csww-turnover-rate-fte&council=E10000019"


def _query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_type_a_second_council_click_compare_mistype_then_save_a_group(open_page):
    page = open_page("adviser")
    page.goto(START)
    page.get_by_role("combobox", name="Add a council").fill("Kent")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert _query(page)["council"] == ["E10000019", "E10000016"] and _query(page)["metric"]
    # A mistyped name: an error beside the field, and both councils still ticked.
    field = page.get_by_role("combobox", name="Add a council")
    field.fill("Lincolnshre")
    field.press("Escape")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.get_by_text("No council is called Lincolnshre").first.wait_for()
    assert page.get_by_role("checkbox", name="Lincolnshire").is_checked()
    assert page.get_by_role("checkbox", name="Kent").is_checked()
    page.get_by_role("combobox", name="Add a council").fill("")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state("networkidle")
    # Saving the group keeps the measure and the results.
    page.get_by_label("Save these 2 councils as your own group").fill("Shires I watch")
    page.get_by_role("button", name="Save group").click()
    page.wait_for_load_state("networkidle")
    assert _query(page)["metric"] == ["csww-turnover-rate-fte"] and "group" in _query(page)
    page.get_by_text("Saved your group ‘Shires I watch’ of 2 councils.").wait_for()
    page.locator("#chart-compare-trend .main-svg").first.wait_for()
    saved = page.url
    page.reload()
    assert page.url == saved and page.get_by_role("heading", name="Social worker turnover rate (FTE, DfE)").count()
    page.go_back()
    page.wait_for_load_state("networkidle")
    assert sorted(_query(page)["council"]) == ["E10000016", "E10000019"]  # the comparison before saving
    assert_accessible(page)


def test_signing_in_returns_to_the_comparison(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    address = START + "&first_year=2018%2F19"
    page.goto(address)
    assert "/sign-in/" in page.url and "next=" in page.url
    page.get_by_label("Username").fill("adviser")
    page.get_by_label("Password").fill("pipdash-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(address)
    assert page.get_by_label("From (year)").input_value() == "2018/19"
    context.close()
