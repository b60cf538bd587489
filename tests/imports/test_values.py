"""Cells read as dates, periods, numbers and kinds: UK formats understood, anything ambiguous refused."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.imports.values import CellProblem, parse_date, parse_kind, parse_number, parse_period
from metrics.units import Unit

JULY_20 = dt.date(2018, 7, 20)


@pytest.mark.parametrize(
    "text",
    ["20/07/2018", "20/7/2018", "20-07-2018", "20.07.2018", "2018-07-20", "20 July 2018", "20 Jul 2018",
     "20th July 2018", " 20 july 2018 ", JULY_20, dt.datetime(2018, 7, 20)],
)
def test_uk_iso_and_excel_dates_are_understood(text):
    assert parse_date(text) == JULY_20


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("07/08/18", "two-digit year"),
        ("20/07/18", "two-digit year"),
        ("1/2", "not a date"),
        ("July 2018", "which day"),
        ("2018/19", "is a year"),
        ("31/02/2019", "not a real date"),
        ("07/20/2018", "not a real date"),  # American order is not guessed
        ("20 Jully 2018", "not a month"),
        ("yesterday", "not a date"),
        (43301, "is a number"),
        (dt.datetime(2018, 7, 20, 14, 30), "time of day"),
    ],
)
def test_ambiguous_or_impossible_dates_are_errors_not_guesses(text, says):
    with pytest.raises(CellProblem, match=says):
        parse_date(text)


@pytest.mark.parametrize(
    ("cells", "period"),
    [
        ({"as_at": "20/07/2018"}, (None, JULY_20)),
        ({"end": "20/07/2018"}, (None, JULY_20)),
        ({"start": "01/04/2018", "end": "30/06/2018"}, (dt.date(2018, 4, 1), dt.date(2018, 6, 30))),
        ({"start": "2018/19"}, (dt.date(2018, 4, 1), dt.date(2019, 3, 31))),
        ({"end": "2018/19"}, (dt.date(2018, 4, 1), dt.date(2019, 3, 31))),
        ({"start": "2018/19", "end": "2018/19"}, (dt.date(2018, 4, 1), dt.date(2019, 3, 31))),
        ({"start": "2017/18", "end": "2018-19"}, (dt.date(2017, 4, 1), dt.date(2019, 3, 31))),
        ({"start": "2018/2019"}, (dt.date(2018, 4, 1), dt.date(2019, 3, 31))),
    ],
)
def test_periods_and_financial_years(cells, period):
    assert parse_period(start=cells.get("start"), end=cells.get("end"), as_at=cells.get("as_at")) == period


@pytest.mark.parametrize(
    ("cells", "column", "says"),
    [
        ({}, "period_end", "give the period"),
        ({"as_at": "20/07/2018", "end": "31/07/2018"}, "as_at", "not both"),
        ({"as_at": "2018/19"}, "as_at", "one day"),
        ({"start": "01/04/2018"}, "period_end", "last day"),
        ({"start": "2018/20"}, "period_start", "not a financial year"),
        ({"start": "01/04/18", "end": "31/03/2019"}, "period_start", "two-digit year"),
    ],
)
def test_period_problems_name_their_column(cells, column, says):
    with pytest.raises(CellProblem, match=says) as caught:
        parse_period(start=cells.get("start"), end=cells.get("end"), as_at=cells.get("as_at"))
    assert caught.value.column == column


@pytest.mark.parametrize(
    ("text", "unit", "number"),
    [
        ("155", Unit.COUNT, Decimal("155")),
        ("1,207,908", Unit.GBP, Decimal("1207908")),
        ("£1,207,908.50", Unit.GBP, Decimal("1207908.50")),
        ("7.3%", Unit.PERCENT, Decimal("7.3")),
        ("7.3 %", Unit.PERCENT, Decimal("7.3")),
        ("-22%", Unit.PERCENT_CHANGE, Decimal("-22")),
        ("\u221211", Unit.PERCENTAGE_POINTS, Decimal("-11")),
        (7.3, Unit.PERCENT, Decimal("7.3")),
        (155, Unit.COUNT, Decimal("155")),
    ],
)
def test_numbers_as_papers_write_them(text, unit, number):
    assert parse_number(text, unit=unit) == number


@pytest.mark.parametrize(
    ("text", "unit", "says"),
    [
        ("1/2", Unit.COUNT, "fraction"),
        ("7,3", Unit.PERCENT, "full stop"),
        ("1,20,000", Unit.COUNT, "not a number"),
        ("£9.6m", Unit.GBP, "abbreviated"),
        ("£500", Unit.COUNT, "pounds"),
        ("50%", Unit.COUNT, "per cent"),
        ("about 50", Unit.COUNT, "not a number"),
        ("1e6", Unit.COUNT, "not a number"),
        ("NaN", Unit.COUNT, "not a number"),
        (dt.date(2018, 7, 20), Unit.COUNT, "is a date"),
    ],
)
def test_unreadable_numbers_are_errors(text, unit, says):
    with pytest.raises(CellProblem, match=says):
        parse_number(text, unit=unit)


@pytest.mark.parametrize(("text", "kind"), [("actual", "actual"), ("Target", "target"), (" BASELINE ", "baseline")])
def test_kinds(text, kind):
    assert parse_kind(text) == kind


def test_an_unknown_kind_lists_the_choices():
    with pytest.raises(CellProblem, match="actual, target or baseline"):
        parse_kind("forecast")


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_plain_problem(text):
    try:
        parse_date(text)
    except CellProblem as problem:
        assert str(problem)


@given(st.text(max_size=30), st.sampled_from(list(Unit)))
def test_any_text_is_a_number_or_a_plain_problem(text, unit):
    try:
        assert isinstance(parse_number(text, unit=unit), Decimal)
    except CellProblem as problem:
        assert str(problem)
