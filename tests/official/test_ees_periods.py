import datetime as dt

import pytest

from metrics.official.periods import PeriodError, PeriodRule, period_for
from metrics.official.symbols import parse_cell

D = dt.date
SEPT_30 = PeriodRule.parse(as_at="09-30")
TO_31_MARCH = PeriodRule.parse(year_ending="31/03")


@pytest.mark.parametrize(
    ("time_period", "identifier", "rule", "expected"),
    [
        ("2018", "Reporting year", SEPT_30, (None, D(2018, 9, 30))),
        ("2025", "Reporting year", TO_31_MARCH, (D(2024, 4, 1), D(2025, 3, 31))),
        ("2018", "Calendar year", None, (D(2018, 1, 1), D(2018, 12, 31))),
        ("2018", "Calendar year", SEPT_30, (None, D(2018, 9, 30))),
        ("201819", "Financial year", None, (D(2018, 4, 1), D(2019, 3, 31))),
        ("201819", "Academic year", None, (D(2018, 9, 1), D(2019, 8, 31))),
        ("201819", "Financial year Q1", None, (D(2018, 4, 1), D(2018, 6, 30))),
        ("201819", "Financial year Q4", None, (D(2019, 1, 1), D(2019, 3, 31))),
        ("2018", "Calendar year Q2", None, (D(2018, 4, 1), D(2018, 6, 30))),
        ("201819", "Academic year Q1", None, (D(2018, 9, 1), D(2018, 11, 30))),
        ("201819", "Autumn term", None, (D(2018, 9, 1), D(2018, 12, 31))),
        ("201819", "Spring term", None, (D(2019, 1, 1), D(2019, 3, 31))),
        ("201819", "Summer term", None, (D(2019, 4, 1), D(2019, 8, 31))),
        ("201819", "Autumn and spring term", None, (D(2018, 9, 1), D(2019, 3, 31))),
        ("2018", "February", None, (D(2018, 2, 1), D(2018, 2, 28))),
        ("2020", "february", None, (D(2020, 2, 1), D(2020, 2, 29))),
    ],
)
def test_each_time_identifier_gives_its_period(time_period, identifier, rule, expected):
    assert period_for(time_period, identifier, rule) == expected


@pytest.mark.parametrize(
    ("time_period", "identifier"),
    [
        ("2018", "Reporting year"),  # which date? never guessed
        ("2018", "Financial year"),
        ("201820", "Financial year"),
        ("201819", "Calendar year"),
        ("2018", "Week 12"),
        ("2018", "Reporting year Q1"),
    ],
)
def test_periods_that_cannot_be_dated_are_refused(time_period, identifier):
    with pytest.raises(PeriodError):
        period_for(time_period, identifier)


def test_a_rule_needs_a_real_date():
    with pytest.raises(PeriodError):
        PeriodRule.parse(as_at="02-30")
    with pytest.raises(PeriodError):
        PeriodRule.parse(as_at="09-30", year_ending="03-31")
    assert SEPT_30.description == "as at 30 September"


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("c", "c (confidential)"),
        ("x", "x (not available)"),
        (":", ": (not available)"),
        ("z", "z (not applicable)"),
        ("low", "low (rounds to zero, not zero)"),
        ("k", "k (rounds to zero, not zero)"),
        ("u", "u (low reliability)"),
        ("", "blank (not published)"),
        (" C ", "c (confidential)"),
    ],
)
def test_each_suppression_symbol_is_missing_with_its_reason(cell, reason):
    assert parse_cell(cell) == (None, reason)


def test_numbers_are_exact_decimals():
    value, reason = parse_cell("1,207.5")
    assert str(value) == "1207.5" and reason == ""
    with pytest.raises(ValueError):
        parse_cell("n/a")
