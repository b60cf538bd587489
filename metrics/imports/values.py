"""Reading one cell's text as a date, a period, a number or a kind, never guessing.

A spreadsheet cell arrives as text (CSV), or as a number or a date (XLSX). Each parser returns
a Python value or raises `CellProblem` with a sentence a programme manager can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from metrics.units import Qualifier, Unit
from pipdash.dates import MONTHS, FinancialYear, date_out_of_bounds, uk_date


class CellProblem(ValueError):
    """The cell cannot be read as the column needs; the message says why in plain words."""


MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
MONTH_NUMBERS.update({name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)})
MONTH_NUMBERS["sept"] = 9

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$", re.ASCII)
NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})$", re.ASCII)
WORDED_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{2,4})$", re.ASCII)
MONTH_ONLY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$", re.ASCII)
FINANCIAL_YEAR = re.compile(r"^\d{4}\s*[/-]\s*(\d{2}|\d{4})$", re.ASCII)
# Digits, optionally grouped in threes by commas, optionally with decimals.
NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$", re.ASCII)

PERCENT_UNITS = {Unit.PERCENT, Unit.PERCENTAGE_POINTS, Unit.PERCENT_CHANGE}
KINDS = {"actual": "actual", "target": "target", "baseline": "baseline"}


def _build_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellProblem(f"‘{text}’ is not a real date") from None


def _check_year(year_text: str, text: str) -> int:
    if len(year_text) != 4:
        raise CellProblem(f"‘{text}’ has a two-digit year; write the year in full, like 20/07/2018")
    return int(year_text)


def parse_date(value) -> dt.date:
    """A single day: an Excel date, ISO 2018-07-20, 20/07/2018 or 20 July 2018 (day first, year in full),
    within the same bounds as the browser form (pipdash.dates)."""
    day = _parse_date(value)
    if problem := date_out_of_bounds(day):
        raise CellProblem(problem)
    return day


def _parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise CellProblem(f"‘{value:%d/%m/%Y %H:%M}’ has a time of day; give the date only")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float | Decimal):
        raise CellProblem(f"‘{value}’ is a number, not a date; format the cell as a date or write it like 20/07/2018")
    text = str(value).strip()
    if match := ISO_DATE.match(text):
        return _build_date(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
    if match := NUMERIC_DATE.match(text):
        day, month = int(match.group(1)), int(match.group(3))
        return _build_date(_check_year(match.group(4), text), month, day, text)
    if match := WORDED_DATE.match(text):
        month = MONTH_NUMBERS.get(match.group(2).lower())
        if month is None:
            raise CellProblem(f"‘{text}’ is not a date: ‘{match.group(2)}’ is not a month")
        return _build_date(_check_year(match.group(3), text), month, int(match.group(1)), text)
    if MONTH_ONLY.match(text):
        raise CellProblem(f"‘{text}’ does not say which day; give a full date like 31 July 2018")
    if FINANCIAL_YEAR.match(text):
        raise CellProblem(f"‘{text}’ is a year, not a date; put a financial year in period_start or period_end")
    raise CellProblem(f"‘{text}’ is not a date pipdash can read without guessing; write it like 20/07/2018")


def _financial_year(value) -> FinancialYear | None:
    if not isinstance(value, str) or not FINANCIAL_YEAR.match(value.strip()):
        return None
    try:
        return FinancialYear.parse(value)
    except ValueError:
        raise CellProblem(f"‘{value.strip()}’ is not a financial year: write it like 2018/19") from None


class PeriodProblem(CellProblem):
    """Everything wrong with a row's period columns at once, each as (column, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems
        self.column = problems[0][0]


def parse_period(*, start, end, as_at) -> tuple[dt.date | None, dt.date]:
    """Return (period_start, period_end); period_start is None for an "as at" figure.

    A financial year such as 2018/19 in period_start stands for the year's first day, in
    period_end for its last day; alone in either column it stands for the whole year.
    Raises `PeriodProblem` listing every problem, so a row with two bad dates hears of both.
    """
    problems: list[tuple[str, str]] = []

    def read(column, value, *, year_allowed=True):
        if value is None:
            return None
        try:
            year = _financial_year(value)
            if year is not None and not year_allowed:
                raise CellProblem(f"‘{value}’ is a year; an as_at date is one day, so put the year in period_end")
            return year if year is not None else parse_date(value)
        except CellProblem as problem:
            problems.append((column, str(problem)))
            return None

    day = read("as_at", as_at, year_allowed=False)
    first = read("period_start", start)
    last = read("period_end", end)
    if as_at is not None and (start is not None or end is not None):
        problems.append(("as_at", "give either an as_at date or a period, not both"))
    elif as_at is None and start is None and end is None:
        problems.append(
            ("period_end", "give the period the figure covers (period_start and period_end) or an as_at date")
        )
    elif as_at is None and end is None and isinstance(first, dt.date):
        # An unreadable period_start may have been meant as a year, so only a readable date needs an end.
        problems.append(("period_end", "give the last day of the period, or use as_at for a figure at one date"))
    if problems:
        raise PeriodProblem(problems)
    if as_at is not None:
        return None, day
    if end is None:
        return first.start, first.end
    period_end = last.end if isinstance(last, FinancialYear) else last
    if start is None:
        return (last.start, last.end) if isinstance(last, FinancialYear) else (None, period_end)
    period_start = first.start if isinstance(first, FinancialYear) else first
    return period_start, period_end


def parse_number(value, *, unit: str | None) -> Decimal:
    """A number as written in a paper: 1,207,908, £1,207,908.50, 7.3%, or an Excel number cell.

    With `unit` None (the row's metric is not known) only whether it is a number is checked.
    """
    if isinstance(value, bool):
        raise CellProblem(f"‘{value}’ is not a number")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips, so 7.3 stays 7.3 rather than 7.29999...
        return Decimal(repr(value))
    if isinstance(value, dt.date):
        raise CellProblem(f"‘{uk_date(value)}’ is a date, not a number")
    text = str(value).strip().replace("\u2212", "-")
    negative = text.startswith("-")
    body = text[1:].strip() if negative else text
    is_money = body.startswith("£")
    if is_money:
        body = body[1:].strip()
    is_percent = body.endswith("%")
    if is_percent:
        body = body[:-1].strip()
    match = NUMBER.match(body)
    if not match:
        raise CellProblem(_why_not_a_number(text, body))
    if is_money and unit is not None and unit != Unit.GBP:
        raise CellProblem(f"‘{text}’ is an amount in pounds, but this metric is not measured in pounds")
    if is_percent and unit is not None and unit not in PERCENT_UNITS:
        raise CellProblem(f"‘{text}’ is a percentage, but this metric is not measured in per cent")
    try:
        number = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise CellProblem(f"‘{text}’ is not a number") from None
    return -number if negative else number


def _why_not_a_number(text: str, body: str) -> str:
    if re.fullmatch(r"\d+,\d{1,2}", body):
        return f"‘{text}’ is not a number pipdash can read: use a full stop for decimals, like 7.3"
    if re.fullmatch(r"[\d.,]+[kKmMbB]n?", body):
        return f"‘{text}’ is abbreviated; write the number in full, like 9,600,000"
    if re.fullmatch(r"\d+/\d+", body):
        return f"‘{text}’ is a fraction or a date, not a number; write the value as a number"
    return f"‘{text}’ is not a number"


QUALIFIERS = {label.lower(): value for value, label in Qualifier.choices if value}
QUALIFIERS.update({value: value for value in Qualifier.values if value})


def parse_qualifier(value) -> str:
    """'Over', 'close to ', or blank for a figure stated exactly."""
    text = " ".join(str(value or "").split()).lower()
    if not text:
        return Qualifier.EXACT
    if text in QUALIFIERS:
        return QUALIFIERS[text]
    allowed = ", ".join(v for v in Qualifier.values if v)
    raise CellProblem(
        f"‘{str(value).strip()}’ is not a qualifier: leave it blank for an exact figure, or use {allowed}"
    )


def parse_kind(value) -> str:
    text = str(value).strip().lower()
    if text in KINDS:
        return KINDS[text]
    raise CellProblem(f"‘{str(value).strip()}’ is not a kind of figure: use actual, target or baseline")
