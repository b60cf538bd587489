"""generate_scale_data at a small size: counts, shapes, repeatability and leaving demo data alone."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from metrics.models import Benchmark, Metric, Reading
from metrics.scale.generate import Plan
from metrics.units import MeasureKind, Unit
from programmes.models import Participation, Programme
from projects.models import Milestone, ProgressUpdate, Project
from tests.factories import MetricFactory, ProjectFactory, ReadingFactory
from tests.scale.conftest import SMALL

pytestmark = pytest.mark.django_db


def generate(**options):
    call_command("generate_scale_data", **{**SMALL, **options}, stdout=_Quiet())


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def series():
    """Actual values per (metric, council), oldest first."""
    by_series = defaultdict(list)
    rows = Reading.objects.filter(kind="actual").order_by("metric__slug", "council__gss_code", "period_end")
    for slug, gss, unit, kind, value in rows.values_list(
        "metric__slug", "council__gss_code", "unit", "metric__kind", "value"
    ):
        by_series[(slug, gss, unit, kind)].append(value)
    return by_series


def test_it_writes_the_planned_numbers_of_each_thing(councils):
    generate()
    plan = Plan(**SMALL)
    assert Programme.objects.get(slug="scale-programme")
    assert Participation.objects.filter(programme__slug="scale-programme").count() == 3
    assert Metric.objects.filter(council=None, slug__startswith="scale-").count() == plan.common == 2
    assert Metric.objects.filter(council__in=councils).count() == 3 * plan.own
    assert Project.objects.filter(council__in=councils).count() == 3 * plan.projects
    actuals = Reading.objects.filter(kind="actual").count()
    assert 0.85 * plan.expected_actuals <= actuals <= plan.expected_actuals == 3 * 10 * 24
    assert Reading.objects.filter(kind="target").exists()
    assert Reading.objects.filter(kind="baseline").exists()
    assert Benchmark.objects.filter(area="england").exists()
    assert Benchmark.objects.filter(area="region").values("region").distinct().count() == 2
    assert Milestone.objects.filter(project__council__in=councils).count() == 3 * plan.projects * 6
    assert ProgressUpdate.objects.exists()


def test_each_council_reports_every_common_metric_monthly(councils):
    generate()
    for metric in Metric.objects.filter(council=None, slug__startswith="scale-"):
        for council in councils:
            assert metric.readings.filter(council=council, kind="actual").count() == 24


def test_running_totals_never_fall_and_units_hold(councils):
    generate()
    checked = 0
    for (_slug, _gss, unit, kind), values in series().items():
        known = [v for v in values if v is not None]
        if kind == MeasureKind.CUMULATIVE:
            assert known == sorted(known)
            checked += 1
        if unit == Unit.PERCENT:
            assert all(Decimal(0) <= v <= Decimal(100) for v in known)
        if unit == Unit.COUNT:
            assert all(v >= 0 and v == v.to_integral_value() for v in known)
    assert checked > 0


def test_figures_are_approved_with_a_few_drafts_and_some_gaps(councils):
    generate(metrics=30)
    approved = Reading.objects.filter(status="approved")
    assert not approved.exclude(published_value=F("value")).exclude(value=None).exists()
    drafts = Reading.objects.filter(status="draft")
    assert 0 < drafts.count() < 0.02 * Reading.objects.count()
    assert not drafts.exclude(published_value=None).exists()
    gaps = Reading.objects.filter(value=None)
    assert gaps.exists() and not gaps.filter(missing_reason="").exists()


def test_project_metrics_carry_their_project_on_every_reading(councils):
    generate()
    project_readings = Reading.objects.filter(metric__project__isnull=False)
    assert project_readings.exists()
    assert not project_readings.exclude(project=F("metric__project")).exists()


def test_the_same_seed_gives_the_same_figures_and_another_seed_does_not(councils):
    generate()
    first = series()
    generate(replace=True)
    assert series() == first
    generate(replace=True, seed=2)
    assert series() != first


def test_replace_and_delete_leave_demo_data_alone(councils):
    demo_project = ProjectFactory(workstream__council=councils[0], slug="practice-model")
    demo_reading = ReadingFactory(metric=MetricFactory(slug="staff-trained"), council=councils[0])
    generate()
    generate(replace=True)
    call_command("generate_scale_data", delete=True, stdout=_Quiet())
    assert not Metric.objects.filter(slug__startswith="scale-").exists()
    assert not Programme.objects.filter(slug="scale-programme").exists()
    assert list(Reading.objects.all()) == [demo_reading]
    assert list(Project.objects.all()) == [demo_project]


def test_it_refuses_to_run_twice_without_replace(councils):
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()


def test_it_needs_enough_councils(councils):
    with pytest.raises(CommandError, match="only 3 exist"):
        generate(councils=4)


def test_it_tells_the_council_page_cache_what_changed(councils):
    before = {c.pk: c.data_version for c in councils}
    generate(councils=2)
    after = {c.pk: c.data_version for c in type(councils[0]).objects.filter(pk__in=before)}
    assert [after[c.pk] > before[c.pk] for c in councils] == [True, True, False]
