"""Each project card on the council page dates its status as precisely as the paper did ("Active since
2017", not "since 1 January 2017"), at no extra query however many projects the page shows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pipdash.dates import Precision
from projects.models import Project, ProjectStatusChange
from tests.conftest import client_for
from tests.factories import ProjectFactory
from tests.pages.conftest import build_programme_data
from tests.pages.test_council_detail import QUERY_BOUND

D = dt.date


def _status(project, status, on, precision=None):
    """The project's status as the paper gave it; with no precision, no status change is recorded."""
    Project.objects.filter(pk=project.pk).update(status=status, status_changed_on=on)
    if precision is not None:
        ProjectStatusChange.objects.create(project=project, status=status, changed_on=on, changed_precision=precision)


def _card_statuses(user, council) -> dict[str, str]:
    response = client_for(user).get(council.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    cards = {}
    for block in response.context["page"].workstreams:
        for item in block.projects:
            start = html.index(f">{item.project}</a></h3>")
            row = html.index('<dt class="govuk-summary-list__key">Status</dt>', start)
            value = html.index('<dd class="govuk-summary-list__value">', row) + len(
                '<dd class="govuk-summary-list__value">'
            )
            cards[item.project.name] = html[value : html.index("</dd>", value)]
    return cards


@pytest.fixture
def projects(council):
    _, projects = build_programme_data(council, workstreams=1, projects=5, metrics=1, readings=2)
    names = ["Signs of Safety", "Family Group Conferencing", "Edge of care", "Step down", "Not yet dated"]
    for project, name in zip(projects, names, strict=True):
        Project.objects.filter(pk=project.pk).update(name=name)
    return projects


def test_each_card_gives_its_status_date_as_precisely_as_the_paper(scrutiny, council, projects):
    year, season, day, undocumented, undated = projects
    _status(year, Project.Status.ACTIVE, D(2017, 1, 1), Precision.YEAR)
    # An earlier change of the same project, dated to the day, does not lend the current status its precision.
    ProjectStatusChange.objects.create(
        project=year, status=Project.Status.CLOSED, changed_on=D(2016, 3, 31), changed_precision=Precision.DAY
    )
    _status(season, Project.Status.SUSTAINED, D(2017, 10, 1), Precision.SEASON)
    _status(day, Project.Status.CLOSED, D(2020, 3, 31), Precision.DAY)
    _status(undocumented, Project.Status.CLOSED, D(2019, 3, 31))
    Project.objects.filter(pk=undated.pk).update(status=Project.Status.ACTIVE, status_changed_on=None)

    assert _card_statuses(scrutiny, council) == {
        "Signs of Safety": "Active since 2017",
        # A finished project says its status first, as "Closed <date>: <how>" (issue 13).
        "Family Group Conferencing": "Closed Autumn 2017: sustained in mainstream budgets",
        "Edge of care": "Closed 31 March 2020",
        "Step down": "Closed 31 March 2019",
        "Not yet dated": "Active",
    }


def test_status_dates_cost_no_query_however_many_projects_have_them(manager, council):
    build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=2)

    def count() -> int:
        client = client_for(manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(council.get_absolute_url()).status_code == 200
        return len(queries)

    count()  # the first build stores the page's background, which the status changes below leave current
    for project in Project.objects.filter(council=council):
        _status(project, Project.Status.ACTIVE, D(2017, 1, 1), Precision.YEAR)
    one = count()
    workstream = Project.objects.filter(council=council).first().workstream
    for n in range(9):
        project = ProjectFactory(workstream=workstream, council=council, name=f"Project {n}")
        _status(project, Project.Status.CLOSED, D(2018 + n % 3, 9, 1), [Precision.YEAR, Precision.SEASON][n % 2])
    assert count() == one <= QUERY_BOUND
