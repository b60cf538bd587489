"""The returns schedule (issue 16 point 2): working-day due dates across bank holidays and year ends,
each frequency's periods, which rule applies, and each return's state."""

import datetime as dt

import pytest
from django.db import IntegrityError

from metrics import schedule
from metrics.models import Reading, ReportingFrequency, ReportingRule
from metrics.schedule import State, periods, working_days_after
from tests.factories import ReadingFactory

D = dt.date


@pytest.mark.parametrize(
    ("period_end", "days", "due"),
    [
        (D(2026, 11, 30), 15, D(2026, 12, 21)),  # the example: November 2026, by 21 December
        (D(2026, 12, 18), 10, D(2027, 1, 6)),  # Christmas, Boxing Day (observed Monday 28th), New Year
        (D(2027, 3, 25), 5, D(2027, 4, 5)),  # Good Friday and Easter Monday 2027
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # Christmas and Boxing Day on a weekend: both observed
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # the year ends: New Year's Day, then a weekend
        (D(2026, 5, 22), 1, D(2026, 5, 26)),  # Spring bank holiday
    ],
)
def test_due_dates_count_working_days_past_englands_bank_holidays(period_end, days, due):
    assert working_days_after(period_end, days) == due


def test_a_due_date_is_at_least_one_working_day_after_the_period():
    with pytest.raises(ValueError):
        working_days_after(D(2026, 11, 30), 0)


def test_monthly_periods_are_calendar_months_that_have_ended():
    found = periods(ReportingFrequency.MONTHLY, D(2026, 10, 15), until=D(2026, 12, 3))
    assert [(p.start, p.end) for p in found] == [(D(2026, 10, 1), D(2026, 10, 31)), (D(2026, 11, 1), D(2026, 11, 30))]
    assert found[1].label == "November 2026"


def test_quarterly_periods_cross_the_year_end():
    found = periods(ReportingFrequency.QUARTERLY, D(2026, 5, 1), until=D(2027, 1, 5))
    assert [p.end for p in found] == [D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]


def test_six_weekly_periods_count_from_the_rules_first_day():
    found = periods(ReportingFrequency.SIX_WEEKLY, D(2026, 9, 7), until=D(2026, 12, 3))
    assert [(p.start, p.end) for p in found] == [(D(2026, 9, 7), D(2026, 10, 18)), (D(2026, 10, 19), D(2026, 11, 29))]


def test_annual_periods_are_financial_years():
    (year,) = periods(ReportingFrequency.ANNUAL, D(2025, 6, 1), until=D(2026, 4, 1))
    assert (year.start, year.end, year.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025/26")


def test_a_one_off_return_is_for_the_day_the_rule_names():
    assert [p.end for p in periods(ReportingFrequency.ONE_OFF, D(2026, 11, 30), until=D(2026, 12, 3))] == [
        D(2026, 11, 30)
    ]
    assert periods(ReportingFrequency.ONE_OFF, D(2026, 12, 30), until=D(2026, 12, 3)) == []


@pytest.mark.django_db
def test_a_councils_returns_are_due_by_its_programmes_rule(council, scheduled_metrics, django_assert_num_queries):
    with django_assert_num_queries(3):
        due = schedule.returns_for_council(council, on=D(2026, 12, 3))
    november = [r for r in due if r.period.label == "November 2026"]
    assert len(november) == 3
    assert {r.due_on for r in november} == {D(2026, 12, 21)}
    assert {r.state for r in november} == {State.NOT_YET_DUE}
    october = [r for r in due if r.period.label == "October 2026"]
    assert {(r.due_on, r.locks_on, r.state) for r in october} == {(D(2026, 11, 20), D(2026, 11, 30), State.LOCKED)}
    earlier = schedule.returns_for_council(council, on=D(2026, 11, 25))
    assert {(r.period.label, r.state) for r in earlier} == {("October 2026", State.OVERDUE)}


@pytest.mark.django_db
def test_the_councils_own_rule_overrides_its_programmes(council, scheduled_metrics, project):
    ReportingRule.objects.create(
        council=council, programme=project.workstream.programme, starts_on=D(2026, 10, 1), due_working_days=5
    )
    due = schedule.returns_for_council(council, on=D(2026, 12, 3))
    assert {r.due_on for r in due if r.period.label == "November 2026"} == {D(2026, 12, 7)}


@pytest.mark.django_db
def test_a_return_submitted_after_its_due_date_is_late_and_one_past_its_lock_is_locked(council, scheduled_metrics):
    first, second, _ = scheduled_metrics
    reading = ReadingFactory(
        metric=first,
        council=council,
        period_start=D(2026, 10, 1),
        period_end=D(2026, 10, 31),
        status=Reading.Status.SUBMITTED,
    )
    Reading.objects.filter(pk=reading.pk).update(submitted_at=dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC))
    due = schedule.returns_for_council(council, on=D(2026, 12, 3))
    october = {r.metric.pk: r for r in due if r.period.label == "October 2026"}
    assert october[first.pk].state == State.LATE  # due 20 November, in 25 November
    assert october[second.pk].state == State.LOCKED  # due 20 November, locked from 1 December
    assert october[second.pk].days_overdue == 13


@pytest.mark.django_db
def test_a_programme_has_one_rule(project, monthly_rule):
    with pytest.raises(IntegrityError):
        ReportingRule.objects.create(programme=project.workstream.programme, starts_on=D(2026, 1, 1))
