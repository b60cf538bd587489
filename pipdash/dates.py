"""Financial years, academic years and UK date formatting.

A financial year runs 1 April to 31 March and is written "2018/19"; an academic year
runs 1 September to 31 August and is written the same way. Dates are shown as
"20 July 2018". These helpers are the one place the rules live.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

YEAR_LABEL = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, order=True)
class _SplitYear:
    """A year that starts in one calendar year and ends in the next."""

    start_year: int

    START_MONTH = 4

    @classmethod
    def parse(cls, label: str) -> _SplitYear:
        """Read "2018/19", "2018-19", "2018/2019" or EES's "201819"."""
        text = str(label).strip()
        if re.fullmatch(r"\d{6}", text):
            first, second = int(text[:4]), int(text[4:])
        else:
            match = YEAR_LABEL.match(text)
            if not match:
                raise ValueError(f"{label!r} is not a year like 2018/19")
            first, second = int(match.group(1)), int(match.group(2))
        if second < 100:
            expected = (first + 1) % 100
        else:
            expected = first + 1
        if second != expected:
            raise ValueError(f"{label!r} is not a year like 2018/19: the second year must follow the first")
        return cls(first)

    @classmethod
    def containing(cls, day: dt.date) -> _SplitYear:
        return cls(day.year if day.month >= cls.START_MONTH else day.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, self.START_MONTH, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, self.START_MONTH, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label

    def next(self):
        return type(self)(self.start_year + 1)

    def previous(self):
        return type(self)(self.start_year - 1)


class FinancialYear(_SplitYear):
    """April to March: "2018/19" is 1 April 2018 to 31 March 2019."""

    START_MONTH = 4

    def quarter(self, number: int) -> tuple[dt.date, dt.date]:
        """Q1 is April to June."""
        if number not in (1, 2, 3, 4):
            raise ValueError("A quarter is 1, 2, 3 or 4")
        first = add_months(self.start, 3 * (number - 1))
        return first, add_months(first, 3) - dt.timedelta(days=1)


class AcademicYear(_SplitYear):
    """September to August."""

    START_MONTH = 9


def financial_year(label: str) -> FinancialYear:
    return FinancialYear.parse(label)


def financial_year_of(day: dt.date) -> FinancialYear:
    return FinancialYear.containing(day)


def quarter_of(day: dt.date) -> int:
    """Financial-year quarter: Q1 April to June ... Q4 January to March."""
    return ((day.month - 4) % 12) // 3 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1) if day.day == 1 else _clamp(year, month + 1, day.day)


def _clamp(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def month_end(day: dt.date) -> dt.date:
    return add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


def uk_date(day: dt.date | dt.datetime | None) -> str:
    """20 July 2018 (no leading zero, month in full)."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def uk_month(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


class Precision:
    """How much of a stated date the source actually gave ("2016", "July 2017", "20 July 2018")."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    CHOICES = [(DAY, "Day"), (MONTH, "Month"), (SEASON, "Season"), (YEAR, "Year")]


SEASONS = {
    3: "Spring",
    4: "Spring",
    5: "Spring",
    6: "Summer",
    7: "Summer",
    8: "Summer",
    9: "Autumn",
    10: "Autumn",
    11: "Autumn",
    12: "Winter",
    1: "Winter",
    2: "Winter",
}


def partial_date(day: dt.date | None, precision: str = Precision.DAY) -> str:
    """Format a date no more precisely than its source stated it."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return str(day.year)
    if precision == Precision.SEASON:
        return f"{SEASONS[day.month]} {day.year}"
    if precision == Precision.MONTH:
        return uk_month(day)
    return uk_date(day)


def partial_iso(day: dt.date | None, precision: str = Precision.DAY) -> str:
    """A date for a download, no more precise than its source: "2018-07-20", "2018-07", "2016", or
    "Autumn 2017" (ISO 8601 has no seasons)."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.SEASON:
        return partial_date(day, precision)
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def period_label(start: dt.date | None, end: dt.date) -> str:
    """Say what a reading's period is without guessing: a financial year, a range or "as at"."""
    if start is None or start == end:
        return f"as at {uk_date(end)}"
    fy = FinancialYear.containing(start)
    if start == fy.start and end == fy.end:
        return fy.label
    academic = AcademicYear.containing(start)
    if start == academic.start and end == academic.end:
        return f"{academic.label} academic year"  # as DfE labels school-year figures
    return f"{uk_date(start)} to {uk_date(end)}"


# The one range of dates a figure may have, wherever it is entered (form, spreadsheet, importer):
# outside it a date is a typing slip, and would stretch every chart's axis from year 1 to 9999.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def date_out_of_bounds(day) -> str | None:
    """Why this date is refused, or None when it is within the bounds."""
    if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
        return f"{day.isoformat()} is outside the dates pipdash accepts: 1 January 1900 to 31 December 2100"
    return None
