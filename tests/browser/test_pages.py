"""Council, project and programme pages in a real browser: Plotly draws, axe finds nothing, no CSP violation."""

import pytest

from tests.browser.conftest import assert_accessible

PAGES = [
    ("lincs-scrutiny", "/councils/E10000019/"),
    ("lincs-manager", "/councils/E10000019/"),
    ("leeds-manager", "/councils/E08000035/"),
    ("adviser", "/councils/E10000017/"),
    ("adviser", "/councils/E10000018/"),
    ("lincs-scrutiny", "/councils/E10000019/projects/signs-of-safety/"),
    ("adviser", "/programmes/partners-in-practice/"),
    ("lincs-scrutiny", "/councils/E10000019/charts/lincolnshire-sos-enhanced-trained/"),
]


def test_the_lincolnshire_page_draws_its_charts_under_a_strict_csp(open_page):
    # A manager sees the draft second staff-turnover figure, so that measure is a chart, not a headline.
    page = open_page("lincs-manager")
    page.goto("/councils/E10000019/")
    page.locator(".js-chart .main-svg").first.wait_for()
    charts = page.locator(".js-chart")
    assert charts.count() >= 1
    assert page.locator(".js-chart.js-plotly-plot").count() == charts.count(), "every chart was drawn"
    # plotly was told (by the stylesheet link's id and class) not to inject a <style> element.
    assert page.locator("style#plotly\\.js-style-global").count() == 0
    assert page.csp_violations == []


def test_show_the_data_opens_the_charts_table(open_page):
    # A manager sees the draft second staff-turnover figure, so that measure is a chart, not a headline.
    page = open_page("lincs-manager")
    page.goto("/councils/E10000019/")
    first = page.locator("figure.app-figure:has(.js-chart)").first
    first.get_by_text("Show the data").click()
    assert first.locator("table").is_visible()


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_pages_are_accessible(open_page, username, path):
    page = open_page(username)
    page.goto(path)
    if page.locator(".js-chart").count():
        page.locator(".js-chart .main-svg").first.wait_for()
    assert_accessible(page)


def test_the_council_page_prints_with_charts_and_without_navigation(open_page):
    # A manager sees the draft second staff-turnover figure, so that measure is a chart, not a headline.
    page = open_page("lincs-manager")
    page.goto("/councils/E10000019/")
    page.locator(".js-chart .main-svg").first.wait_for()
    page.emulate_media(media="print")
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert page.locator(".js-chart .main-svg").first.is_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"
