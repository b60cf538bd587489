"""The council page's content is cached, and every write that changes it shows at once."""

import datetime as dt
from decimal import Decimal

from metrics.models import Reading
from programmes.data_versions import councils_changed
from tests.conftest import client_for
from tests.factories import (
    BenchmarkFactory,
    MetricFactory,
    MilestoneFactory,
    ReadingFactory,
)


def _page(user, council):
    response = client_for(user).get(f"/councils/{council.gss_code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_is_served_from_the_cache_in_a_few_queries(
    scrutiny, council, metric, django_assert_max_num_queries
):
    ReadingFactory(metric=metric, council=council, project=metric.project, value=Decimal("1120"))
    client = client_for(scrutiny)
    assert "1,120" in client.get(f"/councils/{council.gss_code}/").content.decode()
    with django_assert_max_num_queries(5):
        assert "1,120" in client.get(f"/councils/{council.gss_code}/").content.decode()


def test_an_approved_figure_appears_at_once(scrutiny, council, metric):
    reading = ReadingFactory(metric=metric, council=council, project=metric.project, value=Decimal("1120"))
    assert "1,120" in _page(scrutiny, council)
    reading.value = reading.published_value = Decimal("1250")
    reading.save()
    page = _page(scrutiny, council)
    assert "1,250" in page and "1,120" not in page


def test_drafts_cached_for_a_manager_never_reach_a_scrutiny_member(manager, scrutiny, council, metric):
    ReadingFactory(
        metric=metric,
        council=council,
        project=metric.project,
        value=Decimal("98765"),
        status=Reading.Status.DRAFT,
        period_end=dt.date(2019, 1, 1),
    )
    # The figure as the page writes it: a bare "777" also matched an id or a version on PostgreSQL.
    assert "98,765" in _page(manager, council)
    assert "98,765" not in _page(scrutiny, council)


def test_a_milestone_change_shows_at_once(scrutiny, council, project):
    _page(scrutiny, council)
    MilestoneFactory(project=project, title="Launch the new front door", due_on=dt.date(2030, 1, 1))
    assert "Launch the new front door" in _page(scrutiny, council)


def test_an_official_benchmark_change_reaches_every_council(scrutiny, council, other_council):
    official = MetricFactory(name="Turnover rate", unit="percent", kind="rate", direction="lower", is_key=True)
    ReadingFactory(metric=official, council=council, unit="percent", value=Decimal("7.3"))
    before = {c.pk: c.data_version for c in (council, other_council)}
    BenchmarkFactory(metric=official, value=Decimal("16"))
    for each in (council, other_council):
        each.refresh_from_db()
        assert each.data_version > before[each.pk]


def test_bulk_writes_are_announced_explicitly(scrutiny, council, metric):
    _page(scrutiny, council)
    Reading.objects.bulk_create(
        [
            Reading(
                metric=metric,
                council=council,
                project=metric.project,
                unit=metric.unit,
                value=Decimal("4242"),
                published_value=Decimal("4242"),
                status="approved",
                period_end=dt.date(2019, 3, 31),
                published_kind="actual",
                published_period_end=dt.date(2019, 3, 31),
            )
        ]
    )
    councils_changed(council_ids=[council.pk])
    assert "4,242" in _page(scrutiny, council)
