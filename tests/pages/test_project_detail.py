"""The project page: aim, status history, leads, charts, readings with sources, milestones, updates, risks."""

from decimal import Decimal

import pytest

from tests.conftest import client_for
from tests.pages.conftest import build_programme_data

QUERY_BOUND = 30  # issue 14: "changes since" reads a fixed ten more


def figure_values(response):
    return {f.value for f in response.context["page"].figures}


@pytest.mark.parametrize(
    "persona", ["manager", "approver", "scrutiny", "other_manager", "adviser", "admin_user"], indirect=True
)
def test_every_signed_in_user_reads_the_project(persona, lincs_data):
    project = lincs_data[1][0]
    response = client_for(persona).get(project.get_absolute_url())
    assert response.status_code == 200
    page = response.context["page"]
    assert page.project == project
    assert [s.metric for s in page.metrics] == [project.metrics.get()]
    chart = response.context["charts"][0]
    assert [t["name"] for t in chart.figure["data"]][:1] == ["Actual"]
    html = response.content.decode()
    assert project.aim in html
    assert "Lincolnshire PiP update, Scrutiny Committee, 20 July 2018" in html  # every figure's source


def test_a_signed_out_visitor_is_sent_to_sign_in(lincs_data):
    response = client_for(None).get(lincs_data[1][0].get_absolute_url())
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("persona", "sees_draft"),
    [
        ("manager", True),
        ("approver", True),
        ("scrutiny", False),
        ("other_manager", False),
        ("adviser", False),
    ],
    indirect=["persona"],
)
def test_drafts_only_for_the_councils_managers_and_approvers(persona, sees_draft, lincs_data):
    response = client_for(persona).get(lincs_data[1][0].get_absolute_url())
    assert (Decimal(155) in figure_values(response)) is sees_draft
    rows = response.context["tables"]["readings"].rows
    statuses = {row.get_cell("status") for row in rows}
    assert ("Draft" in statuses) is sees_draft


@pytest.mark.parametrize(
    ("persona", "sees_risks"),
    [
        ("manager", True),
        ("approver", True),
        ("scrutiny", True),
        ("adviser", True),
        ("other_manager", False),
        ("admin_user", False),
    ],
    indirect=["persona"],
)
def test_risks_only_for_the_councils_users_and_advisers(persona, sees_risks, lincs_data):
    project = lincs_data[1][0]
    response = client_for(persona).get(project.get_absolute_url())
    assert ("risks" in response.context["tables"]) is sees_risks
    assert (f"Risk to {project.name}" in response.content.decode()) is sees_risks


def test_manage_links_extension_point_is_included(manager, lincs_data):
    response = client_for(manager).get(lincs_data[1][0].get_absolute_url())
    assert "projects/includes/manage_links.html" in [t.name for t in response.templates]


def test_milestones_say_which_are_overdue(scrutiny, lincs_data):
    response = client_for(scrutiny).get(lincs_data[1][0].get_absolute_url())
    states = [row.get_cell_value("state") for row in response.context["tables"]["milestones"].rows]
    assert states == ["Overdue", "Due"]


def test_readings_table_downloads_as_csv_with_numbers(scrutiny, lincs_data):
    response = client_for(scrutiny).get(lincs_data[1][0].get_absolute_url(), {"_export": "csv", "_table": "readings"})
    lines = response.content.decode().splitlines()
    assert lines[0] == "Measure,Kind,Period,Value,Qualifier,Status,Source,Note"
    assert ",20.0000," in lines[2] or ",20," in lines[2]


def test_wrong_method_is_refused(scrutiny, lincs_data):
    assert client_for(scrutiny).post(lincs_data[1][0].get_absolute_url()).status_code == 405


def test_missing_project_is_404(scrutiny, council, other_council, lincs_data):
    assert client_for(scrutiny).get(f"/councils/{council.gss_code}/projects/no-such-project/").status_code == 404
    # A project is found only under its own council.
    wrong = f"/councils/{other_council.gss_code}/projects/{lincs_data[1][0].slug}/"
    assert client_for(scrutiny).get(wrong).status_code == 404


@pytest.mark.parametrize("scale", [1, 10])
def test_queries_are_bounded_whatever_the_number_of_figures(scale, manager, council, django_assert_max_num_queries):
    _, projects = build_programme_data(council, workstreams=1, projects=1, metrics=2 * scale, readings=4 * scale)
    client = client_for(manager)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(projects[0].get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["charts"]) == 2 * scale


def test_a_long_readings_table_is_paged_but_downloads_whole(scrutiny, council):
    _, projects = build_programme_data(council, workstreams=1, projects=1, metrics=2, readings=60)
    url = projects[0].get_absolute_url()
    table = client_for(scrutiny).get(url).context["tables"]["readings"]
    assert table.paginator.count == 124
    assert len(table.page.object_list) == 100
    second = client_for(scrutiny).get(url, {"readings-page": 2}).context["tables"]["readings"]
    assert len(second.page.object_list) == 24
    download = client_for(scrutiny).get(url, {"_export": "csv", "_table": "readings"})
    assert len(download.content.decode().splitlines()) == 125
