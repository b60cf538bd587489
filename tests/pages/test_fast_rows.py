"""Instances made without Model.__init__ (pipdash/web/fast_rows.py, metrics/fast_readings.py, issue 20 point 4)
are what the ORM would have made: the same field values, saved state, relations joined, each related object
made once and shared; and a shallow copy (pipdash/web/model_copies.py) is what copy.copy gives."""

import copy
import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import signals

from metrics.models import Benchmark, Reading
from pipdash.web.fast_rows import instances
from pipdash.web.model_copies import shallow_copy
from tests.factories import BenchmarkFactory, MetricFactory, ReadingFactory, RegionFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db


def _fields(instance):
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


def test_benchmarks_are_made_as_select_related_makes_them_each_publication_once(django_assert_num_queries):
    metric = MetricFactory()
    paper, region = SourceDocumentFactory(), RegionFactory()
    BenchmarkFactory(metric=metric, source_document=paper, value=Decimal("16.5"), period_start=dt.date(2017, 4, 1))
    BenchmarkFactory(metric=metric, source_document=paper, area=Benchmark.Area.REGION, region=region)
    query = Benchmark.objects.filter(metric=metric).order_by("pk")
    expected = list(query.select_related("region", "source_document"))
    with django_assert_num_queries(1):
        made = instances(query, related=("region", "source_document"))
        assert [b.source_document.title for b in made] == [paper.title, paper.title]
        assert [b.region for b in made] == [None, region]
    assert [_fields(b) for b in made] == [_fields(b) for b in expected]
    assert made[0].value == Decimal("16.5") and made[0].period_start == dt.date(2017, 4, 1)
    assert [(b._state.adding, b._state.db) for b in made] == [(False, "default")] * 2
    assert made[0].source_document is made[1].source_document  # one publication, not one a row
    assert _fields(made[1].region) == _fields(expected[1].region)


def test_instances_are_made_without_init_only_while_nothing_listens_for_it():
    for model in (Benchmark, Reading):
        assert not signals.pre_init.has_listeners(model)
        assert not signals.post_init.has_listeners(model)


def test_a_shallow_copy_is_what_copy_copy_gives_with_its_own_relations():
    reading = Reading.objects.select_related("metric").get(pk=ReadingFactory().pk)
    made, copied = shallow_copy(reading), copy.copy(reading)
    assert _fields(made) == {k: v for k, v in _fields(copied).items() if k != "_django_version"}
    assert made._state is not reading._state and made._state.db == reading._state.db
    assert made._state.fields_cache == reading._state.fields_cache
    made._state.fields_cache.pop("metric")
    assert "metric" in reading._state.fields_cache  # the original's relations are its own
    made.value = Decimal("1")
    assert reading.value == Decimal("10")
