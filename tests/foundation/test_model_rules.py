"""Rules the database itself enforces: they hold whatever code writes the row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from metrics.models import Reading
from metrics.units import Unit, format_value
from programmes.models import Funding, Membership, Role
from tests.factories import (
    CouncilFactory,
    FundingFactory,
    MetricFactory,
    ProjectFactory,
    ReadingFactory,
    UserFactory,
)


def test_a_second_reading_for_the_same_metric_period_and_kind_is_refused(db):
    reading = ReadingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(metric=reading.metric, council=reading.council, period_end=reading.period_end)


def test_uniqueness_holds_when_project_and_period_start_are_blank(db):
    """NULLs are distinct in SQL; the constraint coalesces them so blanks still collide."""
    reading = ReadingFactory(project=None, period_start=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(metric=reading.metric, council=reading.council, project=None, period_start=None)
    ReadingFactory(metric=reading.metric, council=reading.council, kind=Reading.Kind.TARGET)


def test_same_period_for_another_project_is_a_different_reading(db):
    metric = MetricFactory()
    council = CouncilFactory()
    first, second = ProjectFactory(workstream__council=council), ProjectFactory(workstream__council=council)
    ReadingFactory(metric=metric, council=council, project=first)
    ReadingFactory(metric=metric, council=council, project=second)


@pytest.mark.parametrize("value", [Decimal("-0.1"), Decimal("100.01"), Decimal("250")])
def test_a_percentage_outside_0_to_100_is_refused_by_the_database(db, value):
    metric = MetricFactory(unit=Unit.PERCENT, kind="rate")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(metric=metric, unit=Unit.PERCENT, value=value)


def test_a_percentage_change_may_be_negative(db):
    metric = MetricFactory(unit=Unit.PERCENT_CHANGE, kind="change", direction="lower")
    reading = ReadingFactory(metric=metric, value=Decimal("-22"))
    assert reading.unit == Unit.PERCENT_CHANGE
    assert reading.display_value == "22% reduction"


def test_a_negative_count_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(value=Decimal("-1"))


def test_a_reading_needs_a_value_or_a_reason_it_is_missing(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(value=None, published_value=None, missing_reason="")
    ReadingFactory(value=None, published_value=None, missing_reason="c (confidential)")


def test_a_period_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingFactory(period_start=dt.date(2019, 1, 1), period_end=dt.date(2018, 1, 1))


def test_money_is_decimal_pounds_and_pence(db):
    funding = FundingFactory(amount=Decimal("1207908.00"))
    funding.refresh_from_db()
    assert isinstance(funding.amount, Decimal)
    assert funding.amount == Decimal("1207908.00")
    assert Funding._meta.get_field("amount").decimal_places == 2
    assert format_value(funding.amount, Unit.GBP) == "£1,207,908"


def test_funding_year_must_be_a_financial_year(db):
    funding = FundingFactory.build(financial_year="2020/22")
    with pytest.raises(ValidationError) as error:
        funding.full_clean(exclude=["programme", "council", "source_document"])
    assert "financial_year" in error.value.message_dict


def test_a_council_role_names_a_council_and_an_adviser_has_none(db):
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, council=None, role=Role.MANAGER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, council=CouncilFactory(), role=Role.ADVISER)
    Membership.objects.create(user=user, council=None, role=Role.ADVISER)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("7.3"), Unit.PERCENT, "7.3%"),
        (Decimal("1120"), Unit.COUNT, "1,120"),
        (Decimal("11"), Unit.PERCENTAGE_POINTS, "11 percentage points"),
        (Decimal("9600000"), Unit.GBP, "£9,600,000"),
        (Decimal("457"), Unit.DAYS, "457 days"),
        (Decimal("-90"), Unit.PERCENT_CHANGE, "90% reduction"),
    ],
)
def test_values_are_written_with_their_units(value, unit, text):
    assert format_value(value, unit) == text


def test_a_participation_in_a_programme_that_has_ended_says_so(db):
    from tests.factories import ParticipationFactory, ProgrammeFactory

    programme = ProgrammeFactory(ends_on=dt.date(2020, 3, 31))
    participation = ParticipationFactory(programme=programme)
    assert participation.status_label(today=dt.date(2019, 1, 1)) == "taking part"
    assert participation.status_label(today=dt.date(2021, 1, 1)) == "programme ended 31 March 2020"
