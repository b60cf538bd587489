"""Monthly series with realistic shapes: trends, noise, seasons, gaps and running totals.

Pure functions of a `random.Random`, so a seed gives the same figures on every run and on
every database. Values are floats rounded to the archetype's places; `None` is a gap (a
month the council did not report).
"""

import math
import random

from metrics.scale.catalogue import Archetype

GAP_CHANCE = 0.02


def _clamp_percent(value: float, unit: str) -> float:
    return min(max(value, 0.0), 100.0) if unit == "percent" else value


def monthly_series(archetype: Archetype, months: int, rng: random.Random) -> list[float | None]:
    """`months` values for one council's metric, oldest first."""
    level = rng.uniform(archetype.low, archetype.high)
    shape = archetype.shape
    if shape == "cumulative":
        values = _cumulative(level, months, rng)
    elif shape in ("count", "money"):
        values = _seasonal(level, months, rng, floor=0.0)
    elif shape == "change":
        values = _drift_to(level, months, rng)
    else:
        values = _random_walk(level, archetype, months, rng)
    out: list[float | None] = []
    for value in values:
        if rng.random() < GAP_CHANCE:
            out.append(None)
        else:
            out.append(round(_clamp_percent(value, archetype.unit), archetype.places))
    return out


def _cumulative(start: float, months: int, rng: random.Random) -> list[float]:
    """A running total: starts small, grows by whole numbers each month, never falls."""
    monthly = rng.uniform(1, 25)
    total = float(round(start))
    values = []
    for month in range(months):
        ramp = min(1.0, 0.3 + month / 24)  # roll-outs start slowly
        total += max(0, round(rng.gauss(monthly * ramp, monthly * 0.4)))
        values.append(total)
    return values


def _seasonal(level: float, months: int, rng: random.Random, floor: float) -> list[float]:
    """A count or spend in each month: a yearly trend, a season (quiet Augusts) and noise."""
    trend = rng.uniform(-0.06, 0.10) / 12
    amplitude = rng.uniform(0.05, 0.15)
    values = []
    for month in range(months):
        season = 1 + amplitude * math.cos(2 * math.pi * (month - 4) / 12)  # month 0 is April
        expected = level * (1 + trend) ** month * season
        values.append(max(floor, rng.gauss(expected, expected * 0.08)))
    return values


def _random_walk(level: float, archetype: Archetype, months: int, rng: random.Random) -> list[float]:
    """A rate that drifts with a trend and autocorrelated noise, kept within its plausible range."""
    span = archetype.high - archetype.low
    trend = rng.uniform(-0.25, 0.25) * span / months
    noise = 0.0
    values = []
    for month in range(months):
        noise = 0.7 * noise + rng.gauss(0, span * 0.03)
        value = level + trend * month + noise
        values.append(max(0.0, value))
    return values


def _drift_to(effect: float, months: int, rng: random.Random) -> list[float]:
    """An effect against a baseline: zero at the start, drifting towards the effect achieved."""
    values = []
    for month in range(months):
        progress = 1 - math.exp(-month / 30)
        values.append(effect * progress + rng.gauss(0, 1.0))
    return values


def targets_from(archetype: Archetype, baseline: float, years: int, rng: random.Random) -> list[float]:
    """One target for the end of each financial year, improving on the baseline in the metric's direction."""
    sign = 1 if archetype.direction == "higher" else -1
    step = rng.uniform(0.02, 0.08) * (abs(baseline) or 1)
    if archetype.shape == "cumulative":
        step = max(step, rng.uniform(60, 200))
    values = []
    for year in range(1, years + 1):
        value = max(0.0, baseline + sign * step * year)
        values.append(round(_clamp_percent(value, archetype.unit), archetype.places))
    return values
