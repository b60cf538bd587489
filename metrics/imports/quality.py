"""The shared data-quality checks, with the figures indexed for a file of thousands of rows.

`metrics.validation.QualityContext` owns the rules. It looks figures up by scanning every
reading of a metric, which is right for one form but means a 10,000-row file scans its series
10,000 times. This subclass answers the same lookup from an index by metric and kind: the same
readings in the same order, so every rule gives the same answer, only sooner.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from metrics.models import Reading
from metrics.units import format_value
from metrics.validation import OUTLIER_MIN_VALUES, OUTLIER_SPREADS, QualityContext
from pipdash.dates import uk_date


def _id(thing) -> int | None:
    if thing is None or isinstance(thing, int):
        return thing
    return thing.pk


@dataclass(slots=True)
class StandIn:
    """A row of the file as the checks see a figure: the fields they read, without building a model
    instance per row (for 10,000 rows that costs more than the checks)."""

    id: int
    metric_id: int
    project_id: int | None
    kind: str
    value: Decimal
    period_start: dt.date | None
    period_end: dt.date

    @property
    def pk(self) -> int:
        return self.id


class _Extremes:
    """The two lowest and two highest values of a series, so one figure can be left out in O(1)."""

    __slots__ = ("count", "low", "high", "pks")

    def __init__(self, readings):
        ranked = sorted(((r.value, r.pk) for r in readings if r.value is not None), key=lambda pair: pair[0])
        self.count = len(ranked)
        self.low = ranked[:2]
        self.high = ranked[-2:][::-1]
        self.pks = {pk for _, pk in ranked}

    def without(self, pk) -> tuple[int, Decimal | None, Decimal | None]:
        """How many values, the lowest and the highest, leaving out the figure `pk`."""
        if pk not in self.pks:
            return self.count, _first(self.low), _first(self.high)
        return self.count - 1, _first(self.low, pk), _first(self.high, pk)


_NOTHING = object()


def _first(pairs, skip=_NOTHING) -> Decimal | None:
    return next((value for value, pk in pairs if pk != skip), None)


class _ByDate:
    """A series' figures grouped by end date, in the order the shared rules scan them."""

    __slots__ = ("ends", "at")

    def __init__(self, readings):
        self.at = defaultdict(list)
        for reading in readings:
            self.at[reading.period_end].append(reading)
        self.ends = sorted(self.at)

    def _first_at(self, index: int, step: int, exclude_pk):
        while 0 <= index < len(self.ends):
            kept = [r for r in self.at[self.ends[index]] if exclude_pk is None or r.pk != exclude_pk]
            if kept:
                return kept[0]
            index += step
        return None

    def before(self, day, exclude_pk):
        """The first figure (in scan order) of the latest date before `day`: what max() would pick."""
        return self._first_at(bisect_left(self.ends, day) - 1, -1, exclude_pk)

    def after(self, day, exclude_pk):
        return self._first_at(bisect_right(self.ends, day), 1, exclude_pk)


@dataclass
class ImportQualityContext(QualityContext):
    """The shared rules, answered from indexes built once for the whole file.

    Each question costs O(log n) in the figures of its series instead of a scan of them all, so a
    file of n rows over one measure is checked in O(n log n), not O(n^2). The answers are the
    shared rules' own: tests/imports/test_quality.py asks both the same questions.
    """

    _index: dict | None = field(default=None, repr=False)

    def add(self, reading: Reading | StandIn) -> None:
        super().add(reading)
        self._index = None

    def replace(self, *, metric_id: int, pks: set[int]) -> None:
        """Forget figures that rows of the file replace; their new values are added with `add`."""
        self.own[metric_id] = [r for r in self.own.get(metric_id, []) if r.pk not in pks]
        self._index = None

    def _indexes(self) -> dict:
        if self._index is None:
            by_kind = defaultdict(list)
            by_project = defaultdict(list)
            for metric_id, readings in self.own.items():
                for reading in readings:
                    by_kind[(metric_id, reading.kind)].append(reading)
                    by_project[(metric_id, reading.project_id, reading.kind)].append(reading)
            self._index = {
                "by_kind": by_kind,
                "extremes": {key: _Extremes(rows) for key, rows in by_kind.items()},
                "peers": {key: _Extremes(_PeerValue(v) for v in values) for key, values in self.peers.items()},
                "dates": {
                    key: _ByDate(r for r in rows if r.value is not None)
                    for key, rows in by_project.items()
                    if key[2] == Reading.Kind.ACTUAL
                },
                "baselines": {
                    key: sorted(((r.period_end, r.pk) for r in rows), key=lambda pair: pair[0])[:2]
                    for key, rows in by_project.items()
                    if key[2] == Reading.Kind.BASELINE
                },
            }
        return self._index

    def _readings(self, metric, project=None, kind=None, exclude_pk=None) -> list[Reading]:
        metric_id = _id(metric)
        rows = self.own.get(metric_id, []) if kind is None else self._indexes()["by_kind"].get((metric_id, kind), [])
        project_id = _id(project)
        return [
            r
            for r in rows
            if (project is None or r.project_id == project_id) and (exclude_pk is None or r.pk != exclude_pk)
        ]

    def baseline_date_errors(
        self, metric, project, kind, period_start, period_end, *, exclude_pk=None
    ) -> dict[str, list[str]]:
        if kind != Reading.Kind.TARGET or period_end is None:
            return {}
        earliest = self._indexes()["baselines"].get((_id(metric), _id(project), Reading.Kind.BASELINE), [])
        earliest = next((day for day, pk in earliest if exclude_pk is None or pk != exclude_pk), None)
        if earliest is None or earliest < period_end:
            return {}
        return {"period_end": [f"A target must be dated after its baseline, which is for {uk_date(earliest)}"]}

    def _cumulative_warnings(self, metric, project, value, period_end, exclude_pk) -> list[str]:
        dates = self._indexes()["dates"].get((_id(metric), _id(project), Reading.Kind.ACTUAL))
        if dates is None:
            return []
        warnings = []
        previous = dates.before(period_end, exclude_pk)
        if previous is not None and value < previous.value:
            warnings.append(
                f"This is a running total, but it is lower than the previous figure "
                f"({format_value(previous.value, metric.unit)} at {uk_date(previous.period_end)})"
            )
        following = dates.after(period_end, exclude_pk)
        if following is not None and value > following.value:
            warnings.append(
                f"This is a running total, but it is higher than the next figure "
                f"({format_value(following.value, metric.unit)} at {uk_date(following.period_end)})"
            )
        return warnings

    def _outlier_warning(self, metric, kind, value, exclude_pk) -> str | None:
        key = (_id(metric), kind)
        indexes = self._indexes()
        own = indexes["extremes"].get(key)
        count, low, high = own.without(exclude_pk) if own else (0, None, None)
        peers = indexes["peers"].get(key)
        if peers is not None:
            count += peers.count
            low = min(v for v in (low, _first(peers.low)) if v is not None)
            high = max(v for v in (high, _first(peers.high)) if v is not None)
        if count < OUTLIER_MIN_VALUES:
            return None
        spread = high - low
        if spread == 0:
            return None
        if low - OUTLIER_SPREADS * spread <= value <= high + OUTLIER_SPREADS * spread:
            return None
        where = "this council's and other councils' figures" if metric.council_id is None else "this council's figures"
        return (
            f"This is far outside the figures seen so far ({format_value(low, metric.unit)} to "
            f"{format_value(high, metric.unit)} in {where})"
        )


@dataclass(slots=True)
class _PeerValue:
    """Another council's approved value, shaped like a figure for `_Extremes`."""

    value: Decimal
    pk: None = None
