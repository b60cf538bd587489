"""Wide tables stay inside the page: at 1280 px they fit, and narrower they scroll in their own named box."""

import pytest

from tests.browser.conftest import assert_accessible

WIDE_TABLES = [
    ("/programmes/partners-in-practice/", "Councils taking part"),
    ("/compare/partnerships/", "Improvement partnerships"),
]
PAGE_WIDTH = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize(("path", "name"), WIDE_TABLES)
def test_wide_tables_fit_a_1280_pixel_window_and_scroll_by_keyboard_when_narrower(open_page, path, name):
    page = open_page("adviser")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path)
    region = page.get_by_role("region", name=name, exact=True)
    assert region.get_attribute("tabindex") == "0"
    assert page.evaluate(PAGE_WIDTH), "the page is wider than a 1280 px window"
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth"), "at 1280 px the table fits its column"
    assert_accessible(page)

    page.set_viewport_size({"width": 480, "height": 800})
    page.reload()  # charts take their width when drawn
    assert page.evaluate(PAGE_WIDTH), "the table widens the page instead of scrolling in its box"
    assert region.evaluate("box => box.scrollWidth > box.clientWidth"), "the table's own box scrolls"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
