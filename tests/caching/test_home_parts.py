"""The home page's parts are each kept under the versions of what they show (issue 20 point 4): a figure saved in
one council rebuilds only that council's late returns, leaves the councils list and other users' pages kept, and
every change shows at once to whoever it concerns."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Reading, ReportingFrequency, ReportingRule
from pipdash.returns import home_parts
from programmes.models import Membership, Role
from tests.conftest import client_for
from tests.factories import MetricFactory, ParticipationFactory, ProjectFactory, ReadingFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def december(settings):
    settings.RETURNS_TODAY = dt.date(2026, 12, 3)  # October's returns locked on 1 December, with nothing sent
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as production runs with Redis


def _scheduled(council, measure):
    """A council taking part, with one project and one monthly measure under its programme's rule."""
    project = ProjectFactory(workstream=WorkstreamFactory(council=council))
    ParticipationFactory(council=council, programme=project.workstream.programme)
    ReportingRule.objects.get_or_create(
        programme=project.workstream.programme,
        council=None,
        defaults={"starts_on": dt.date(2026, 10, 1), "due_working_days": 15, "lock_after_days": 10},
    )
    return MetricFactory(name=measure, council=council, project=project, reporting_frequency=ReportingFrequency.MONTHLY)


@pytest.fixture
def lincs_measure(council):
    return _scheduled(council, "Lincolnshire visits")


@pytest.fixture
def leeds_measure(other_council):
    return _scheduled(other_council, "Leeds visits")


def _visit(client, url="/") -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries], response.content.decode()


def _kept(client) -> str:
    client.get("/")
    client.get("/")
    queries, page = _visit(client)
    assert queries == []
    return page


def _send_in(measure, council, period_end):
    """A manager's figure for the period, sent in for approval (a return no longer due or missed)."""
    return ReadingFactory(
        metric=measure, council=council, period_end=period_end, status=Reading.Status.SUBMITTED, source_document=None
    )


def _late_row(page, measure) -> str:
    return next(row for row in page.split("<tr") if measure in row)


@pytest.fixture
def councils_read(monkeypatch):
    """The councils whose late returns each request read from the database."""
    read = []
    real = home_parts.late_rows_by_council
    monkeypatch.setattr(
        home_parts, "late_rows_by_council", lambda names, on: read.append(set(names)) or real(names, on)
    )
    return read


def test_a_figure_saved_in_one_council_reads_only_its_late_returns_and_leaves_the_councils_list(
    adviser, council, other_council, lincs_measure, leeds_measure, councils_read
):
    client = client_for(adviser)
    page = _visit(client)[1]
    assert councils_read == [{council.pk, other_council.pk}]
    assert "Missed (locked)" in _late_row(page, "Lincolnshire visits")
    assert page.index("Leeds visits") < page.index("Lincolnshire visits")  # in the councils' order
    _send_in(lincs_measure, council, dt.date(2026, 10, 31))
    queries, page = _visit(client)
    assert councils_read[1:] == [{council.pk}]  # Leeds's rows are still kept
    assert not any("programmes_participation" in sql for sql in queries)  # the councils list is still kept
    assert "Lincolnshire visits" not in page  # sent in: no longer missed
    assert "Missed (locked)" in _late_row(page, "Leeds visits")


def test_a_managers_kept_home_page_stays_kept_when_another_council_saves_a_figure(
    manager, council, other_council, lincs_measure, leeds_measure
):
    client = client_for(manager)
    page = _kept(client)
    ReadingFactory(metric=leeds_measure, council=other_council, period_end=dt.date(2026, 11, 30), source_document=None)
    assert _visit(client) == ([], page)


def test_a_managers_own_save_shows_on_their_kept_home_page_at_once(manager, council, lincs_measure):
    client = client_for(manager)
    assert "1 figure due for November 2026" in _kept(client)
    _send_in(lincs_measure, council, dt.date(2026, 11, 30))
    queries, page = _visit(client)
    assert "due for November 2026" not in page, queries


def test_a_role_taken_away_shows_on_the_kept_home_page_at_once(manager, council, lincs_measure):
    client = client_for(manager)
    assert "1 figure due for November 2026" in _kept(client)
    membership = Membership.objects.get(user=manager, role=Role.MANAGER)
    membership.role = Role.SCRUTINY
    membership.save()  # as the admin's form saves it
    assert "due for November 2026" not in _visit(client)[1]


def test_a_scrutiny_members_kept_home_page_stays_kept_when_their_council_saves_a_figure(
    scrutiny, council, lincs_measure
):
    client = client_for(scrutiny)
    page = _kept(client)
    ReadingFactory(metric=lincs_measure, council=council, period_end=dt.date(2026, 11, 30), source_document=None)
    assert _visit(client) == ([], page)


def _councils_row(page, name) -> str:
    return next(row for row in page.split("<tr") if f">{name}</a>" in row)


def test_a_project_created_in_another_council_shows_in_the_councils_list_at_once(
    manager, council, other_council, lincs_measure, leeds_measure
):
    client = client_for(manager)
    assert '--numeric">1</td>' in _councils_row(_kept(client), "Leeds")
    ProjectFactory(workstream=WorkstreamFactory(council=other_council))
    assert '--numeric">2</td>' in _councils_row(_visit(client)[1], "Leeds")


def test_a_council_or_region_renamed_shows_in_the_councils_list_at_once(
    scrutiny, council, other_council, lincs_measure, leeds_measure
):
    client = client_for(scrutiny)
    _kept(client)
    other_council.name = "City of Leeds"
    other_council.save()
    assert "City of Leeds" in _visit(client)[1]
    region = other_council.region
    region.name = "Yorkshire and the Humber"
    region.save()
    assert "Yorkshire and the Humber" in _councils_row(_visit(client)[1], "City of Leeds")
