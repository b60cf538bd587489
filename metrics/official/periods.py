"""Turn an EES `time_period` and `time_identifier` into a reading's period.

`time_period` is "2018" for calendar, reporting and similar years and "201819" for academic and
financial years. A period is returned as (start, end); start is None for an "as at" figure.

Reporting years have no fixed date: the workforce census is as at 30 September, children in need
is the year to 31 March. The caller says which (`as_at` or `year_ending`, month and day); we never
guess. Terms are nominal whole months (autumn September to December, spring January to March,
summer April to August), since term dates differ between schools.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipdash.dates import MONTHS, AcademicYear, FinancialYear, add_months, month_end


class PeriodError(ValueError):
    """The time period cannot be read, or needs a date the caller did not give."""


@dataclass(frozen=True)
class PeriodRule:
    """How to date a single-year figure whose identifier does not fix the date itself."""

    as_at: tuple[int, int] | None = None  # (month, day): "as at 30 September"
    year_ending: tuple[int, int] | None = None  # (month, day): "the year to 31 March"

    @classmethod
    def parse(cls, *, as_at: str = "", year_ending: str = "") -> PeriodRule:
        if as_at and year_ending:
            raise PeriodError("Give either an 'as at' date or a 'year ending' date, not both")
        return cls(
            as_at=_month_day(as_at) if as_at else None, year_ending=_month_day(year_ending) if year_ending else None
        )

    @property
    def description(self) -> str:
        if self.as_at:
            return f"as at {self.as_at[1]} {MONTHS[self.as_at[0] - 1]}"
        if self.year_ending:
            return f"year ending {self.year_ending[1]} {MONTHS[self.year_ending[0] - 1]}"
        return ""


def _month_day(text: str) -> tuple[int, int]:
    """'09-30' or '30/09' (day first, UK style) to (9, 30)."""
    match = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})\s*", text)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
    else:
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s*", text)
        if not match:
            raise PeriodError(f"{text!r} is not a month and day like 09-30 or 30/09")
        day, month = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2001, month, day)  # not a leap year, so 29 February is refused
    except ValueError:
        raise PeriodError(f"{text!r} is not a real date") from None
    return month, day


def _single_year(time_period: str, identifier: str) -> int:
    if not re.fullmatch(r"\d{4}", time_period):
        raise PeriodError(f"{identifier} needs a four-digit year, not {time_period!r}")
    return int(time_period)


def _split_year(time_period: str, identifier: str, cls):
    if not re.fullmatch(r"\d{6}", time_period):
        raise PeriodError(f"{identifier} needs a year like 201819, not {time_period!r}")
    try:
        return cls.parse(time_period)
    except ValueError as exc:
        raise PeriodError(str(exc)) from None


def _year_by_rule(year: int, identifier: str, rule: PeriodRule) -> tuple[dt.date | None, dt.date]:
    if rule.as_at:
        return None, dt.date(year, *rule.as_at)
    if rule.year_ending:
        end = dt.date(year, *rule.year_ending)
        return end.replace(year=year - 1) + dt.timedelta(days=1), end
    raise PeriodError(
        f"A {identifier.lower()} does not say which date it describes: give the 'as at' date "
        "(the workforce census is as at 30 September) or the 'year ending' date (31 March)"
    )


_QUARTER = re.compile(r"^(calendar year|financial year|academic year|reporting year) q([1-4])$")
_TERMS = {
    "autumn term": (0, 4),  # months after 1 September, number of months
    "spring term": (4, 3),
    "summer term": (7, 5),
    "autumn and spring term": (0, 7),
}
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}


def period_for(
    time_period: str, time_identifier: str, rule: PeriodRule | None = None
) -> tuple[dt.date | None, dt.date]:
    """The (start, end) a figure describes; start None means "as at end"."""
    rule = rule or PeriodRule()
    period = (time_period or "").strip()
    identifier = " ".join((time_identifier or "").split())
    key = identifier.lower()

    if key == "financial year":
        year = _split_year(period, identifier, FinancialYear)
        return year.start, year.end
    if key == "academic year":
        year = _split_year(period, identifier, AcademicYear)
        return year.start, year.end
    if key == "calendar year":
        year = _single_year(period, identifier)
        if rule.as_at or rule.year_ending:
            return _year_by_rule(year, identifier, rule)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if key == "reporting year":
        return _year_by_rule(_single_year(period, identifier), identifier, rule)
    if key in _MONTH_NAMES:
        start = dt.date(_single_year(period, identifier), _MONTH_NAMES[key], 1)
        return start, month_end(start)
    if key in _TERMS:
        year = _split_year(period, identifier, AcademicYear)
        offset, length = _TERMS[key]
        start = add_months(year.start, offset)
        return start, add_months(start, length) - dt.timedelta(days=1)
    match = _QUARTER.match(key)
    if match:
        kind, number = match.group(1), int(match.group(2))
        if kind == "financial year":
            return _split_year(period, identifier, FinancialYear).quarter(number)
        if kind == "academic year":
            start = add_months(_split_year(period, identifier, AcademicYear).start, 3 * (number - 1))
        elif kind == "calendar year":
            start = dt.date(_single_year(period, identifier), 1, 1)
            start = add_months(start, 3 * (number - 1))
        else:
            raise PeriodError("Reporting-year quarters do not say which months they cover")
        return start, add_months(start, 3) - dt.timedelta(days=1)
    raise PeriodError(f"pipdash cannot date the time identifier {identifier!r} yet")
