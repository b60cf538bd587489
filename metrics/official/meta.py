"""Read an EES `.meta.csv`: which columns are filters and indicators, their labels, units and decimal places."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from metrics.units import Unit

# The units EES publishes, and what pipdash stores for each. Millions of pounds are stored in
# pounds (multiplied out), so that every money figure has one unit.
EES_UNITS = {
    "": (None, 1),
    "%": (Unit.PERCENT, 1),
    "pp": (Unit.PERCENTAGE_POINTS, 1),
    "£": (Unit.GBP, 1),
    "£m": (Unit.GBP, 1_000_000),
}


class MetaError(ValueError):
    pass


@dataclass(frozen=True)
class ColumnMeta:
    name: str
    col_type: str  # "Filter" or "Indicator"
    label: str
    unit: str = ""
    decimal_places: int | None = None

    @property
    def is_filter(self) -> bool:
        return self.col_type.lower() == "filter"

    @property
    def pipdash_unit(self) -> str | None:
        return EES_UNITS[self.unit][0]

    @property
    def multiplier(self) -> int:
        return EES_UNITS[self.unit][1]


def parse_meta(text: str) -> dict[str, ColumnMeta]:
    """Columns by name. Raises MetaError for a file that is not a .meta.csv or has a unit we do not know."""
    reader = csv.DictReader(io.StringIO(text))
    needed = {"col_name", "col_type", "label"}
    if not reader.fieldnames or not needed <= {name.strip() for name in reader.fieldnames}:
        raise MetaError("The metadata file needs the columns col_name, col_type and label")
    columns = {}
    for line, row in enumerate(reader, start=2):
        row = {(key or "").strip(): (value or "").strip() for key, value in row.items()}
        unit = row.get("indicator_unit", "")
        if unit not in EES_UNITS:
            raise MetaError(f"Line {line}: pipdash does not know the unit {unit!r} (it knows %, pp, £ and £m)")
        places = row.get("indicator_dp", "")
        try:
            decimal_places = int(places) if places else None
        except ValueError:
            raise MetaError(f"Line {line}: decimal places {places!r} is not a whole number") from None
        columns[row["col_name"]] = ColumnMeta(
            name=row["col_name"], col_type=row["col_type"], label=row["label"], unit=unit, decimal_places=decimal_places
        )
    return columns
