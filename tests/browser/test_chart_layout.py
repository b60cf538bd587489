"""A measure's chart as drawn by plotly.js in Chromium: the legend never overlaps an axis title or the tick
labels, at a laptop's width and a phone's; a one-figure measure is a headline, not a chart (issue 14)."""

import pytest

from tests.browser.conftest import assert_accessible

# Lincolnshire's children-in-need episodes: figures, England's and the region's yearly benchmarks.
CHART_PAGE = "/councils/E10000019/charts/cin-episodes-started/"
BOXES = """() => {
  const chart = document.querySelector('.js-chart');
  const box = selector => { const node = chart.querySelector(selector); if (!node) return null;
    const r = node.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  return {legend: box('.legend'), xtitle: box('.g-xtitle'), ytitle: box('.g-ytitle'),
          xticks: box('.xaxislayer-above'), svg: box('.main-svg')};
}"""


def overlap(a, b) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("width", [1280, 320])
def test_the_legend_keeps_clear_of_the_axis_titles_and_tick_labels(open_page, width):
    page = open_page("lincs-scrutiny")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(CHART_PAGE)
    page.locator(".js-chart .legend").wait_for()
    boxes = page.evaluate(BOXES)
    legend = boxes["legend"]
    for other in ("xtitle", "ytitle", "xticks"):
        assert not overlap(legend, boxes[other]), (other, boxes)
    assert legend["top"] >= boxes["xtitle"]["bottom"]  # below the axis title, not beside it
    # Inside the figure: nothing is cut off at the chart's edges.
    svg = boxes["svg"]
    assert svg["left"] <= legend["left"] and legend["right"] <= svg["right"] + 1
    assert legend["bottom"] <= svg["bottom"] + 1
    names = page.locator(".js-chart .legendtext").evaluate_all("nodes => nodes.map(node => node.textContent)")
    assert names[:2] == ["Actual", "England average"]


def test_a_one_figure_measure_is_a_headline_and_the_page_passes_axe(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/councils/E10000019/")
    headline = page.locator("#chart-lincolnshire-sos-enhanced-trained")
    assert headline.locator("figcaption").inner_text() == "People who attended 5-day Enhanced Signs of Safety training"
    assert "155 as at 20 July 2018" in headline.inner_text()
    assert headline.locator(".js-chart").count() == 0
    assert_accessible(page, context="#chart-lincolnshire-sos-enhanced-trained")
