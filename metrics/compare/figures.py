"""The compare page's reads of councils' figures (metrics/compare/selectors.py puts them together): whole series
only for the councils drawn, and for the others only what the page shows of them (issue 20)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BigIntegerField, DateField, DecimalField, F, Q, Subquery
from django.db.models import Value as DbValue
from django.db.models.functions import Cast


@dataclass(frozen=True)
class Value:
    """One published figure, or a gap with its reason."""

    value: Decimal | None
    reason: str = ""
    note: str = ""  # said beside the value: how many figures a median is of


def figures_read(readings, chosen: set[int], series_of: dict[int, int], drawn: set[int]):
    """In one query: the whole series of the councils drawn, the periods the other chosen councils have figures
    for (the trend table has a row for each), and the newest period end any council has (the latest period
    is over every council, not only the chosen ones). The others' series are not read: at 153 councils of ten
    years' monthly figures they were 18,000 rows a page to draw twelve lines (issue 20).
    Returns (series, periods, newest end, the other councils' ids and their earlier councils')."""
    target = {pk: series_of.get(pk, pk) for pk in chosen}
    with_series = {pk for pk in chosen if target[pk] in drawn}
    others = chosen - with_series
    # Typed: PostgreSQL types a bare NULL as text in a DISTINCT part, which a union with numbers refuses.
    no_id, no_date = Cast(DbValue(None), BigIntegerField()), Cast(DbValue(None), DateField())
    no_value = Cast(DbValue(None), DecimalField(max_digits=20, decimal_places=4))
    start, end = F("published_period_start"), F("published_period_end")
    parts = [
        _columns(readings.filter(council_id__in=with_series), "s", F("pk"), F("council_id"), start, end,
                 F("published_value"), F("published_missing_reason")),
    ]  # fmt: skip
    if others:
        others_periods = _columns(readings.filter(council_id__in=others), "p", no_id, no_id, start, end, no_value, "")
        parts.append(others_periods.distinct())
    # The newest end: a probe at the end of the index reading_compare_latest, not a read of every figure.
    newest = readings.filter(published_period_end__isnull=False).order_by("-published_period_end").values("pk")[:1]
    parts.append(_columns(readings.filter(pk=Subquery(newest)), "n", no_id, no_id, no_date, end, no_value, ""))
    series: dict[int, dict[tuple, Value]] = {}
    periods: set[tuple] = set()
    newest_end = None
    for part, _pk, council_id, start, end, value, reason in parts[0].union(*parts[1:], all=True):
        if part == "n":
            newest_end = end
            continue
        periods.add((start, end))
        if part == "s":
            values = series.setdefault(target[council_id], {})
            if council_id not in series_of or (start, end) not in values:  # the council's own figure comes first
                values[(start, end)] = Value(value, reason)
    return series, periods, newest_end, others


# The columns of figures_read's compound query: every part names the same ones, in the same order.
COLUMNS = ("part", "reading", "of_council", "starts", "ends", "figure", "why")


def _columns(readings, part: str, *columns):
    """A part of figures_read's query. Every column an annotation, so each part selects them in one order
    (Django selects a queryset's fields before its expressions). No ordering: Reading's default would join
    councils to sort by name, and a compound query's parts may not be ordered."""
    named = dict(
        zip(
            COLUMNS,
            (DbValue(part), *(c if hasattr(c, "resolve_expression") else DbValue(c) for c in columns)),
            strict=True,
        )
    )
    return readings.order_by().annotate(**named).values_list(*COLUMNS)


def latest_read(readings, newest_end: dt.date, previous, *, others: set[int] | None, series_of: dict[int, int]):
    """Every council's figure at the newest end (for the ranking and the table), and in the same query the
    figures at the period before of the `others` (every council when None): the councils whose series was not
    read, whose change since the previous period the table still shows. Returns (latest readings, council id ->
    previous value)."""
    query = Q(published_period_end=newest_end)
    if previous is not None:
        before = Q(published_period_start=previous[0], published_period_end=previous[1])
        if others is None:
            query |= before
        elif others:
            query |= before & Q(council_id__in=others)
    at_latest, earlier = [], {}
    for reading in readings.filter(query).select_related("council__region").order_by():
        if reading.published_period_end == newest_end:
            at_latest.append(reading.as_published())
            continue
        council_id = reading.council_id
        if council_id not in series_of:  # the council's own figure comes first
            earlier[council_id] = reading.published_value
        else:
            earlier.setdefault(series_of[council_id], reading.published_value)
    return at_latest, earlier
