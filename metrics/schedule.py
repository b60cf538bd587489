"""The returns schedule: which periods each measure is due for, when each return is due and when it locks.

Working days skip weekends and England's bank holidays (the `holidays` package, subdivision ENG),
so "15 working days after 30 November 2026" counts past Christmas and Boxing Day. Selectors here
never write; `returns_for_council` reads a council's schedule in three queries whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from metrics.models import Metric, Reading, ReportingFrequency, ReportingRule
from pipdash.dates import FinancialYear, add_months, month_end, uk_date, uk_month

SIX_WEEKS = dt.timedelta(days=42)
# Overdue returns older than this are history, not a task: the schedule looks back a year at most.
LOOK_BACK = dt.timedelta(days=366)


def today() -> dt.date:
    """Today for the returns cycle: the RETURNS_TODAY setting when the demo moves the clock, else today."""
    moved = getattr(settings, "RETURNS_TODAY", None)
    return moved or timezone.localdate()


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days_after(day: dt.date, count: int) -> dt.date:
    """The `count`th working day after `day` (the day itself does not count)."""
    if count < 1:
        raise ValueError("count a return's due date at least one working day after its period ends")
    while count:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    frequency: str

    @property
    def label(self) -> str:
        if self.frequency == ReportingFrequency.MONTHLY:
            return uk_month(self.start)
        if self.frequency == ReportingFrequency.ANNUAL:
            return FinancialYear.containing(self.start).label
        if self.frequency == ReportingFrequency.ONE_OFF:
            return f"as at {uk_date(self.end)}"
        return f"{uk_date(self.start)} to {uk_date(self.end)}"


def periods(frequency: str, starts_on: dt.date, until: dt.date) -> list[Period]:
    """Every period of this frequency from `starts_on` that has ended by `until` (oldest first)."""
    found: list[Period] = []
    if frequency == ReportingFrequency.ONE_OFF:
        return [Period(starts_on, starts_on, frequency)] if starts_on <= until else []
    start = _first_start(frequency, starts_on)
    while True:
        end = _end_of(frequency, start)
        if end > until:
            return found
        found.append(Period(start, end, frequency))
        start = end + dt.timedelta(days=1)


def _first_start(frequency: str, starts_on: dt.date) -> dt.date:
    if frequency == ReportingFrequency.MONTHLY:
        return starts_on.replace(day=1)
    if frequency == ReportingFrequency.QUARTERLY:
        return dt.date(starts_on.year, 3 * ((starts_on.month - 1) // 3) + 1, 1)
    if frequency == ReportingFrequency.ANNUAL:
        return FinancialYear.containing(starts_on).start
    return starts_on  # six-weekly: cycles count from the rule's first day


def _end_of(frequency: str, start: dt.date) -> dt.date:
    if frequency == ReportingFrequency.MONTHLY:
        return month_end(start)
    if frequency == ReportingFrequency.QUARTERLY:
        return month_end(add_months(start, 2))
    if frequency == ReportingFrequency.ANNUAL:
        return FinancialYear.containing(start).end
    return start + SIX_WEEKS - dt.timedelta(days=1)


class State:
    NOT_YET_DUE = "not_yet_due"  # the period has ended; the return is not due yet
    OVERDUE = "overdue"  # past its due date and not submitted
    LATE = "late"  # submitted or approved after its due date
    ON_TIME = "on_time"
    LOCKED = "locked"  # locked with nothing submitted


@dataclass(frozen=True)
class DueReturn:
    """One measure's return for one period: when it is due and locks, and the figure if there is one."""

    metric: Metric
    period: Period
    due_on: dt.date
    locks_on: dt.date
    reading: Reading | None
    today: dt.date

    @property
    def submitted_on(self) -> dt.date | None:
        when = self.reading and (self.reading.submitted_at or self.reading.approved_at)
        return timezone.localdate(when) if when else None

    @property
    def is_returned(self) -> bool:
        """Sent in: submitted or approved (a draft or a returned figure is still to do)."""
        return self.reading is not None and self.reading.status in (Reading.Status.SUBMITTED, Reading.Status.APPROVED)

    @property
    def is_locked(self) -> bool:
        return self.today > self.locks_on

    @property
    def state(self) -> str:
        if self.is_returned:
            submitted = self.submitted_on
            return State.LATE if submitted and submitted > self.due_on else State.ON_TIME
        if self.is_locked:
            return State.LOCKED
        return State.OVERDUE if self.today > self.due_on else State.NOT_YET_DUE

    @property
    def days_overdue(self) -> int:
        return max((self.today - self.due_on).days, 0)


def rule_for(rules: Iterable[ReportingRule], council_id: int, programme_id: int | None) -> ReportingRule | None:
    """The council's own rule for the programme, else its rule for everything, else the programme's."""
    by_key = {(r.council_id, r.programme_id): r for r in rules}
    return (
        by_key.get((council_id, programme_id))
        or by_key.get((council_id, None))
        or (by_key.get((None, programme_id)) if programme_id is not None else None)
    )


def _scheduled_metrics(council_ids):
    return Metric.objects.filter(council_id__in=council_ids).exclude(reporting_frequency="").select_related(
        "project__workstream"
    )


def returns_for_councils(council_ids: list[int], on: dt.date | None = None) -> dict[int, list[DueReturn]]:
    """Every scheduled return of these councils whose period ended in the last year, by council: three queries."""
    on = on or today()
    metrics = list(_scheduled_metrics(council_ids))
    if not metrics:
        return {cid: [] for cid in council_ids}
    programme_ids = {m.project.workstream.programme_id for m in metrics if m.project_id}
    rules = list(
        ReportingRule.objects.filter(
            Q(council_id__in=council_ids) | Q(council__isnull=True, programme_id__in=programme_ids)
        )
    )
    readings: dict[tuple, Reading] = {}
    for reading in Reading.objects.filter(
        metric__in=metrics, kind=Reading.Kind.ACTUAL, period_end__gte=on - LOOK_BACK - SIX_WEEKS
    ).select_related("metric"):
        readings[(reading.metric_id, reading.council_id, reading.period_end)] = reading
    result: dict[int, list[DueReturn]] = {cid: [] for cid in council_ids}
    for metric in metrics:
        programme_id = metric.project.workstream.programme_id if metric.project_id else None
        rule = rule_for(rules, metric.council_id, programme_id)
        if rule is None:
            continue
        for period in periods(metric.reporting_frequency, rule.starts_on, on):
            if period.end < on - LOOK_BACK:
                continue
            due_on = working_days_after(period.end, rule.due_working_days)
            result[metric.council_id].append(
                DueReturn(
                    metric=metric,
                    period=period,
                    due_on=due_on,
                    locks_on=due_on + dt.timedelta(days=rule.lock_after_days),
                    reading=readings.get((metric.pk, metric.council_id, period.end)),
                    today=on,
                )
            )
    for items in result.values():
        items.sort(key=lambda r: (r.due_on, r.metric.name))
    return result


def returns_for_council(council, on: dt.date | None = None) -> list[DueReturn]:
    return returns_for_councils([council.pk], on)[council.pk]


def lock_for(reading: Reading, on: dt.date | None = None) -> dt.date | None:
    """The day this figure's period locked (or will lock), or None when its measure is not scheduled."""
    metric = reading.metric
    if not metric.reporting_frequency or metric.council_id is None:
        return None
    programme_id = metric.project.workstream.programme_id if metric.project_id else None
    rules = ReportingRule.objects.filter(
        Q(council_id=reading.council_id) | Q(council__isnull=True, programme_id=programme_id)
    )
    rule = rule_for(list(rules), reading.council_id, programme_id)
    if rule is None:
        return None
    return working_days_after(reading.period_end, rule.due_working_days) + dt.timedelta(days=rule.lock_after_days)
