import datetime as dt

import pytest

from pipdash.dates import (
    AcademicYear,
    FinancialYear,
    Precision,
    add_months,
    financial_year_of,
    partial_date,
    period_label,
    quarter_of,
    uk_date,
)


@pytest.mark.parametrize("label", ["2018/19", "2018-19", "2018/2019", "201819"])
def test_financial_year_reads_the_usual_spellings(label):
    year = FinancialYear.parse(label)
    assert year.label == "2018/19"
    assert year.start == dt.date(2018, 4, 1)
    assert year.end == dt.date(2019, 3, 31)


@pytest.mark.parametrize("label", ["2018/20", "2018", "18/19", "abcd/ef", "", "2019/18"])
def test_financial_year_refuses_what_is_not_one(label):
    with pytest.raises(ValueError):
        FinancialYear.parse(label)


@pytest.mark.parametrize(
    ("day", "label"),
    [(dt.date(2018, 3, 31), "2017/18"), (dt.date(2018, 4, 1), "2018/19"), (dt.date(2020, 3, 31), "2019/20")],
)
def test_financial_year_of_a_day_turns_over_on_1_april(day, label):
    assert financial_year_of(day).label == label


def test_century_turn_is_written_with_two_digits():
    assert FinancialYear(1999).label == "1999/00"
    assert FinancialYear.parse("1999/00").start_year == 1999


def test_quarters_start_in_april():
    assert quarter_of(dt.date(2018, 4, 1)) == 1
    assert quarter_of(dt.date(2018, 7, 20)) == 2
    assert quarter_of(dt.date(2019, 1, 15)) == 4
    assert FinancialYear(2018).quarter(4) == (dt.date(2019, 1, 1), dt.date(2019, 3, 31))


def test_academic_year_runs_september_to_august():
    year = AcademicYear.parse("2018/19")
    assert (year.start, year.end) == (dt.date(2018, 9, 1), dt.date(2019, 8, 31))


def test_uk_date_has_no_leading_zero_and_full_month():
    assert uk_date(dt.date(2018, 7, 20)) == "20 July 2018"
    assert uk_date(dt.date(2020, 3, 1)) == "1 March 2020"
    assert uk_date(None) == ""


def test_partial_dates_are_no_more_precise_than_the_source():
    day = dt.date(2016, 1, 1)
    assert partial_date(day, Precision.YEAR) == "2016"
    assert partial_date(dt.date(2017, 10, 1), Precision.SEASON) == "Autumn 2017"
    assert partial_date(dt.date(2018, 6, 1), Precision.MONTH) == "June 2018"


def test_period_label_names_a_financial_year_or_says_as_at():
    assert period_label(None, dt.date(2018, 7, 20)) == "as at 20 July 2018"
    assert period_label(dt.date(2020, 4, 1), dt.date(2021, 3, 31)) == "2020/21"
    assert period_label(dt.date(2018, 5, 1), dt.date(2018, 7, 31)) == "1 May 2018 to 31 July 2018"


def test_add_months_keeps_the_day_where_it_can():
    assert add_months(dt.date(2018, 1, 31), 1) == dt.date(2018, 2, 28)
    assert add_months(dt.date(2018, 11, 1), 3) == dt.date(2019, 2, 1)
