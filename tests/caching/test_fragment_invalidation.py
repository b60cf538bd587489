"""A write to one council's figure changes only what shows it (issue 20): that council's pages, that measure's
compare results and that council's row of each programme overview; every other fragment stays cached."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pipdash.dashboards import programme_rows
from tests.conftest import client_for
from tests.factories import (
    MetricFactory,
    ParticipationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReadingFactory,
    WorkstreamFactory,
)


def _common(slug):
    return MetricFactory(name=f"Measure {slug}", slug=slug, council=None, project=None, unit="percent")


def _approved(metric, council, value, project=None):
    return ReadingFactory(
        metric=metric,
        council=council,
        project=project,
        value=Decimal(value),
        published_value=Decimal(value),
        status="approved",
        period_end=dt.date(2019, 9, 30),
    )


def _reads_figures(client, url) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return any("metrics_reading" in q["sql"] for q in queries.captured_queries)


@pytest.fixture
def programme(council, other_council):
    programme = ProgrammeFactory(name="Partners in Practice", slug="pip")
    for each in (council, other_council):
        ParticipationFactory(council=each, programme=programme)
        workstream = WorkstreamFactory(council=each, programme=programme)
        project = ProjectFactory(workstream=workstream, name=f"Front door {each.pk}")
        metric = MetricFactory(name="Staff trained", council=each, project=project)
        _approved(metric, each, "50", project=project)
    return programme


def test_a_write_to_one_council_leaves_the_other_councils_page_cached(adviser, council, other_council, programme):
    client = client_for(adviser)
    other_page = f"/councils/{other_council.gss_code}/"
    assert _reads_figures(client, other_page)
    reading = council.readings.first()
    reading.value = reading.published_value = Decimal("61")
    reading.save()
    assert not _reads_figures(client, other_page)
    assert _reads_figures(client, f"/councils/{council.gss_code}/")


def test_a_write_to_one_measure_leaves_other_measures_compare_results_cached(adviser, council, other_council):
    turnover, vacancies = _common("turnover"), _common("vacancies")
    figure = _approved(turnover, council, "7.3")
    _approved(vacancies, council, "12.5")
    client = client_for(adviser)
    codes = f"council={council.gss_code}&council={other_council.gss_code}"
    assert _reads_figures(client, f"/compare/?metric=vacancies&{codes}")
    assert "7.3%" in client.get(f"/compare/?metric=turnover&{codes}").content.decode()
    figure.value = figure.published_value = Decimal("8.1")
    figure.save()
    assert not _reads_figures(client, f"/compare/?metric=vacancies&{codes}")
    page = client.get(f"/compare/?metric=turnover&{codes}").content.decode()
    assert "8.1%" in page and "7.3%" not in page


def test_a_write_rebuilds_only_that_councils_row_of_the_programme_overview(adviser, council, other_council, programme):
    client = client_for(adviser)
    assert client.get(f"/programmes/{programme.slug}/").status_code == 200
    reading = other_council.readings.first()
    reading.value = reading.published_value = Decimal("5")
    reading.save()
    rebuilt = []
    real = programme_rows.programme_overview_parts

    def spy(**kwargs):
        rebuilt.extend(p.council_id for p in kwargs["participations"])
        return real(**kwargs)

    with mock.patch.object(programme_rows, "programme_overview_parts", spy):
        page = client.get(f"/programmes/{programme.slug}/").content.decode()
    assert rebuilt == [other_council.pk]
    assert council.name in page and other_council.name in page


def _while_another_request_rebuilds():
    """Every rebuild lock is taken, as when another reader is rebuilding the page right now."""
    from django.core.cache import cache

    return mock.patch.object(cache, "add", return_value=False)


def test_readers_get_the_previous_page_with_a_notice_while_another_rebuilds_it(scrutiny, council, programme):
    client = client_for(scrutiny)
    url = f"/councils/{council.gss_code}/"
    reading = council.readings.first()
    assert "Updated a moment ago" not in client.get(url).content.decode()
    reading.value = reading.published_value = Decimal("987")
    reading.save()
    with _while_another_request_rebuilds():
        stale = client.get(url).content.decode()
    assert "Updated a moment ago" in stale and "987" not in stale
    fresh = client.get(url).content.decode()
    assert "987" in fresh and "Updated a moment ago" not in fresh


def test_a_manager_sees_their_own_save_at_once_even_while_another_request_rebuilds(manager, council, programme):
    client = client_for(manager)
    url = f"/councils/{council.gss_code}/"
    reading = council.readings.first()
    assert client.get(url).status_code == 200
    form = client.get(f"/councils/{council.gss_code}/figures/{reading.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    post = {
        "kind": data["kind"],
        "value": "432",
        "period_end_day": "30",
        "period_end_month": "9",
        "period_end_year": "2019",
        "version": reading.version,
        "explanation": "Corrected",
    }
    response = client.post(f"/councils/{council.gss_code}/figures/{reading.pk}/edit/", post)
    assert response.status_code == 302
    with _while_another_request_rebuilds():
        page = client.get(url).content.decode()
    assert "432" in page and "Updated a moment ago" not in page


def test_stale_serving_never_shows_one_viewer_kind_anothers_page(manager, scrutiny, council, programme):
    """A scrutiny member is never served the fragment built for a manager, who sees drafts."""
    project = council.projects.first()
    draft = ReadingFactory(
        metric=project.metrics.first(),
        council=council,
        project=project,
        value=Decimal("98765"),
        status="draft",
        period_end=dt.date(2020, 1, 1),
    )
    url = f"/councils/{council.gss_code}/"
    assert "98,765" in client_for(manager).get(url).content.decode()
    draft.value = Decimal("98766")
    draft.save()
    with _while_another_request_rebuilds():
        seen = client_for(scrutiny).get(url).content.decode()
        assert "98,765" not in seen and "98,766" not in seen
        managers = client_for(manager).get(url).content.decode()
        assert "98,765" in managers and "Updated a moment ago" in managers  # the managers' own previous page
    assert "98,766" in client_for(manager).get(url).content.decode()
