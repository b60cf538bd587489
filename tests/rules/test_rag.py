"""The RAG rule of DOMAIN.md, case by case: direction-aware, explained, never summing a running total."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from metrics.rag import AMBER, GREEN, NONE, RED, BenchmarkPoint, Point, Rag, rag_for, worst
from metrics.units import Direction, Unit

D = Decimal
STAFF_TRAINED = SimpleNamespace(unit=Unit.COUNT, direction=Direction.HIGHER)
TURNOVER = SimpleNamespace(unit=Unit.PERCENT, direction=Direction.LOWER)
CONTACTS = SimpleNamespace(unit=Unit.COUNT, direction=Direction.NEITHER)


def p(day, value):
    return Point(dt.date.fromisoformat(day), D(value))


def england(day, value):
    return BenchmarkPoint("England", dt.date.fromisoformat(day), D(value))


# Baseline 0 on 1 April 2018, target 220 by 1 April 2019: 20 July 2018 is 110/365 of the way (about 30%).
BASELINE = [p("2018-04-01", "0")]
TARGET = [p("2019-04-01", "220")]


def test_behind_the_trajectory_within_the_tolerance_is_amber_and_says_why():
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-10-20", "100")],
        targets=TARGET,
        baselines=BASELINE,
    )
    # Expected on 20 October 2018: 202/365 of 220 = 121.8 (55%); 100 is 21.8 behind, within 22.
    assert rag.status == AMBER
    assert rag.sentence == "Amber: 100 of 220 (45%), 55% expected by 20 October 2018, target date 1 April 2019."


def test_the_papers_example_reads_as_the_domain_says():
    """155 of 220 trained by 20 July 2018, on a line from 0 on 1 January 2018 to 220 on 25 September 2018."""
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-07-20", "155")],
        targets=[p("2018-09-25", "220")],
        baselines=[p("2018-01-01", "0")],
    )
    assert rag.status == AMBER
    assert rag.sentence == "Amber: 155 of 220 (70%), 75% expected by 20 July 2018, target date 25 September 2018."


def test_on_or_ahead_of_the_trajectory_is_green():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-10-20", "130")], targets=TARGET, baselines=BASELINE)
    assert rag.status == GREEN
    assert rag.sentence.startswith("Green: 130 of 220 (59%), 55% expected by 20 October 2018")


def test_far_behind_the_trajectory_is_red():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-10-20", "60")], targets=TARGET, baselines=BASELINE)
    assert rag.status == RED


def test_target_met_is_green_whatever_the_date():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-06-01", "230")], targets=TARGET, baselines=BASELINE)
    assert rag == Rag(GREEN, "Green: target met, 230 of 220 (105%) by 1 June 2018.")


def test_a_running_total_is_read_from_the_latest_figure_never_summed():
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-06-01", "120"), p("2018-10-20", "130"), p("2018-05-01", "100")],
        targets=TARGET,
        baselines=BASELINE,
    )
    assert "130 of 220" in rag.sentence  # not 350 of 220


def test_lower_is_better_and_falling_is_progress():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2017-04-01", "20"), p("2018-04-01", "14")],
        targets=[p("2019-04-01", "10")],
        baselines=[p("2017-04-01", "20")],
    )
    # Expected a year in: 15%; 14% is ahead.
    assert rag.status == GREEN
    assert rag.sentence == "Green: 14% against a target of 10% by 1 April 2019, 15% expected by 1 April 2018."


def test_lower_is_better_and_rising_is_moving_away_so_red():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2017-10-01", "17"), p("2018-04-01", "17.5")],
        targets=[p("2019-04-01", "10")],
        baselines=[p("2017-04-01", "20")],
    )
    assert rag.status == RED
    assert rag.sentence.startswith("Red: moving away from the target: 17.5% against a target of 10%")
    assert "was 17% on 1 October 2017" in rag.sentence


def test_regression_on_a_higher_is_better_metric_is_red_even_if_near_the_line():
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-09-01", "125"), p("2018-10-20", "120")],
        targets=TARGET,
        baselines=BASELINE,
    )
    assert rag.status == RED
    assert "moving away from the target" in rag.sentence


def test_worse_than_the_baseline_is_red():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2018-04-01", "22")],
        targets=[p("2019-04-01", "10")],
        baselines=[p("2017-04-01", "20")],
    )
    assert rag.status == RED
    assert "worse than the baseline of 20%" in rag.sentence


def test_no_target_and_no_benchmark_is_said_in_words():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-07-20", "155")])
    assert rag == Rag(NONE, "No RAG: no target or benchmark.")
    assert rag.word == "No RAG"
    assert not rag.is_known


def test_direction_neither_gets_no_rag_even_with_a_target():
    rag = rag_for(metric=CONTACTS, actuals=[p("2018-07-20", "155")], targets=TARGET, baselines=BASELINE)
    assert rag.status == NONE
    assert rag.sentence == "No RAG: neither a rise nor a fall is better for this measure."


@pytest.mark.parametrize(
    ("value", "status", "word"),
    [
        ("7.3", GREEN, "better than"),
        ("16", GREEN, "the same as"),
        ("17", AMBER, "a little worse than"),
        ("20", RED, "worse than"),
    ],
)
def test_benchmark_only_compares_in_the_metrics_direction(value, status, word):
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2018-03-31", value)],
        benchmarks=[england("2017-09-30", "16"), england("2015-09-30", "12")],
    )
    assert rag.status == status
    assert f"is {word} England (16%, 30 September 2017)" in rag.sentence


def test_overall_is_the_worse_of_target_and_benchmark():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2018-04-01", "14")],
        targets=[p("2019-04-01", "10")],
        baselines=[p("2017-04-01", "20")],
        benchmarks=[england("2018-03-31", "12")],
    )
    assert rag.status == RED
    assert "15% expected by 1 April 2018" in rag.sentence  # the target part (green) is still explained
    assert "worse than England (12%, 31 March 2018)" in rag.sentence


def test_a_target_without_a_baseline_is_not_judged_before_its_date():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-07-20", "155")], targets=[p("2019-03-31", "220")])
    assert rag.status == NONE
    assert rag.sentence == (
        "No RAG: 155 of 220 (70%) as at 20 July 2018, target due 31 March 2019; no trajectory: no baseline, "
        "so it is judged against the target once the target date has passed."
    )


def test_a_target_without_a_baseline_is_judged_against_the_target_after_its_date():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2019-04-30", "210")], targets=[p("2019-03-31", "220")])
    assert rag.status == AMBER
    assert "target missed" in rag.sentence


def test_no_actual_yet():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[], targets=[p("2019-03-31", "220")])
    assert rag == Rag(NONE, "No RAG: no figure yet; target 220 by 31 March 2019.")


def test_the_next_target_due_is_the_one_judged():
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-10-20", "130")],
        targets=[p("2020-04-01", "400"), p("2019-04-01", "220")],
        baselines=BASELINE,
    )
    assert "of 220" in rag.sentence


def test_a_stale_figure_after_the_target_date_is_flagged():
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-10-20", "130")],
        targets=TARGET,
        baselines=BASELINE,
        today=dt.date(2020, 1, 1),
    )
    assert "no figure since the target date, 1 April 2019" in rag.sentence


def test_worst_of_several_ignores_unknown():
    assert worst([Rag(GREEN, ""), Rag(NONE, ""), Rag(AMBER, "")]).status == AMBER
    assert worst([Rag(NONE, ""), None]) is None
