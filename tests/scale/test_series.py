"""The shapes of synthetic series, without a database."""

import random

import pytest

from metrics.scale.catalogue import ARCHETYPES
from metrics.scale.series import monthly_series, targets_from
from metrics.units import MeasureKind, Unit


@pytest.mark.parametrize("archetype", ARCHETYPES, ids=lambda a: a.name.split(" (")[0])
def test_every_archetype_gives_one_value_a_month_within_its_unit(archetype):
    for seed in range(20):
        values = monthly_series(archetype, 120, random.Random(seed))
        assert len(values) == 120
        known = [v for v in values if v is not None]
        assert len(known) > 100, "gaps are rare"
        if archetype.unit == Unit.PERCENT:
            assert all(0 <= v <= 100 for v in known)
        if archetype.unit in (Unit.COUNT, Unit.GBP, Unit.DAYS, Unit.RATE_PER_10K, Unit.NUMBER):
            assert all(v >= 0 for v in known)
        if archetype.unit == Unit.COUNT:
            assert all(v == int(v) for v in known)


@pytest.mark.parametrize("archetype", [a for a in ARCHETYPES if a.kind == MeasureKind.CUMULATIVE])
def test_a_running_total_never_falls(archetype):
    for seed in range(50):
        known = [v for v in monthly_series(archetype, 120, random.Random(seed)) if v is not None]
        assert known == sorted(known)
        assert known[-1] > known[0], "a roll-out trains people"


def test_the_same_seed_gives_the_same_series():
    archetype = ARCHETYPES[2]
    assert monthly_series(archetype, 60, random.Random("1:E10000019")) == monthly_series(
        archetype, 60, random.Random("1:E10000019")
    )
    assert monthly_series(archetype, 60, random.Random(1)) != monthly_series(archetype, 60, random.Random(2))


@pytest.mark.parametrize("archetype", [a for a in ARCHETYPES if a.has_target], ids=lambda a: a.name.split(" (")[0])
def test_targets_improve_on_the_baseline_in_the_metric_direction(archetype):
    targets = targets_from(archetype, 50.0, 5, random.Random(3))
    assert len(targets) == 5
    if archetype.direction == "higher":
        assert targets == sorted(targets)
    else:
        assert targets == sorted(targets, reverse=True)
    if archetype.unit == Unit.PERCENT:
        assert all(0 <= t <= 100 for t in targets)
