"""Data entry in a real browser: enter, submit, approve, see it charted; two editors at once; axe on every form."""

import re

from tests.browser.conftest import assert_accessible

PROJECT = "/councils/E10000019/projects/signs-of-safety/"
METRIC = "People who attended 5-day Enhanced Signs of Safety training"


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def save(page, name="Save as draft"):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("domcontentloaded")


def test_a_figure_goes_from_manager_to_approver_to_the_scrutiny_members_chart(open_page):
    manager = open_page("lincs-manager")
    manager.goto(PROJECT)
    manager.get_by_role("link", name="Add a figure").click()
    assert_accessible(manager)

    # A mistake first: the errors are summarised at the top, each linking to its field.
    manager.get_by_label("Metric").select_option(label=METRIC)
    manager.get_by_label("Value").fill("one hundred and ninety")
    fill_date(manager, "Date the figure is for", "31", "12", "2018")
    save(manager)
    summary = manager.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter the value as a number, like 155 or 7.3").get_attribute("href") == (
        "#id_value"
    )
    assert_accessible(manager)

    manager.get_by_label("Value").fill("190")
    save(manager)
    assert manager.get_by_text("Figure saved as a draft").is_visible()
    assert_accessible(manager)
    figure_url = manager.url
    manager.get_by_role("button", name="Submit for approval").click()
    manager.wait_for_load_state("domcontentloaded")
    assert manager.get_by_text("Figure submitted for approval.").is_visible()

    # Before approval, the scrutiny member does not see the draft.
    scrutiny = open_page("lincs-scrutiny")
    scrutiny.goto(PROJECT)
    assert scrutiny.locator("td", has_text=re.compile(r"^\s*190\s*$")).count() == 0

    approver = open_page("lincs-approver")
    approver.goto("/councils/E10000019/figures/awaiting-approval/")
    assert_accessible(approver)
    approver.get_by_role("link", name=re.compile(METRIC)).first.click()
    assert approver.url == figure_url
    # The return form, with its error showing, passes axe too; then the approver approves instead.
    approver.get_by_role("link", name="Return to the manager").click()
    save(approver, name="Return the figure")
    assert approver.locator(".govuk-error-summary").is_visible()
    assert_accessible(approver)
    approver.goto(figure_url)
    approver.get_by_role("button", name="Approve").click()
    approver.wait_for_load_state("domcontentloaded")
    assert approver.get_by_text("Figure approved.").is_visible()

    scrutiny.goto(PROJECT)
    scrutiny.locator(".js-chart .main-svg").first.wait_for()
    chart = scrutiny.locator("figure.app-figure", has_text=METRIC).first
    chart.get_by_text("Show the data").first.click()
    assert chart.locator("td", has_text=re.compile(r"^\s*190\s*$")).count() == 1
    assert scrutiny.get_by_role("link", name="Add a figure").count() == 0


def test_the_second_of_two_editors_gets_the_conflict_and_can_keep_either(open_page):
    first = open_page("lincs-manager")
    first.goto(PROJECT)
    first.get_by_role("link", name="Add a figure").click()
    first.get_by_label("Metric").select_option(label=METRIC)
    first.get_by_label("Value").fill("180")
    fill_date(first, "Date the figure is for", "30", "11", "2018")
    save(first)
    edit_url = first.url + "edit/"

    second = open_page("lincs-manager")
    first.goto(edit_url)
    second.goto(edit_url)
    first.get_by_label("Value").fill("181")
    save(first)
    second.get_by_label("Value").fill("182")
    save(second)

    banner = second.locator("#conflict")
    assert banner.get_by_text("Someone else changed this while you were editing it").is_visible()
    value_row = banner.locator("tr", has=second.locator("th", has_text="Value"))
    assert value_row.locator("td").all_inner_texts() == ["181", "182"]
    assert_accessible(second)

    save(second, name="Save my figure instead")
    assert second.get_by_text("Figure changed.").is_visible()
    assert second.locator(".govuk-summary-list").get_by_text("182", exact=True).is_visible()


def test_every_entry_form_is_accessible_with_its_errors_showing(open_page):
    page = open_page("lincs-manager")
    for path, button in [
        ("metrics/add/", "Add the metric"),
        ("milestones/add/", "Save"),
        ("updates/add/", "Save"),
        ("risks/add/", "Save"),
        ("figures/add/", "Save as draft"),
    ]:
        page.goto(PROJECT + path)
        assert_accessible(page)
        save(page, name=button)
        assert page.locator(".govuk-error-summary").is_visible(), path
        assert_accessible(page)
    page.goto(PROJECT + "history/")
    assert_accessible(page)
