"""The project page tells the truth in time (issue 13): each section says "as at" its own newest date,
and a closed project's undone milestones are "not recorded as done when the project closed", not overdue."""

import datetime as dt

import pytest
from freezegun import freeze_time

from projects.models import Milestone, ProgressUpdate, Project
from tests.conftest import client_for
from tests.factories import SourceDocumentFactory
from tests.pages.conftest import build_programme_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(council):
    _, (project,) = build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=2)
    paper = SourceDocumentFactory(key="minutes-2019", title="Minutes", published_on=dt.date(2019, 1, 15))
    Milestone.objects.filter(project=project).update(source_document=paper)
    day = dt.date(2018, 12, 31)  # as approved: readers see the approved copy
    ProgressUpdate.objects.filter(project=project).update(period_end=day, published_period_end=day)
    return project


def _page(user, project):
    response = client_for(user).get(project.get_absolute_url())
    assert response.status_code == 200
    return response


@freeze_time("2026-12-02")
def test_each_section_says_as_at_its_own_newest_date(scrutiny, project, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        html = _page(scrutiny, project).content.decode()
    # The newest actual is the second quarterly figure, 29 September 2017.
    assert "Figures as at <strong>29 September 2017</strong>" in html
    assert "Milestones as at 15 January 2019" in html
    assert "Progress updates as at 31 December 2018" in html


@freeze_time("2026-12-02")
def test_a_closed_projects_undone_milestones_are_not_overdue_on_its_page(scrutiny, project):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED, status_changed_on=dt.date(2020, 3, 31))
    project.refresh_from_db()
    response = _page(scrutiny, project)
    states = [row.get_cell_value("state") for row in response.context["tables"]["milestones"].rows]
    assert states == ["Not recorded as done when the project closed"] * 2
    html = response.content.decode()
    assert "Overdue" not in html
    assert html.index("Closed 31 March 2020</strong>") < html.index("Aim</dt>")  # its status first
    assert "the last figure before it closed" in html


@freeze_time("2026-12-02")
def test_an_active_projects_past_milestone_is_still_overdue(scrutiny, project):
    states = [row.get_cell_value("state") for row in _page(scrutiny, project).context["tables"]["milestones"].rows]
    assert states == ["Overdue", "Due"]
