"""Units, directions and kinds of measure, and how a value in each unit is written."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Per cent"
    PERCENTAGE_POINTS = "pp", "Percentage points"
    PERCENT_CHANGE = "percent_change", "Per cent change"
    GBP = "gbp", "Pounds (£)"
    NUMBER = "number", "Number"
    RATE_PER_10K = "per_10k", "Rate per 10,000 children"
    DAYS = "days", "Days"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NEITHER = "neither", "Neither"


class MeasureKind(models.TextChoices):
    CUMULATIVE = "cumulative", "Cumulative (running total to date)"
    PERIOD_COUNT = "period_count", "Count within a period"
    RATE = "rate", "Rate at a point in time"
    CHANGE = "change", "Change against a baseline or comparison"
    MONEY = "money", "Money"


class Qualifier(models.TextChoices):
    """How a source states a figure: "over 50", "close to £20m". Blank is a figure stated exactly."""

    EXACT = "", "Exactly (as stated)"
    OVER = "over", "Over"
    UNDER = "under", "Under"
    CLOSE_TO = "close to", "Close to"
    ABOUT = "about", "About"
    AT_LEAST = "at least", "At least"
    UP_TO = "up to", "Up to"


AXIS_TITLES = {
    Unit.COUNT: "Number",
    Unit.PERCENT: "Per cent (%)",
    Unit.PERCENTAGE_POINTS: "Percentage points",
    Unit.PERCENT_CHANGE: "Change (%)",
    Unit.GBP: "Pounds (£)",
    Unit.NUMBER: "Value",
    Unit.RATE_PER_10K: "Rate per 10,000 children",
    Unit.DAYS: "Days",
}


def _plain(value: Decimal, places: int | None = None) -> str:
    value = Decimal(value)
    if places is None:
        places = min(max(0, -value.normalize().as_tuple().exponent), 2)
    quantised = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{quantised:,.{places}f}"


def format_value(value, unit: str, qualifier: str = "") -> str:
    """Write a value the way a committee paper would: 7.3%, £1,207,908, 1,120, a 22% reduction, and
    with the paper's qualifier where it gave one ("over 50", "close to £20,000,000"). Every page,
    chart, table and download writes figures through this one function, so none drops a qualifier."""
    if value is None:
        return ""
    text = _format_exact(value, unit)
    return f"{qualifier} {text}" if qualifier else text


def _format_exact(value, unit: str) -> str:
    value = Decimal(value)
    magnitude = _plain(abs(value))
    sign = "\u2212" if value < 0 else ""
    if unit == Unit.PERCENT:
        return f"{sign}{magnitude}%"
    if unit == Unit.PERCENTAGE_POINTS:
        word = "percentage point" if abs(value) == 1 else "percentage points"
        return f"{sign}{magnitude} {word}"
    if unit == Unit.PERCENT_CHANGE:
        if value < 0:
            return f"{magnitude}% reduction"
        if value > 0:
            return f"{magnitude}% increase"
        return "no change"
    if unit == Unit.GBP:
        return f"{sign}£{_plain(abs(value), 0 if value == value.to_integral() else 2)}"
    if unit == Unit.DAYS:
        return f"{sign}{magnitude} days"
    return f"{sign}{magnitude}"


def axis_title(unit: str, name: str = "") -> str:
    """The value axis's title. A plain number says what it counts (the measure's name, without its
    parenthesised source) rather than "Value", when the name is given."""
    if unit == Unit.NUMBER and name:
        return name.split(" (")[0]
    return AXIS_TITLES.get(unit, "Value")


def export_number(value):
    """A figure for a CSV or XLSX cell: a plain number (155, 7.3), never "155.0000" or "1E+3"."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)
