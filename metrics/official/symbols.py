"""The symbols EES tidy-data files put in an indicator cell instead of a number.

A symbol is never a zero: the reading is stored with no value and the symbol, with its meaning,
as the reason. "low" and "k" mean the figure rounds to zero but is not zero, so a zero would be
wrong too.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

SYMBOLS = {
    "c": "confidential",
    "x": "not available",
    ":": "not available",
    "z": "not applicable",
    "low": "rounds to zero, not zero",
    "k": "rounds to zero, not zero",
    "u": "low reliability",
    "": "not published",
}


def missing_reason(symbol: str) -> str:
    """'c (confidential)'; a blank cell reads 'blank (not published)'."""
    meaning = SYMBOLS[symbol]
    return f"{symbol or 'blank'} ({meaning})"


def parse_cell(text: str) -> tuple[Decimal | None, str]:
    """A cell's value and, when there is none, why. Raises ValueError for anything else."""
    raw = (text or "").strip()
    key = raw.lower()
    if key in SYMBOLS:
        return None, missing_reason(key)
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is neither a number nor a known symbol (c, x, z, low, k, u, :)") from None
    if not value.is_finite():
        raise ValueError(f"{raw!r} is not a number")
    return value, ""
