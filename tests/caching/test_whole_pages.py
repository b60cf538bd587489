"""A council's page is kept whole per session and served with no database read until something on it changes
(issue 20 point 5): every write shows at once, to the writer and to every reader, and nothing kept for one
viewer is served to another."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Reading
from pipdash.web.response_cache import generation_key
from programmes.data_versions import councils_changed
from programmes.models import Membership, Role
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory


@pytest.fixture(autouse=True)
def sessions_in_the_cache(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as production runs with Redis


def _visit(client, url) -> tuple[int, str]:
    """How many queries the visit ran, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


@pytest.fixture
def figure(council, metric):
    return ReadingFactory(
        metric=metric,
        council=council,
        project=metric.project,
        value=Decimal("1120"),
        status=Reading.Status.APPROVED,
        period_end=dt.date(2019, 3, 31),
    )


def _url(council) -> str:
    return f"/councils/{council.gss_code}/"


def _kept(client, url) -> str:
    """Visit until the page is kept whole (the first visit sets the session's CSRF cookie): the page served
    with no query."""
    client.get(url)
    client.get(url)
    queries, page = _visit(client, url)
    assert queries == 0
    return page


def test_a_page_seen_before_is_served_whole_with_no_database_read(scrutiny, council, figure):
    client = client_for(scrutiny)
    first = client.get(_url(council)).content.decode()
    assert "1,120" in _kept(client, _url(council))
    assert "1,120" in first


def test_an_approved_change_shows_at_once_to_a_reader_who_was_served_the_kept_page(scrutiny, council, figure):
    reader = client_for(scrutiny)
    _kept(reader, _url(council))
    figure.value = figure.published_value = Decimal("1250")
    figure.save()
    queries, page = _visit(reader, _url(council))
    assert queries > 0 and "1,250" in page and "1,120" not in page


def test_a_managers_own_save_shows_at_once_with_its_message(manager, council, figure):
    client = client_for(manager)
    _kept(client, _url(council))
    post = {
        "kind": figure.kind,
        "value": "1300",
        "period_end_day": "31",
        "period_end_month": "3",
        "period_end_year": "2019",
        "version": Reading.objects.get(pk=figure.pk).version,
        "explanation": "Corrected",
    }
    assert client.post(f"/councils/{council.gss_code}/figures/{figure.pk}/edit/", post).status_code == 302
    _, page = _visit(client, _url(council))
    assert "1,300" in page and "Figure changed" in page
    _, again = _visit(client, _url(council))
    assert "1,300" in again and "Figure changed" not in again  # the message is shown once, never kept


def test_a_write_to_another_council_leaves_the_page_kept(scrutiny, council, other_council, figure):
    client = client_for(scrutiny)
    _kept(client, _url(council))
    metric = MetricFactory(council=other_council)
    ReadingFactory(metric=metric, council=other_council, source_document__council=other_council, value=Decimal("5"))
    assert _visit(client, _url(council))[0] == 0


def test_an_official_figure_for_every_council_moves_every_page_on(scrutiny, council, figure):
    client = client_for(scrutiny)
    _kept(client, _url(council))
    councils_changed(council_ids=None)
    assert _visit(client, _url(council))[0] > 0


def test_a_draft_kept_for_its_manager_is_never_served_to_another_viewer(manager, scrutiny, council, figure):
    figure.value = Decimal("1999")  # the manager's draft; the approved copy stays 1,120
    figure.status = Reading.Status.DRAFT
    figure.save()
    managers = client_for(manager)
    assert "1,999" in _kept(managers, _url(council))
    reader = client_for(scrutiny)
    for _ in range(3):
        page = reader.get(_url(council)).content.decode()
        assert "1,999" not in page and "1,120" in page


def test_a_role_taken_away_applies_to_the_kept_page_at_once(manager, council, figure):
    figure.value = Decimal("1999")
    figure.status = Reading.Status.DRAFT
    figure.save()
    client = client_for(manager)
    assert "1,999" in _kept(client, _url(council))
    Membership.objects.filter(user=manager, council=council).update(role=Role.SCRUTINY)
    Membership.objects.get(user=manager, council=council).save()  # as the admin's form saves it
    page = client.get(_url(council)).content.decode()
    assert "1,999" not in page


def test_a_lost_generation_is_started_afresh_never_reused(scrutiny, council, figure):
    client = client_for(scrutiny)
    _kept(client, _url(council))
    cache.delete(generation_key(council.gss_code))  # evicted, or Redis restarted
    assert _visit(client, _url(council))[0] > 0


def test_a_page_built_before_the_writes_commit_is_not_served_after_it(
    scrutiny, council, figure, django_capture_on_commit_callbacks
):
    key = generation_key(council.gss_code)
    client = client_for(scrutiny)
    _kept(client, _url(council))
    before = cache.get(key)
    with django_capture_on_commit_callbacks(execute=True):
        councils_changed(council_ids=[council.pk])
        at_write = cache.get(key)
    assert before < at_write < cache.get(key)


def test_pages_are_not_kept_whole_where_the_cache_is_not_shared(scrutiny, council, figure, settings):
    settings.CACHE_WHOLE_PAGES = False
    client = client_for(scrutiny)
    for _ in range(3):
        queries, _ = _visit(client, _url(council))
    assert queries > 0


def test_a_download_is_never_kept_as_the_page(scrutiny, council, figure):
    client = client_for(scrutiny)
    _kept(client, _url(council))
    response = client.get(_url(council), {"_export": "csv", "_table": "projects"})
    assert response.status_code in (200, 404)
    assert _visit(client, _url(council))[1].lstrip().startswith("<!DOCTYPE html>")


def test_each_council_has_its_own_kept_page(scrutiny, council, other_council, figure):
    client = client_for(scrutiny)
    _kept(client, _url(council))
    page = client.get(_url(other_council)).content.decode()
    assert other_council.name in page and "1,120" not in page


def test_the_home_page_is_kept_whole_until_any_council_changes(manager, council, figure):
    client = client_for(manager)
    _kept(client, "/")
    figure.value = Decimal("1500")
    figure.status = Reading.Status.DRAFT
    figure.save()
    assert _visit(client, "/")[0] > 0


def test_a_project_page_is_kept_whole_and_moves_on_with_its_councils_write(scrutiny, council, figure):
    url = figure.metric.project.get_absolute_url()
    client = client_for(scrutiny)
    assert "1,120" in _kept(client, url)
    figure.value = figure.published_value = Decimal("1250")
    figure.save()
    queries, page = _visit(client, url)
    assert queries > 0 and "1,250" in page
