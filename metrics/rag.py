"""RAG, computed and explained (DOMAIN.md): one pure function, no database.

Against a target, the latest actual is compared with where a straight line from the baseline
(value, date) to the target (value, date) says it should be on the actual's own date. Green is on
or ahead of the line, or the target met; amber is behind by no more than the tolerance (10% of
the baseline-to-target distance); red is further behind, or moving away from the target.
Against a benchmark, better than it in the metric's direction is green, within the tolerance
(10% of the benchmark) amber, otherwise red. Overall is the worse of the two. The latest reading
of a cumulative metric is its total: readings are never summed here.

One benchmark rule (issue 13): a benchmark RAG compares with England for the same period only
(the England figure dated with the actual, else the nearest, which the sentence dates); the region
and statistical neighbours are context in the sentence ("better than England (13.0%), worse than
East Midlands (10.9%)"), never a second colour. So for one measure and period the RAG is monotone
in the value: a better figure never gets a worse colour.

Figures as stated (issue 13): a figure the source qualifies ("over 50") is judged as the number it
gives (50), and the sentence says so ("over 50 is judged as 50"), so that no qualifier is dropped
from what the page shows nor silently turned into a precise figure.

Stale figures say so (issue 13): a RAG is judged at its figure's date; a figure older than its
measure's reporting interval (the metric's `reporting_months`, else 12 months) relative to today
is stale, and the badge ("Amber, stale") and sentence ("last figure 20 July 2018; none since") say so.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from metrics.units import Direction, Unit, format_value
from pipdash.dates import uk_date

TOLERANCE = Decimal("0.1")
# Months a figure stays current when its measure states no reporting interval (DOMAIN.md).
DEFAULT_REPORTING_MONTHS = 12

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"
ENGLAND = "England"  # the one benchmark that sets a colour
_ORDER = {GREEN: 0, AMBER: 1, RED: 2}
_WORDS = {GREEN: "Green", AMBER: "Amber", RED: "Red"}
# A measure with no colour says what is missing rather than "No RAG" (issue 14): the badge is the reason.
NO_TARGET = "No target or benchmark"
NO_FIGURE = "No figure yet"
NO_DIRECTION = "Neither direction is better"
NO_BASELINE = "No baseline"
NO_ENGLAND = "No England figure"
NOT_RATED = "Not rated"


@dataclass(frozen=True)
class Point:
    """One dated value: an actual, a target or a baseline."""

    on: dt.date
    value: Decimal
    qualifier: str = ""  # "over", "close to": judged as the value itself, and the sentence says so


@dataclass(frozen=True)
class BenchmarkPoint:
    label: str  # "England", "East Midlands"
    on: dt.date
    value: Decimal


@dataclass(frozen=True)
class Rag:
    status: str
    sentence: str
    stale: bool = False  # the figure is older than its reporting interval allows, as at today
    # The date of the figure judged, for "Amber at 20 July 2018".
    on: dt.date | None = field(default=None, compare=False)
    # For a RAG with no colour, what is missing ("No target or benchmark"): its badge says it.
    missing: str = field(default="", compare=False)

    @property
    def word(self) -> str:
        if not self.is_known:
            return self.missing or NOT_RATED
        return f"{_WORDS[self.status]}, stale" if self.stale else _WORDS[self.status]

    @property
    def reason(self) -> str:
        """The sentence without its leading word, for showing beside a badge that already says it (blank
        when the word is the whole sentence: "No target or benchmark.")."""
        prefix = f"{self.word}: "
        if self.sentence.rstrip(".") == self.word:
            return ""
        return self.sentence[len(prefix):] if self.sentence.startswith(prefix) else self.sentence

    @property
    def is_known(self) -> bool:
        return self.status != NONE


@dataclass(frozen=True)
class _Part:
    status: str  # NONE when this comparison could not be made
    clause: str
    missing: str = ""  # why it could not be made, for the badge


def rag_for(
    *,
    metric,
    actuals: Sequence[Point],
    targets: Sequence[Point] = (),
    baselines: Sequence[Point] = (),
    benchmarks: Sequence[BenchmarkPoint] = (),
    today: dt.date | None = None,
    tolerance: Decimal = TOLERANCE,
) -> Rag:
    """The RAG status of one metric for one council, with the sentence that explains it.

    `metric` needs `unit` and `direction`. Points may come in any order.
    """
    if metric.direction == Direction.NEITHER:
        return Rag(NONE, f"{NO_DIRECTION}: a rise and a fall are not judged for this measure.", missing=NO_DIRECTION)
    actuals = sorted((p for p in actuals if p.value is not None), key=lambda p: p.on)
    targets = sorted((p for p in targets if p.value is not None), key=lambda p: p.on)
    baselines = sorted((p for p in baselines if p.value is not None), key=lambda p: p.on)
    benchmarks = [b for b in benchmarks if b.value is not None]
    if not targets and not benchmarks:
        return Rag(NONE, f"{NO_TARGET}.", missing=NO_TARGET)
    fmt = _formatter(metric.unit)
    if not actuals:
        target_text = f": target {_stated(metric, targets[0])} by {uk_date(targets[0].on)}" if targets else ""
        return Rag(NONE, f"{NO_FIGURE}{target_text}.", missing=NO_FIGURE)

    latest = actuals[-1]
    previous = actuals[-2] if len(actuals) > 1 else None
    stale = is_stale(metric, latest.on, today)
    parts = []
    if targets:
        # A stale figure says "none since" once, below, rather than again beside its target.
        target_today = None if stale else today
        parts.append(
            _against_target(metric, latest, previous, targets, baselines, target_today, tolerance, fmt, now=today)
        )
    if benchmarks:
        parts.append(_against_benchmarks(metric, latest, benchmarks, tolerance, fmt, alone=not targets))
    known = [p.status for p in parts if p.status != NONE]
    status = max(known, key=_ORDER.__getitem__) if known else NONE
    clauses = [p.clause for p in parts]
    if latest.qualifier:
        clauses.append(f"{format_value(latest.value, metric.unit, latest.qualifier)} is judged as {fmt(latest.value)}")
    if stale:
        clauses.append(f"last figure {uk_date(latest.on)}; none since")
    missing = "" if known else next((p.missing for p in parts if p.missing), NOT_RATED)
    rag = Rag(status, "", stale=stale, on=latest.on, missing=missing)
    return Rag(status, f"{rag.word}: " + "; ".join(clauses) + ".", stale=stale, on=latest.on, missing=missing)


def is_stale(metric, on: dt.date, today: dt.date | None) -> bool:
    """Older than the measure's reporting interval allows, counted back from today."""
    if today is None:
        return False
    months = getattr(metric, "reporting_months", None) or DEFAULT_REPORTING_MONTHS
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    # The same day of the month that many months ago (the month's last day where it is shorter).
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return on < dt.date(year, month + 1, day)


def worst(rags) -> Rag | None:
    """The worst known RAG of several (a project's metrics), or None if none is known."""
    known = [r for r in rags if r is not None and r.is_known]
    return max(known, key=lambda r: _ORDER[r.status]) if known else None


def _formatter(unit: str):
    return lambda value: format_value(value, unit)


def _better(direction: str, a: Decimal, b: Decimal) -> bool:
    """a is at least as good as b."""
    return a >= b if direction == Direction.HIGHER else a <= b


def _shortfall(direction: str, actual: Decimal, expected: Decimal) -> Decimal:
    """How far behind the expected value the actual is (0 or less when on or ahead)."""
    return expected - actual if direction == Direction.HIGHER else actual - expected


def _share(metric, value: Decimal, target: Decimal) -> str:
    """The share "(70%)" for a count towards a target of more than zero; empty where a share would mislead."""
    if metric.unit in (Unit.COUNT, Unit.NUMBER) and metric.direction == Direction.HIGHER and target > 0:
        return f" ({_percent(value / target)})"
    return ""


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).quantize(Decimal(1)):,}%"


def _figure(metric, latest: Point, target: Point, fmt) -> str:
    """The latest figure as stated ("over 50") and its date, with its share of the target where a
    share is meaningful."""
    stated = format_value(latest.value, metric.unit, latest.qualifier)
    share = _share(metric, latest.value, target.value)
    value = f"{stated} of {_stated(metric, target)}{share}" if share else stated
    return f"{value} as at {uk_date(latest.on)}"


def _stated(metric, point: Point) -> str:
    return format_value(point.value, metric.unit, point.qualifier)


def _target_note(metric, latest: Point, target: Point, fmt, stale: bool) -> str:
    """The target's date, and its value where the figure has not said it already, in brackets."""
    if _share(metric, latest.value, target.value):
        note = f"target date {uk_date(target.on)}"
    else:
        note = f"target {_stated(metric, target)} by {uk_date(target.on)}"
    return f" ({note}; no figure since that date)" if stale else f" ({note})"


def _choose_target(targets: Sequence[Point], on: dt.date) -> Point:
    """The next target due on or after the actual's date; the last one if all have passed."""
    return next((t for t in targets if t.on >= on), targets[-1])


def _choose_baseline(baselines: Sequence[Point], target: Point) -> Point | None:
    before = [b for b in baselines if b.on < target.on]
    return before[-1] if before else None


def _expected(baseline: Point, target: Point, on: dt.date) -> Decimal:
    if on >= target.on:
        return target.value
    if on <= baseline.on:
        return baseline.value
    fraction = Decimal((on - baseline.on).days) / Decimal((target.on - baseline.on).days)
    return baseline.value + (target.value - baseline.value) * fraction


def _against_target(metric, latest, previous, targets, baselines, today, tolerance, fmt, now=None) -> _Part:
    direction = metric.direction
    target = _choose_target(targets, latest.on)
    figure = _figure(metric, latest, target, fmt)
    stale = bool(today and latest.on < target.on < today)
    note = _target_note(metric, latest, target, fmt, stale)
    if _better(direction, latest.value, target.value):
        # "230 of 220" has said the target; a figure without a share has not.
        met_note = "" if _share(metric, latest.value, target.value) else note
        return _Part(GREEN, f"target met with {figure}{met_note}")

    baseline = _choose_baseline(baselines, target)
    if previous is not None and not _better(direction, latest.value, previous.value):
        moved = "down" if latest.value < previous.value else "up"
        if _share(metric, latest.value, target.value):
            away = f"moving away from the target, due {uk_date(target.on)}"
        else:
            away = f"moving away from the target of {_stated(metric, target)} by {uk_date(target.on)}"
        stale_text = " (no figure since that date)" if stale else ""
        return _Part(
            RED, f"{figure}, {moved} from {fmt(previous.value)} on {uk_date(previous.on)}: {away}{stale_text}"
        )
    if baseline is not None and not _better(direction, latest.value, baseline.value):
        return _Part(
            RED, f"{figure}, worse than the baseline of {fmt(baseline.value)} on {uk_date(baseline.on)}{note}"
        )

    if baseline is None:
        if latest.on < target.on:
            # No source states where the line to the target starts: none is invented (issue 13). Read
            # after the target date, the sentence says the figure came before it rather than "not due".
            due = "was not due until" if now is not None and now > target.on else "is not due until"
            return _Part(
                NONE,
                f"{figure}; the target {due} {uk_date(target.on)}, and no source states a baseline "
                "to judge progress against before then",
                missing=NO_BASELINE,
            )
        # Past the target date with no baseline: the tolerance is a share of the target itself.
        allowed = abs(target.value) * tolerance
        behind = _shortfall(direction, latest.value, target.value)
        status = AMBER if behind <= allowed else RED
        return _Part(status, f"target missed with {figure}{note}")

    expected = _expected(baseline, target, latest.on)
    behind = _shortfall(direction, latest.value, expected)
    distance = abs(target.value - baseline.value) or abs(target.value)
    if behind <= 0:
        status = GREEN
    elif behind <= distance * tolerance:
        status = AMBER
    else:
        status = RED
    return _Part(status, f"{figure}, when {_expected_text(metric, expected, target, fmt)} was expected{note}")


def _expected_text(metric, expected: Decimal, target: Point, fmt) -> str:
    if _share(metric, expected, target.value):
        return _percent(expected / target.value)
    return fmt(expected)


def _against_benchmarks(metric, latest, benchmarks, tolerance, fmt, *, alone: bool) -> _Part:
    """England for the same period decides the colour; every other area is context only, so that
    councils judged on one page against one England figure keep their colours in order of value."""
    by_area: dict[str, list[BenchmarkPoint]] = {}
    for benchmark in benchmarks:
        by_area.setdefault(benchmark.label, []).append(benchmark)
    status = NONE
    # "better than England (16%) and East Midlands (9.8%)": one verb per judgement, in first-seen order.
    by_word: dict[str, list[str]] = {}
    for label, points in by_area.items():
        # The same period where there is one; otherwise the nearest, whose date the sentence gives.
        nearest = min(points, key=lambda b: (abs((b.on - latest.on).days), -b.on.toordinal()))
        same = latest.value == nearest.value
        better = _better(metric.direction, latest.value, nearest.value)
        if label == ENGLAND:
            if better:
                status, word = GREEN, "the same as" if same else "better than"
            elif abs(latest.value - nearest.value) <= abs(nearest.value) * tolerance:
                status, word = AMBER, "a little worse than"
            else:
                status, word = RED, "worse than"
        else:
            word = "the same as" if same else ("better than" if better else "worse than")
        # The benchmark's date is said only where it differs from the figure's, already given.
        when = "" if nearest.on == latest.on else f" as at {uk_date(nearest.on)}"
        by_word.setdefault(word, []).append(f"{label} ({fmt(nearest.value)}{when})")
    clauses = [f"{word} {_and(areas)}" for word, areas in by_word.items()]
    if ENGLAND not in by_area:
        clauses.append("no England figure to judge it against")
    # Beside a target clause the actual has been stated already.
    lead = f"{_stated(metric, latest)} as at {uk_date(latest.on)} is " if alone else ""
    return _Part(status, lead + ", ".join(clauses), missing="" if ENGLAND in by_area else NO_ENGLAND)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
