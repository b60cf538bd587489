"""The compare page's ranking of all 153 councils in Chromium: every council named, no two names touching,
at a laptop's width and a phone's (issue 14: ranked charts keep labels readable with 153 councils)."""

import pytest

RANKING = "/compare/?metric=cin-episodes-started&council=E10000019&council=E08000035"
TICKS = """() => Array.from(document.querySelectorAll('#chart-compare-ranking .yaxislayer-above .ytick text'))
  .map(node => { const r = node.getBoundingClientRect();
                 return {text: node.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right}; })"""


@pytest.mark.parametrize("width", [1280, 320])
def test_every_council_is_named_and_no_two_names_overlap(open_page, width):
    page = open_page("lincs-scrutiny")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(RANKING)
    page.locator("#chart-compare-ranking .main-svg").first.wait_for()
    ticks = sorted(page.evaluate(TICKS), key=lambda tick: tick["top"])
    assert len(ticks) == 153
    for above, below in zip(ticks, ticks[1:], strict=False):
        assert above["bottom"] <= below["top"], (above, below)
    chosen = sorted(tick["text"].split(". ", 1)[1] for tick in ticks if tick["text"].startswith("▶"))
    assert chosen == ["Leeds", "Lincolnshire"]
    # Names stay inside the chart, and the page itself does not scroll sideways because of it.
    chart = page.locator("#chart-compare-ranking").bounding_box()
    assert min(tick["left"] for tick in ticks) >= chart["x"] - 1
