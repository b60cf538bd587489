"""Compare as a user drives it, on the demo data: the suggestion list never moves the Compare button, a
statistical-neighbour group draws its median with the figures in a table, a region or a judgement without a
measure asks for one and keeps what was chosen, one council is one council (issue 17, point 6)."""

import csv
import io
import json
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tests.browser.conftest import assert_accessible

START = "/compare/?metric=csww-turnover-rate-fte&council=E10000019"
MEDIAN = "Median of Lincolnshire's 10 statistical neighbours"


def _query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def _place(locator) -> tuple:
    """Where an element is on the page (not in the window, which scrolls to the field typed in)."""
    return locator.evaluate("el => [el.offsetLeft, el.getBoundingClientRect().top + scrollY]")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_suggestion_list_never_moves_the_compare_button(open_page, width):
    page = open_page("adviser")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(START)
    field = page.get_by_role("combobox", name="Add a council")
    button = page.get_by_role("button", name="Compare", exact=True)
    closed = _place(button)
    field.click()
    page.keyboard.type("K")  # ten suggestions: the longest list
    page.get_by_role("listbox", name="Matching councils").wait_for()
    assert _place(button) == closed
    page.keyboard.type("ent")
    page.get_by_role("option", name="Kent", exact=True).wait_for()
    # A person's click: pressed and released where the button was seen, while the list was open.
    assert _place(button) == closed
    button.scroll_into_view_if_needed()  # as a wheel would: the field keeps its focus and the list stays open
    assert page.get_by_role("option", name="Kent", exact=True).is_visible()
    box = button.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**council=E10000016**")
    page.wait_for_load_state("networkidle")
    assert _query(page)["council"] == ["E10000019", "E10000016"]
    assert page.get_by_role("checkbox", name="Kent").is_checked()


def test_statistical_neighbours_draw_their_median_with_the_figures_in_a_table(open_page):
    page = open_page("adviser")
    page.goto("/compare/?metric=csww-turnover-rate-fte")
    page.get_by_label("A comparison group").select_option(label="Statistical neighbours of Lincolnshire")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.locator("#chart-compare-trend .main-svg").first.wait_for()
    trend = json.loads(page.locator("#chart-compare-trend-data").text_content())
    names = [trace["name"].replace("&#x27;", "'") for trace in trend["data"]]
    assert names[-1] == MEDIAN and "England" in names and "Lincolnshire" in names
    median = trend["data"][-1]
    assert median["y"][-1] == 11.3 and median["customdata"][-1] == "11.3% (median of 9 of 10)"
    page.get_by_text(f"{MEDIAN}: 11.3%, as at 30 September 2025").wait_for()
    table = page.get_by_role("region", name="Social worker turnover rate (FTE, DfE) over time: the figures drawn")
    assert table.get_by_role("columnheader", name=MEDIAN).count() == 1
    row = table.get_by_role("row", name="as at 30 September 2025")
    assert "11.3% (median of 9 of 10)" in row.inner_text()
    # The downloads sit under the table's scrolling region, so they stay in view when it scrolls sideways.
    link = page.get_by_role("link", name="CSV of Social worker turnover rate (FTE, DfE) over time: the figures drawn")
    download = page.request.get(urljoin(page.url, link.get_attribute("href")))
    rows = list(csv.reader(io.StringIO(download.text())))
    assert rows[0][0] == "Period" and rows[0][-1] == MEDIAN and rows[-1][-1] == "11.3"
    assert_accessible(page)


def test_a_region_without_a_measure_asks_for_one_and_keeps_the_region(open_page):
    page = open_page("adviser")
    page.goto("/compare/")
    page.get_by_label("Every council in a region").select_option(label="East Midlands")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.get_by_role("link", name="Choose a measure to compare the region's councils on").wait_for()
    assert page.get_by_label("Every council in a region").evaluate("select => select.selectedOptions[0].text") == (
        "East Midlands"
    )
    assert_accessible(page)
    # By keyboard: the measure, then Enter on the form.
    measure = page.get_by_label("Measure")
    measure.focus()
    measure.select_option(label="Social worker turnover rate (FTE, DfE)")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare", exact=True).press("Enter")
    page.locator("#chart-compare-trend .main-svg").first.wait_for()
    assert _query(page)["region"] == ["E12000004"] and _query(page)["metric"] == ["csww-turnover-rate-fte"]


def test_a_judgement_keeps_only_the_councils_judged_so(open_page):
    page = open_page("adviser")
    page.goto("/compare/?metric=csww-turnover-rate-fte&region=E12000004")
    every = page.get_by_text("Comparing ").inner_text()
    page.get_by_label("Latest Ofsted judgement").select_option(label="Good")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert _query(page)["ofsted"] == ["good"]
    fewer = page.get_by_text("Comparing ").inner_text()
    assert int(fewer.split()[1]) < int(every.split()[1])
    page.locator("#chart-compare-trend .main-svg").first.wait_for()


def test_one_council_is_saved_as_one_council(open_page):
    page = open_page("adviser")
    page.goto(START)
    page.get_by_label("Save this council as your own group").fill("Just Lincolnshire")
    page.get_by_role("button", name="Save group").click()
    page.get_by_text("Saved your group ‘Just Lincolnshire’ of 1 council.").wait_for()
    assert _query(page)["metric"] == ["csww-turnover-rate-fte"] and "group" in _query(page)
    page.locator("#chart-compare-trend .main-svg").first.wait_for()
