"""Phones and zoom (WCAG 1.4.10): every page reads at 320 px wide without the page scrolling sideways.

Wide tables scroll inside their own focusable, named region; charts redraw at the narrow width.
"""

import pytest

from tests.browser.conftest import assert_accessible

PROJECT = "/councils/E10000019/projects/signs-of-safety/"
# Lincolnshire, Leeds and Lancashire: the demo's three councils with the most projects, charts and tables.
COUNCILS = ["/councils/E10000019/", "/councils/E08000035/", "/councils/E10000017/"]
PAGES = [
    ("lincs-scrutiny", "/"),
    *[("lincs-scrutiny", council) for council in COUNCILS],
    ("lincs-scrutiny", PROJECT),
    ("adviser", "/councils/E08000035/projects/futures/"),
    ("lincs-scrutiny", PROJECT + "history/"),
    ("adviser", "/programmes/partners-in-practice/"),
    ("adviser", "/compare/?metric=csww-turnover-rate-fte&council=E10000019&council=E08000035&region=E12000004"),
    ("lincs-manager", PROJECT + "figures/add/"),
    ("lincs-scrutiny", "/councils/E10000019/report/"),
    ("lincs-approver", "/returns/approvals/"),
]
# The elements, outside a scrolling region, whose right edge passes the window's: named in a failure.
OVERFLOWING = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(el => !el.closest('.app-table-scroll'))
  .slice(0, 8)
  .map(el => el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).split(' ').join('.')
       + ' ' + Math.round(el.getBoundingClientRect().right) + 'px')"""
# Boxes that scroll sideways other than the named table regions: a box like this hides its overflow from
# the page-width check but is a scroller a keyboard user may not reach or a screen reader may not name.
STRAY_SCROLLERS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
  .filter(el => !el.matches('.app-table-scroll'))
  .map(el => el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).split(' ').join('.'))"""


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_every_page_reads_at_320_pixels_without_scrolling_sideways(open_page, username, path):
    page = open_page(username)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    if page.locator(".js-chart").count():
        page.locator(".js-chart .main-svg").first.wait_for()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path} is {width[0]} px wide in a {width[1]} px window: {page.evaluate(OVERFLOWING)}"
    assert page.evaluate(STRAY_SCROLLERS) == [], f"{path} scrolls sideways outside a named table region"
    assert not page.locator(".app-table-scroll .app-table-scroll").count(), "a table region inside another"
    for region in page.locator(".app-table-scroll").all():
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")
    assert_accessible(page)
