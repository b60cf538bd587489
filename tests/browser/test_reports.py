"""The committee pack page in a real browser: axe finds nothing, charts draw under the strict CSP, and
preparing the files leads to a page that links them when ready."""

from tests.browser.conftest import assert_accessible

JULY_2018 = (
    "committee=Children+and+Young+People+Scrutiny+Committee&meeting_on_day=20&meeting_on_month=7&meeting_on_year=2018"
    "&since_day=1&since_month=4&since_year=2018&as_at_day=20&as_at_month=7&as_at_year=2018"
)


def test_the_empty_pack_form_is_accessible(open_page):
    page = open_page("lincs-scrutiny")
    page.goto("/councils/E10000019/report/")
    assert page.get_by_role("heading", name="Make a committee pack").is_visible()
    assert_accessible(page)


def test_lincolnshire_s_july_2018_pack_is_accessible_and_draws_its_charts(open_page):
    page = open_page("lincs-scrutiny")
    page.goto(f"/councils/E10000019/report/?{JULY_2018}")
    # By July 2018 each key measure had one figure: a headline number with its sentence, not a chart.
    assert page.locator(".app-headline").count() >= 1
    page.locator(".app-headline, .js-chart .main-svg").first.wait_for()
    assert page.get_by_role("heading", name="2. Exceptions").is_visible()
    assert_accessible(page)
    assert page.csp_violations == []


def test_a_form_error_is_summarised_and_accessible(open_page):
    page = open_page("lincs-scrutiny")
    page.goto(f"/councils/E10000019/report/?{JULY_2018.replace('since_year=2018', 'since_year=2019')}")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)


def test_the_programme_pack_is_accessible(open_page):
    page = open_page("adviser")
    page.goto(f"/programmes/partners-in-practice/report/?{JULY_2018}")
    assert page.locator('a[href^="/councils/E10000019/report/?committee="]').is_visible()
    assert_accessible(page)
