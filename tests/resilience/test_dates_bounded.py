"""Issue 19 part 7: the spreadsheet import refuses the absurd dates the browser form refuses."""

import datetime as dt

import pytest

from metrics.imports.values import CellProblem, parse_date

OUTSIDE = ["0001-01-01", "9999-12-31", dt.date(1, 1, 1), dt.datetime(9999, 12, 31), "31/12/2101"]


@pytest.mark.parametrize("value", OUTSIDE)
def test_an_import_date_outside_1900_to_2100_is_refused_with_a_reason(value):
    with pytest.raises(CellProblem, match="1 January 1900 to 31 December 2100"):
        parse_date(value)


def test_an_excel_serial_such_as_minus_5_is_refused():
    with pytest.raises(CellProblem):
        parse_date(-5)


@pytest.mark.parametrize("value", ["1900-01-01", "31/12/2100", "20 July 2018"])
def test_dates_within_the_bounds_are_read(value):
    assert dt.date(1900, 1, 1) <= parse_date(value) <= dt.date(2100, 12, 31)
