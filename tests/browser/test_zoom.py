"""400% zoom (WCAG 1.4.10 Reflow): a 1280 x 1024 desktop window zoomed to 400% is 320 x 256 CSS pixels.

At that size the page must not scroll sideways (wide tables scroll in their own named region), nothing
fixed or sticky may sit over the content, and the header and menu must still work: GOV.UK's service
navigation folds its links under a "Menu" button, so the page's own content starts on the first screen.
"""

import pytest

from tests.browser.conftest import CSP_EVENT_PREFIX, CSP_LISTENER, assert_accessible, sign_in
from tests.browser.test_reflow import COUNCILS, OVERFLOWING, PROJECT, STRAY_SCROLLERS

ZOOMED = {"width": 320, "height": 256}
PAGES = [
    *[("lincs-scrutiny", council) for council in COUNCILS],
    ("lincs-scrutiny", PROJECT),
    ("adviser", "/councils/E08000035/projects/futures/"),
]
# Boxes that stay put while the page scrolls: 256 px tall, the window has no room for anything pinned over it.
PINNED = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
  .filter(el => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0; })
  .map(el => el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).split(' ').join('.'))"""


@pytest.fixture
def zoomed_page(browser, live_server, demo_data):
    """zoomed_page(username) -> a signed-in page drawn as desktop zoom draws it: 4 device pixels a CSS pixel."""
    contexts = []

    def _open(username):
        context = browser.new_context(base_url=live_server.url, viewport=ZOOMED, device_scale_factor=4)
        contexts.append(context)
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text or message.text.startswith(CSP_EVENT_PREFIX)
                else None
            ),
        )
        sign_in(page, username)
        return page

    yield _open
    violations = {
        page.url: page.csp_violations for context in contexts for page in context.pages if page.csp_violations
    }
    for context in contexts:
        context.close()
    assert not violations, f"CSP violations: {violations}"


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_pages_at_400_percent_zoom_reflow_with_nothing_pinned_over_them(zoomed_page, username, path):
    page = zoomed_page(username)
    page.goto(path)
    assert page.evaluate("window.devicePixelRatio") == 4
    if page.locator(".js-chart").count():
        page.locator(".js-chart .main-svg").first.wait_for()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path} is {width[0]} px wide in a {width[1]} px window: {page.evaluate(OVERFLOWING)}"
    assert page.evaluate(STRAY_SCROLLERS) == [], f"{path} scrolls sideways outside a named table region"
    assert page.evaluate(PINNED) == [], "something stays fixed over the content as the page scrolls"

    # The menu is folded under one button, so the header and menu leave room for the page on the first screen.
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Compare councils").is_visible()
    heading = page.locator("h1").bounding_box()
    assert heading["y"] < ZOOMED["height"] * 2, "the page's heading is more than two screens down"
    assert_accessible(page)


def test_the_folded_menu_opens_by_keyboard_and_its_links_fit_the_zoomed_window(zoomed_page):
    page = zoomed_page("lincs-scrutiny")
    page.goto(COUNCILS[0])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.bounding_box()["width"] <= ZOOMED["width"], "the skip link shows within the window when focused"

    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    for name in ["Councils", "Compare councils", "Partnerships"]:
        link = page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED["width"], name
    page.get_by_role("link", name="Compare councils", exact=True).click()
    page.wait_for_url("**/compare/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
