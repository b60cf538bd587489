"""Charts raise no Content-Security-Policy violation when drawn, hovered or used (the strict policy:
no inline script, no inline style, no eval). The open_page fixture fails a test on any violation."""

def test_hovering_a_chart_and_its_mode_bar_raises_no_violation(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/councils/E10000019/charts/lincolnshire-sos-enhanced-trained/")
    chart = page.locator(".js-chart .main-svg").first
    chart.wait_for()
    box = chart.bounding_box()
    for step in range(1, 10):
        page.mouse.move(box["x"] + box["width"] * step / 10, box["y"] + box["height"] / 2)
    modebar = page.locator(".modebar-btn")
    if modebar.count():
        modebar.first.hover()
    page.wait_for_timeout(300)
    assert page.csp_violations == []


def test_the_listener_catches_a_violation(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/accessibility/")
    page.evaluate("() => { document.body.setAttribute('style', 'color: red'); }")
    page.wait_for_timeout(200)
    assert page.csp_violations, "an inline style attribute set by script is reported"
    page.csp_violations.clear()  # this one was made on purpose

