"""The dates a page is read at (issue 14): ?since= for "what changed", ?as_at= for the page as it stood."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipdash.dates import add_months, uk_date
from programmes.selectors import previous_committee_date

DEFAULT_SINCE_MONTHS = 3
EARLIEST = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class PageDates:
    today: dt.date
    since: dt.date
    since_reason: str  # why this date: asked for, the previous committee meeting, or three months ago
    as_at: dt.date | None = None
    errors: tuple = ()  # (field, message) for a date that could not be read

    @property
    def since_label(self) -> str:
        return uk_date(self.since)


def _parse(text: str, name: str, today: dt.date):
    if not text:
        return None, None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None, (name, "Enter a real date, like 2018-07-20")
    if day > today or day < EARLIEST:
        return None, (name, f"Enter a date between 1 January 2000 and {uk_date(today)}")
    return day, None


def page_dates(params, *, council, today: dt.date) -> PageDates:
    """Read ?since= and ?as_at= (YYYY-MM-DD). Since defaults to the council's previous committee
    meeting, else three months before the page's date; as_at defaults to today (None)."""
    as_at, as_at_error = _parse(params.get("as_at", ""), "as_at", today)
    when = as_at or today
    since, since_error = _parse(params.get("since", ""), "since", when)
    reason = "the date you chose"
    if since is None:
        meeting = previous_committee_date(council, when) if council is not None else None
        if meeting is not None:
            since, reason = meeting, "the previous committee meeting"
        else:
            since, reason = add_months(when, -DEFAULT_SINCE_MONTHS), "three months before"
    errors = tuple(e for e in (as_at_error, since_error) if e)
    return PageDates(today=today, since=since, since_reason=reason, as_at=as_at, errors=errors)
