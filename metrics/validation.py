"""Checks on one figure before it is saved: the browser form and the spreadsheet import share them.

Two layers:
- `reading_value_errors` needs no database: the unit's rules and the period's. Errors refuse.
- `QualityContext` reads a council's figures for a set of metrics ONCE (a fixed number of
  queries), then answers per-row questions from memory: is this a duplicate, is a target dated
  after its baseline (errors), and does the figure look wrong (warnings, which need an
  explanation before saving but are not refused).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import OuterRef, Subquery

from metrics.models import Metric, Reading
from metrics.units import MeasureKind, Unit, format_value
from pipdash.dates import uk_date

# Reading.value is DecimalField(max_digits=20, decimal_places=4).
MAX_DECIMAL_PLACES = 4
MAX_WHOLE_DIGITS = 16
# "Far outside" the spread seen: further than this many spreads beyond the lowest or highest value.
OUTLIER_SPREADS = 3
# Fewer values than this say nothing about what is usual.
OUTLIER_MIN_VALUES = 3


def _decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _value_errors(unit: str, kind: str, value: Decimal) -> list[str]:
    if not value.is_finite():
        return ["Enter the value as a number, like 155 or 7.3"]
    if value != 0 and value.adjusted() + 1 > MAX_WHOLE_DIGITS:
        return ["The value is too large"]
    errors = []
    if unit == Unit.PERCENT and not (0 <= value <= 100):
        errors.append("A percentage must be between 0 and 100")
    elif unit == Unit.COUNT:
        if value != value.to_integral_value():
            errors.append("A count must be a whole number, like 155")
        if value < 0:
            errors.append("A count cannot be negative")
    elif unit == Unit.GBP or kind == MeasureKind.MONEY:
        if _decimal_places(value) > 2:
            errors.append("An amount of money can have at most two decimal places (pence), like 1207908.50")
    elif unit == Unit.RATE_PER_10K and value < 0:
        errors.append("A rate per 10,000 children cannot be negative")
    if not errors and _decimal_places(value) > MAX_DECIMAL_PLACES:
        errors.append(f"Enter the value with at most {MAX_DECIMAL_PLACES} decimal places")
    return errors


def reading_value_errors(
    *,
    metric: Metric,
    kind: str,
    value: Decimal | None,
    period_start: dt.date | None,
    period_end: dt.date | None,
    today: dt.date,
) -> dict[str, list[str]]:
    """Field name -> plain messages for what the unit and the period forbid. Empty when all is well.

    A missing value (None) is not checked here: whether one is required is the caller's rule.
    """
    errors: dict[str, list[str]] = {}
    if kind not in Reading.Kind.values:
        errors["kind"] = ["Choose whether this is an actual figure, a target or a baseline"]
    if value is not None:
        value_errors = _value_errors(metric.unit, metric.kind, Decimal(value))
        if value_errors:
            errors["value"] = value_errors
    if period_end is None:
        errors["period_end"] = ["Enter the date the figure is for"]
        return errors
    if period_start is not None and period_end < period_start:
        errors["period_end"] = ["The end of the period must be the same as or after its start"]
    elif kind == Reading.Kind.ACTUAL and period_end > today:
        errors["period_end"] = [
            "An actual figure cannot be for a date in the future: enter it as a target, or change the date"
        ]
    return errors


def _project_id(project) -> int | None:
    if project is None or isinstance(project, int):
        return project
    return project.pk


def _metric_id(metric) -> int:
    return metric if isinstance(metric, int) else metric.pk


@dataclass
class QualityContext:
    """A council's figures for some metrics, and other councils' approved figures of the common ones.

    Build it once with `for_council` (two queries), then check any number of rows. Rows accepted
    during an import can be added with `add` so later rows are checked against them too.
    """

    council_id: int
    # metric id -> this council's readings of it (every state: managers see their drafts).
    own: dict[int, list[Reading]] = field(default_factory=lambda: defaultdict(list))
    # (metric id, kind) -> other councils' approved values, for metrics with a common definition.
    peers: dict[tuple[int, str], list[Decimal]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def for_council(cls, *, council, metrics: Iterable[Metric]) -> QualityContext:
        metrics = list(metrics)
        context = cls(council_id=council.pk)
        metric_ids = [m.pk for m in metrics]
        if not metric_ids:
            return context
        own = (
            Reading.objects.filter(council_id=council.pk, metric_id__in=metric_ids)
            .only(
                "id",
                "metric_id",
                "council_id",
                "project_id",
                "kind",
                "value",
                "period_start",
                "period_end",
                "status",
                "unit",
                "version",
            )
            .order_by("period_end", "id")
        )
        for reading in own:
            context.own[reading.metric_id].append(reading)
        common_ids = [m.pk for m in metrics if m.council_id is None]
        if common_ids and connection.vendor == "postgresql":
            context.peers.update(_peer_samples(common_ids, council.pk))
        elif common_ids:
            peer_rows = (
                Reading.objects.filter(metric_id__in=common_ids, published_value__isnull=False)
                .exclude(council_id=council.pk)
                .values_list("metric_id", "kind", "published_value")
            )
            for metric_id, kind, value in peer_rows:
                context.peers[(metric_id, kind)].append(value)
        return context

    def add(self, reading: Reading) -> None:
        """Count a figure accepted after the context was built (an earlier row of the same file)."""
        self.own[reading.metric_id].append(reading)

    def _readings(self, metric, project=None, kind=None, exclude_pk=None) -> list[Reading]:
        rows = self.own.get(_metric_id(metric), [])
        project_id = _project_id(project)
        return [
            r
            for r in rows
            if (project is None or r.project_id == project_id)
            and (kind is None or r.kind == kind)
            and (exclude_pk is None or r.pk != exclude_pk)
        ]

    def duplicate_of(self, metric, project, kind, period_start, period_end, *, exclude_pk=None) -> Reading | None:
        """The existing figure of the same metric, project, period and kind, if there is one."""
        project_id = _project_id(project)
        start = period_start or period_end
        for reading in self._readings(metric, kind=kind, exclude_pk=exclude_pk):
            if (
                reading.project_id == project_id
                and reading.period_end == period_end
                and (reading.period_start or reading.period_end) == start
            ):
                return reading
        return None

    def baseline_date_errors(
        self, metric, project, kind, period_start, period_end, *, exclude_pk=None
    ) -> dict[str, list[str]]:
        """A target must be dated after a baseline of the same metric and project, where one exists."""
        if kind != Reading.Kind.TARGET or period_end is None:
            return {}
        baselines = [
            r
            for r in self._readings(metric, kind=Reading.Kind.BASELINE, exclude_pk=exclude_pk)
            if r.project_id == _project_id(project)
        ]
        if not baselines or any(b.period_end < period_end for b in baselines):
            return {}
        earliest = min(b.period_end for b in baselines)
        return {"period_end": [f"A target must be dated after its baseline, which is for {uk_date(earliest)}"]}

    def quality_warnings(self, metric, project, kind, value, period_end, *, exclude_pk=None) -> list[str]:
        """Why a figure looks wrong, in plain words. Empty when nothing looks odd."""
        if value is None or period_end is None:
            return []
        value = Decimal(value)
        if not value.is_finite():
            return []
        warnings = []
        if metric.kind == MeasureKind.CUMULATIVE and kind == Reading.Kind.ACTUAL:
            warnings.extend(self._cumulative_warnings(metric, project, value, period_end, exclude_pk))
        outlier = self._outlier_warning(metric, kind, value, exclude_pk)
        if outlier:
            warnings.append(outlier)
        return warnings

    def _cumulative_warnings(self, metric, project, value, period_end, exclude_pk) -> list[str]:
        actuals = [
            r
            for r in self._readings(metric, kind=Reading.Kind.ACTUAL, exclude_pk=exclude_pk)
            if r.project_id == _project_id(project) and r.value is not None
        ]
        earlier = [r for r in actuals if r.period_end < period_end]
        later = [r for r in actuals if r.period_end > period_end]
        warnings = []
        if earlier:
            previous = max(earlier, key=lambda r: r.period_end)
            if value < previous.value:
                warnings.append(
                    f"This is a running total, but it is lower than the previous figure "
                    f"({format_value(previous.value, metric.unit)} at {uk_date(previous.period_end)})"
                )
        if later:
            following = min(later, key=lambda r: r.period_end)
            if value > following.value:
                warnings.append(
                    f"This is a running total, but it is higher than the next figure "
                    f"({format_value(following.value, metric.unit)} at {uk_date(following.period_end)})"
                )
        return warnings

    def _outlier_warning(self, metric, kind, value, exclude_pk) -> str | None:
        seen = [r.value for r in self._readings(metric, kind=kind, exclude_pk=exclude_pk) if r.value is not None]
        seen += self.peers.get((_metric_id(metric), kind), [])
        if len(seen) < OUTLIER_MIN_VALUES:
            return None
        low, high = min(seen), max(seen)
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


def _peer_samples(metric_ids, council_id) -> dict[tuple[int, str], list[Decimal]]:
    """Other councils' approved values that the outlier check needs, not all of them: the lowest
    OUTLIER_MIN_VALUES and the highest (their low, high and "at least that many" are the whole series'),
    one query walking the index reading_metric_kind_published (issue 20): a save reads a handful of rows
    whatever the number of councils and years, where it read every other council's figures."""
    from django.contrib.postgres.expressions import ArraySubquery  # PostgreSQL only: imported on use

    samples = {}
    outer = Metric.objects.filter(pk__in=metric_ids).order_by()
    for kind in Reading.Kind.values:
        peers = Reading.objects.filter(
            metric_id=OuterRef("pk"), kind=kind, published_value__isnull=False
        ).exclude(council_id=council_id)
        outer = outer.annotate(
            **{
                f"low_{kind}": ArraySubquery(
                    peers.order_by("published_value", "pk").values("published_value")[:OUTLIER_MIN_VALUES]
                ),
                f"high_{kind}": Subquery(peers.order_by("-published_value", "-pk").values("published_value")[:1]),
            }
        )
    for row in outer.values("pk", *(f"{end}_{kind}" for kind in Reading.Kind.values for end in ("low", "high"))):
        for kind in Reading.Kind.values:
            low, high = row[f"low_{kind}"], row[f"high_{kind}"]
            if low:
                # Fewer than the limit: those are every value, the highest among them.
                samples[(row["pk"], kind)] = low + [high] if len(low) == OUTLIER_MIN_VALUES else low
    return samples
