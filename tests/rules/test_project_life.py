"""A project's life bounds what it claims (issue 13): a finished project's undone milestones are "not
recorded as done when the project closed", never overdue; roll-ups count active projects only."""

import datetime as dt

import pytest
from freezegun import freeze_time

from pipdash.dashboards.programme_selectors import programme_overview_rows
from pipdash.dashboards.selectors import council_page_get
from programmes.access import access_for
from projects.models import Project
from tests.conftest import client_for
from tests.pages.conftest import build_programme_data

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def closed(council):
    programme, (active, finished) = build_programme_data(council, workstreams=1, projects=2, metrics=1, readings=2)
    Project.objects.filter(pk=finished.pk).update(
        name="Signs of Safety", status=Project.Status.SUSTAINED, status_changed_on=dt.date(2020, 3, 31)
    )
    Project.objects.filter(pk=active.pk).update(name="Edge of care")
    return programme, active, finished


def _blocks(user, council):
    page = council_page_get(council=council, access=access_for(user), today=TODAY)
    return {item.project.name: item for item in page.workstreams[0].projects}, page.workstreams[0]


def test_a_closed_projects_undone_milestone_is_not_overdue(scrutiny, council, closed):
    items, block = _blocks(scrutiny, council)
    finished = items["Signs of Safety"]
    assert finished.overdue_milestones == [] and finished.due_milestones == []
    # The 2018 milestone and the 2030 one: neither was done when it closed.
    assert len(finished.not_done_at_close) == 2
    assert len(items["Edge of care"].overdue_milestones) == 1
    assert [i.project.name for i in block.active] == ["Edge of care"]
    assert [i.project.name for i in block.finished] == ["Signs of Safety"]


def test_the_programme_overview_counts_active_projects_only(scrutiny, council, closed):
    programme, _, _ = closed
    (row,) = programme_overview_rows(programme=programme, access=access_for(scrutiny), today=TODAY)
    assert row["overdue"] == 1  # the active project's; the closed one's is not overdue
    assert row["green"] + row["amber"] + row["red"] + row["no_rag"] == 1


@freeze_time("2026-12-02")
def test_the_council_page_says_status_first_and_collapses_closed_projects(scrutiny, council, closed):
    html = client_for(scrutiny).get(council.get_absolute_url()).content.decode()
    assert "Closed 31 March 2020: sustained in mainstream budgets" in html
    assert "the last figure before it closed" in html
    assert "Not recorded as done when the project closed" in html
    details = html.index("1 closed, sustained or continued project</span>")
    assert html.index("Edge of care</a>") < details < html.index("Signs of Safety</a>")
    assert html.count("1 overdue") == 1
