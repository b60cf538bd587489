"""Issue 14 in a real browser, under axe: the project page as it stood on a date, and the programme summary."""

from tests.browser.conftest import assert_accessible

PROJECT = "/councils/E10000019/projects/signs-of-safety/"


def test_the_project_page_as_at_a_date_is_accessible_and_its_date_field_works(open_page):
    page = open_page("lincs-scrutiny")
    page.goto(PROJECT)
    page.get_by_label("See this page as it stood on").fill("2018-07-20")
    page.get_by_role("button", name="Show the page on this date").click()
    page.wait_for_url("**as_at=2018-07-20")
    assert page.get_by_role("region", name="As it stood").is_visible()
    if page.locator(".js-chart").count():
        page.locator(".js-chart .main-svg").first.wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="See the page as it is today").click()
    page.wait_for_url(f"**{PROJECT}")
    assert page.get_by_role("region", name="As it stood").count() == 0


def test_the_programme_summary_with_its_lists_is_accessible(open_page):
    from projects.models import Project

    # The demo's projects all closed by 2020: reopened here, their measures and milestones are summarised.
    Project.objects.filter(council__gss_code="E10000019").update(status=Project.Status.ACTIVE, status_changed_on=None)
    page = open_page("adviser")
    page.goto("/programmes/partners-in-practice/")
    summary = page.locator("section.app-summary")
    assert "Active projects 6:" in " ".join(summary.inner_text().split())
    assert summary.locator("li").count() > 0
    assert_accessible(page)
