"""A draft changes only the pages of those who see drafts; a page out of date is rebuilt by the task runner
while readers are served the previous one (issue 20)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Reading
from programmes.models import Council
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory


def _reads_figures(client, url) -> tuple[bool, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return any("metrics_reading" in q["sql"] for q in queries.captured_queries), response.content.decode()


@pytest.fixture
def approved(council, metric):
    return ReadingFactory(
        metric=metric,
        council=council,
        project=metric.project,
        value=Decimal("1120"),
        status=Reading.Status.APPROVED,
        period_end=dt.date(2019, 3, 31),
    )


def _edit(client, council, reading, value) -> None:
    """The manager's edit through the form: the figure becomes a draft again, its approved copy stays."""
    post = {
        "kind": reading.kind,
        "value": value,
        "period_end_day": "31",
        "period_end_month": "3",
        "period_end_year": "2019",
        "version": Reading.objects.get(pk=reading.pk).version,
        "explanation": "Corrected",
    }
    assert client.post(f"/councils/{council.gss_code}/figures/{reading.pk}/edit/", post).status_code == 302


def test_a_draft_leaves_every_other_viewers_council_page_cached(manager, scrutiny, adviser, council, approved):
    url = f"/councils/{council.gss_code}/"
    readers = [client_for(scrutiny), client_for(adviser)]
    for reader in readers:
        reader.get(url)
    managers = client_for(manager)
    _edit(managers, council, approved, "1250")
    for reader in readers:
        rebuilt, page = _reads_figures(reader, url)
        assert not rebuilt and "1,120" in page and "1,250" not in page
    assert "1,250" in managers.get(url).content.decode()  # the manager's own pages show the draft at once


def test_approving_the_draft_changes_every_viewers_page(manager, approver, scrutiny, council, approved):
    url = f"/councils/{council.gss_code}/"
    reader = client_for(scrutiny)
    reader.get(url)
    _edit(client_for(manager), council, approved, "1250")
    before = Council.objects.values_list("published_version", flat=True).get(pk=council.pk)
    reading = Reading.objects.get(pk=approved.pk)
    reading.status = Reading.Status.SUBMITTED
    reading.save()
    assert Council.objects.values_list("published_version", flat=True).get(pk=council.pk) == before  # not yet
    reading.take_snapshot(reading.submitted_at or dt.datetime(2019, 4, 1, tzinfo=dt.UTC))
    reading.status = Reading.Status.APPROVED
    reading.save()
    rebuilt, page = _reads_figures(reader, url)
    assert rebuilt and "1,250" in page


def test_a_draft_of_a_common_measure_leaves_its_compare_results_cached(manager, adviser, council, other_council):
    measure = MetricFactory(name="Turnover", slug="turnover", council=None, project=None, unit="percent")
    figures = [
        ReadingFactory(
            metric=measure,
            council=each,
            value=Decimal(value),
            status=Reading.Status.APPROVED,
            period_end=dt.date(2019, 3, 31),
        )
        for each, value in ((council, "12.5"), (other_council, "16.0"))
    ]
    url = f"/compare/?metric=turnover&council={council.gss_code}&council={other_council.gss_code}"
    reader = client_for(adviser)
    assert "12.5" in reader.get(url).content.decode()
    _edit(client_for(manager), council, figures[0], "9.5")
    rebuilt, page = _reads_figures(reader, url)
    assert not rebuilt and "12.5" in page and "9.5" not in page


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run():
        """What db_worker does with each queued task (the worker itself closes the test's connection)."""
        from django_tasks_db.models import DBTaskResult

        for queued in DBTaskResult.objects.ready().order_by("enqueued_at"):
            queued.claim("test")
            queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
            queued.set_successful(None)

    return run


def _approve(reading, value):
    reading.value = Decimal(value)
    reading.take_snapshot(dt.datetime(2019, 4, 1, tzinfo=dt.UTC))
    reading.save()


def test_a_stale_page_is_served_at_once_and_rebuilt_by_the_task_runner(scrutiny, council, approved, queued_tasks):
    from django_tasks_db.models import DBTaskResult

    url = f"/councils/{council.gss_code}/"
    reader = client_for(scrutiny)
    reader.get(url)  # never served before: built in the request
    _approve(approved, "1250")
    rebuilt, page = _reads_figures(reader, url)
    assert not rebuilt and "1,120" in page and "Updated a moment ago" in page
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    _reads_figures(reader, url)  # a second reader meanwhile queues nothing more
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    queued_tasks()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    rebuilt, page = _reads_figures(reader, url)
    assert not rebuilt and "1,250" in page and "Updated a moment ago" not in page


def test_a_background_rebuild_stores_only_what_that_viewer_kind_may_see(
    manager, scrutiny, council, metric, approved, queued_tasks
):
    url = f"/councils/{council.gss_code}/"
    reader, managers = client_for(scrutiny), client_for(manager)
    reader.get(url)
    managers.get(url)
    ReadingFactory(
        metric=metric,
        council=council,
        project=metric.project,
        value=Decimal("98765"),
        status=Reading.Status.DRAFT,
        period_end=dt.date(2020, 3, 31),
    )
    _approve(approved, "1250")  # every viewer's page is now out of date
    assert "Updated a moment ago" in reader.get(url).content.decode()
    queued_tasks()
    page = reader.get(url).content.decode()
    assert "1,250" in page and "98,765" not in page and "Updated a moment ago" not in page
    assert "Updated a moment ago" in managers.get(url).content.decode()  # the managers' kind: its own rebuild
    queued_tasks()
    page = managers.get(url).content.decode()
    assert "98,765" in page and "1,250" in page


def _versions(council) -> tuple[int, int]:
    return Council.objects.values_list("data_version", "published_version").get(pk=council.pk)


def test_an_approved_milestones_working_copy_moves_only_the_drafts_version(council, project):
    from tests.factories import MilestoneFactory

    milestone = MilestoneFactory(project=project, title="Launch the front door", due_on=dt.date(2030, 1, 1))
    data, published = _versions(council)
    milestone.title = "Launch the new front door"
    milestone.status = "draft"
    milestone.save()
    assert _versions(council) == (data + 1, published)
    milestone.take_snapshot(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    milestone.status = "approved"
    milestone.save()
    assert _versions(council) == (data + 2, published + 1)


def test_a_never_approved_figure_deleted_moves_only_the_drafts_version(council, metric):
    draft = ReadingFactory(metric=metric, council=council, project=metric.project, status=Reading.Status.DRAFT)
    data, published = _versions(council)
    draft.delete()
    assert _versions(council) == (data + 1, published)


def test_a_programme_overview_is_versioned_by_its_own_councils_only(adviser, council, other_council):
    from pipdash.dashboards.signals import councils_changed
    from programmes.access import access_for
    from programmes.data_versions import councils_version_for
    from programmes.selectors import councils_taking_part
    from tests.factories import ParticipationFactory, ProgrammeFactory

    programme = ProgrammeFactory(name="Partners in Practice", slug="pip")
    ParticipationFactory(council=council, programme=programme)
    access = access_for(adviser)
    before = councils_version_for(access, councils_taking_part(programme))
    councils_changed(council_ids=[other_council.pk])  # a council outside the programme
    assert councils_version_for(access, councils_taking_part(programme)) == before
    councils_changed(council_ids=[council.pk])
    assert councils_version_for(access, councils_taking_part(programme)) != before


@pytest.mark.parametrize("page", ["council", "project", "programme", "compare", "home"])
def test_every_cached_page_can_be_rebuilt_by_the_task_runner(page, adviser, council, metric, approved, queued_tasks):
    from django_tasks_db.models import DBTaskResult

    from metrics.data_versions import measures_changed
    from programmes.data_versions import councils_changed
    from programmes.models import Participation

    Participation.objects.get_or_create(council=council, programme=metric.project.workstream.programme)
    common = MetricFactory(name="Turnover", slug="turnover", council=None, project=None, unit="percent")
    ReadingFactory(metric=common, council=council, value=Decimal("12.5"), status=Reading.Status.APPROVED)
    url = {
        "council": f"/councils/{council.gss_code}/",
        "project": metric.project.get_absolute_url(),
        "programme": metric.project.workstream.programme.get_absolute_url(),
        "compare": f"/compare/?metric=turnover&council={council.gss_code}",
        "home": "/",
    }[page]
    reader = client_for(adviser)
    assert reader.get(url).status_code == 200
    councils_changed()
    measures_changed()
    assert "Updated a moment ago" in reader.get(url).content.decode()
    queued_tasks()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").exists()
    assert "Updated a moment ago" not in reader.get(url).content.decode()


def test_a_rebuild_the_task_runner_has_not_done_in_time_is_built_by_the_next_reader(
    scrutiny, council, approved, queued_tasks
):
    import time
    from unittest import mock

    from pipdash.web.page_cache import BACKGROUND_PATIENCE_SECONDS

    url = f"/councils/{council.gss_code}/"
    reader = client_for(scrutiny)
    reader.get(url)
    _approve(approved, "1250")
    assert "Updated a moment ago" in reader.get(url).content.decode()  # queued; no task runner is running
    later = time.time() + BACKGROUND_PATIENCE_SECONDS + 1
    with mock.patch("pipdash.web.page_cache.time.time", return_value=later):
        page = reader.get(url).content.decode()
    assert "1,250" in page and "Updated a moment ago" not in page
