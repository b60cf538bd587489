"""The project page's content is cached like the council page's, and every write that changes it shows at once."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Reading
from tests.conftest import client_for
from tests.factories import (
    MilestoneFactory,
    ProgressUpdateFactory,
    ReadingFactory,
)


def _page(user, project):
    response = client_for(user).get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_is_served_from_the_cache_without_reading_the_figures(scrutiny, project, metric):
    ReadingFactory(metric=metric, council=project.council, project=project, value=Decimal("1120"))
    client = client_for(scrutiny)
    with CaptureQueriesContext(connection) as built:
        assert "1,120" in client.get(project.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as cached:
        assert "1,120" in client.get(project.get_absolute_url()).content.decode()
    assert any("metrics_reading" in q["sql"] for q in built.captured_queries)
    assert not any("metrics_reading" in q["sql"] for q in cached.captured_queries)
    assert len(cached) <= 5


def test_an_approved_figure_and_a_new_update_show_at_once(scrutiny, project, metric):
    reading = ReadingFactory(metric=metric, council=project.council, project=project, value=Decimal("1120"))
    assert "1,120" in _page(scrutiny, project)
    reading.value = reading.published_value = Decimal("1250")
    reading.save()
    ProgressUpdateFactory(project=project, summary="Training finished in every locality")
    page = _page(scrutiny, project)
    assert "1,250" in page and "1,120" not in page
    assert "Training finished in every locality" in page


def test_a_managers_cached_drafts_never_reach_a_scrutiny_member(manager, scrutiny, project, metric):
    ReadingFactory(
        metric=metric,
        council=project.council,
        project=project,
        value=Decimal("98765"),
        status=Reading.Status.DRAFT,
        period_end=dt.date(2019, 1, 1),
    )
    assert "98,765" in _page(manager, project)
    assert "98,765" not in _page(scrutiny, project)


def test_a_milestone_change_shows_at_once(scrutiny, project):
    _page(scrutiny, project)
    MilestoneFactory(project=project, title="Launch the new front door", due_on=dt.date(2030, 1, 1))
    assert "Launch the new front door" in _page(scrutiny, project)


def test_a_second_manager_gets_their_own_csrf_token_in_the_project_forms(manager, council, project):
    from django.test import Client

    from programmes.models import Role
    from tests.factories import MembershipFactory, UserFactory

    milestone = MilestoneFactory(project=project, title="Launch the new front door", due_on=dt.date(2030, 1, 1))
    _page(manager, project)  # the first manager's visit fills the cache
    second = UserFactory(username="second-manager")
    MembershipFactory(user=second, council=council, role=Role.MANAGER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(second)
    html = client.get(project.get_absolute_url()).content.decode()
    done_url = f"/councils/{council.gss_code}/projects/{project.slug}/milestones/{milestone.pk}/done/"
    form = html[html.index(f'action="{done_url}"') :]
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = client.post(done_url, {"csrfmiddlewaretoken": token, "version": milestone.version})
    assert response.status_code != 403
    milestone.refresh_from_db()
    assert milestone.done_on is not None
