"""A measure's meaning (unit, kind, direction) cannot change once it has approved figures (issue 15);
its definition text may change, and every wording is kept in its history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from metrics.models import Metric, Reading
from metrics.services import metric_update
from metrics.units import Direction, MeasureKind, Unit
from tests.conftest import client_for
from tests.factories import MetricFactory, ReadingFactory


@pytest.fixture
def measured(council):
    metric = MetricFactory(council=council, unit=Unit.COUNT, direction=Direction.HIGHER, kind=MeasureKind.CUMULATIVE)
    ReadingFactory(metric=metric, council=council)
    return metric


@pytest.mark.parametrize(
    ("field", "value"), [("unit", Unit.PERCENT), ("kind", MeasureKind.RATE), ("direction", Direction.LOWER)]
)
def test_the_meaning_of_a_measure_with_approved_figures_cannot_change(measured, field, value):
    with pytest.raises(ValidationError) as refused:
        metric_update(metric=measured, **{field: value})
    assert f"The {field} cannot change: this measure has approved figures" in refused.value.message_dict[field][0]
    measured.refresh_from_db()
    assert getattr(measured, field) != value


def test_a_measure_with_only_draft_figures_may_change_its_meaning(council):
    metric = MetricFactory(council=council, unit=Unit.COUNT)
    ReadingFactory(metric=metric, council=council, status=Reading.Status.DRAFT)
    metric_update(metric=metric, unit=Unit.NUMBER)
    assert Metric.objects.get(pk=metric.pk).unit == Unit.NUMBER


def test_the_definition_may_change_and_keeps_every_wording(measured):
    first, second = "Staff trained, counted once each", "Staff trained, counted once each, agency staff included"
    metric_update(metric=measured, definition=first)
    metric_update(metric=measured, definition=second)
    wordings = list(measured.history.order_by("history_date").values_list("definition", flat=True))
    assert wordings[-2:] == [first, second]


def test_the_admin_says_why_the_unit_cannot_change(measured, admin_user):
    client = client_for(admin_user)
    url = reverse("admin:metrics_metric_change", args=[measured.pk])
    assert "its unit, kind and direction cannot change" in client.get(url).content.decode()
    data = {
        "name": measured.name, "slug": measured.slug, "unit": Unit.PERCENT, "direction": measured.direction,
        "kind": measured.kind, "definition": "", "compared_with": "", "council": measured.council_id,
        "official_key": "",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The unit cannot change: this measure has approved figures" in response.content.decode()
