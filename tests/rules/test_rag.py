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
    assert rag.sentence == (
        "Amber: 100 of 220 (45%) as at 20 October 2018, when 55% was expected (target date 1 April 2019)."
    )


def test_the_papers_example_reads_as_the_domain_says():
    """155 of 220 trained by 20 July 2018, on a line from 0 on 1 January 2018 to 220 on 25 September 2018."""
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-07-20", "155")],
        targets=[p("2018-09-25", "220")],
        baselines=[p("2018-01-01", "0")],
    )
    assert rag.status == AMBER
    assert rag.sentence == (
        "Amber: 155 of 220 (70%) as at 20 July 2018, when 75% was expected (target date 25 September 2018)."
    )


def test_on_or_ahead_of_the_trajectory_is_green():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-10-20", "130")], targets=TARGET, baselines=BASELINE)
    assert rag.status == GREEN
    assert rag.sentence.startswith("Green: 130 of 220 (59%) as at 20 October 2018, when 55% was expected")


def test_far_behind_the_trajectory_is_red():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-10-20", "60")], targets=TARGET, baselines=BASELINE)
    assert rag.status == RED


def test_target_met_is_green_whatever_the_date():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-06-01", "230")], targets=TARGET, baselines=BASELINE)
    assert rag == Rag(GREEN, "Green: target met with 230 of 220 (105%) as at 1 June 2018.")


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
    assert rag.sentence == "Green: 14% as at 1 April 2018, when 15% was expected (target 10% by 1 April 2019)."


def test_lower_is_better_and_rising_is_moving_away_so_red():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2017-10-01", "17"), p("2018-04-01", "17.5")],
        targets=[p("2019-04-01", "10")],
        baselines=[p("2017-04-01", "20")],
    )
    assert rag.status == RED
    assert rag.sentence == (
        "Red: 17.5% as at 1 April 2018, up from 17% on 1 October 2017: "
        "moving away from the target of 10% by 1 April 2019."
    )


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
    assert rag == Rag(NONE, "No target or benchmark.")
    assert rag.word == "No target or benchmark"  # the badge says what is missing, not "No RAG"
    assert rag.reason == ""  # the badge has said it all
    assert not rag.is_known


def test_direction_neither_gets_no_rag_even_with_a_target():
    rag = rag_for(metric=CONTACTS, actuals=[p("2018-07-20", "155")], targets=TARGET, baselines=BASELINE)
    assert rag.status == NONE
    assert rag.word == "Neither direction is better"
    assert rag.sentence == "Neither direction is better: a rise and a fall are not judged for this measure."


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
    assert rag.sentence.endswith(f"is {word} England (16% as at 30 September 2017).")


def test_overall_is_the_worse_of_target_and_benchmark():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2018-04-01", "14")],
        targets=[p("2019-04-01", "10")],
        baselines=[p("2017-04-01", "20")],
        benchmarks=[england("2018-03-31", "12")],
    )
    assert rag.status == RED
    assert rag.sentence == (  # the target part (green) is still explained
        "Red: 14% as at 1 April 2018, when 15% was expected (target 10% by 1 April 2019); "
        "worse than England (12% as at 31 March 2018)."
    )


def test_a_target_without_a_baseline_is_not_judged_before_its_date():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2018-07-20", "155")], targets=[p("2019-03-31", "220")])
    assert rag.status == NONE
    assert rag.word == "No baseline"
    assert rag.sentence == (
        "No baseline: 155 of 220 (70%) as at 20 July 2018; the target is not due until 31 March 2019, "
        "and no source states a baseline to judge progress against before then."
    )


def test_a_target_without_a_baseline_is_judged_against_the_target_after_its_date():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[p("2019-04-30", "210")], targets=[p("2019-03-31", "220")])
    assert rag.status == AMBER
    assert rag.sentence == "Amber: target missed with 210 of 220 (95%) as at 30 April 2019 (target date 31 March 2019)."


def test_no_actual_yet():
    rag = rag_for(metric=STAFF_TRAINED, actuals=[], targets=[p("2019-03-31", "220")])
    assert rag == Rag(NONE, "No figure yet: target 220 by 31 March 2019.")
    assert (rag.word, rag.reason) == ("No figure yet", "target 220 by 31 March 2019.")


def test_benchmarks_without_england_say_that_england_is_missing():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2018-03-31", "14")],
        benchmarks=[BenchmarkPoint("East Midlands", dt.date(2018, 3, 31), Decimal("13"))],
    )
    assert rag.word == "No England figure"
    assert rag.reason.endswith("worse than East Midlands (13%), no England figure to judge it against.")


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
    assert rag.sentence == (
        "Green, stale: 130 of 220 (59%) as at 20 October 2018, when 55% was expected "
        "(target date 1 April 2019); last figure 20 October 2018; none since."
    )


def test_worst_of_several_ignores_unknown():
    assert worst([Rag(GREEN, ""), Rag(NONE, ""), Rag(AMBER, "")]).status == AMBER
    assert worst([Rag(NONE, ""), None]) is None


def test_every_fact_is_said_once():
    """Lincolnshire's demo figure, stale after its target date: each date and value appears once."""
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-07-20", "155")],
        targets=[p("2019-03-31", "220")],
        baselines=[p("2016-04-01", "0")],
        today=dt.date(2025, 1, 1),
    )
    assert rag.sentence == (
        "Amber, stale: 155 of 220 (70%) as at 20 July 2018, when 77% was expected "
        "(target date 31 March 2019); last figure 20 July 2018; none since."
    )
    # The figure's date is said twice: as the figure's, and as the last one ("none since").
    for fact in ("Amber", "155", "220", "31 March 2019", "expected"):
        assert rag.sentence.count(fact) == 1, fact


def test_a_benchmark_dated_with_the_figure_is_not_dated_again_and_areas_share_their_verb():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2025-09-30", "16.5")],
        benchmarks=[england("2025-09-30", "15.2"), BenchmarkPoint("East Midlands", dt.date(2025, 9, 30), D("15.3"))],
    )
    assert rag.sentence == (
        "Amber: 16.5% as at 30 September 2025 is a little worse than England (15.2%), worse than East Midlands (15.3%)."
    )


def test_areas_judged_differently_each_say_how():
    rag = rag_for(
        metric=TURNOVER,
        actuals=[p("2025-09-30", "12")],
        benchmarks=[england("2024-09-30", "15.2"), BenchmarkPoint("East Midlands", dt.date(2025, 9, 30), D("11.3"))],
    )
    assert rag.sentence == (
        "Green: 12% as at 30 September 2025 is better than England (15.2% as at 30 September 2024), "
        "worse than East Midlands (11.3%)."
    )


def test_a_target_met_without_a_share_says_the_target_once():
    rag = rag_for(metric=TURNOVER, actuals=[p("2018-06-01", "9")], targets=[p("2019-04-01", "10")])
    assert rag.sentence == "Green: target met with 9% as at 1 June 2018 (target 10% by 1 April 2019)."


def test_a_fall_on_a_running_total_is_said_as_a_fall_from_the_previous_figure():
    rag = rag_for(
        metric=STAFF_TRAINED,
        actuals=[p("2018-09-01", "125"), p("2018-10-20", "120")],
        targets=TARGET,
        baselines=BASELINE,
    )
    assert rag.sentence == (
        "Red: 120 of 220 (55%) as at 20 October 2018, down from 125 on 1 September 2018: "
        "moving away from the target, due 1 April 2019."
    )


def test_the_reason_is_the_sentence_without_its_word():
    rag = Rag(AMBER, "Amber: 155 of 220 (70%) as at 20 July 2018.")
    assert rag.reason == "155 of 220 (70%) as at 20 July 2018."
