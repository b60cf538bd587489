"""Match an EES row's LA codes to the council that operated at the time the figure describes.

A DfE LA number can belong to two councils over time (Barnsley and Sheffield got new GSS codes on
1 May 2025; North Yorkshire in 2023), so a code alone is not enough: the period decides. A row
for two councils together ("940 / 941") is reported, never split or given to one of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipdash.dates import uk_date


@dataclass(frozen=True)
class CouncilRecord:
    key: object  # the database id, or the GSS code when there is no database
    gss_code: str
    dfe_number: str
    name: str
    operational_from: dt.date | None = None
    operational_to: dt.date | None = None

    def operates_on(self, day: dt.date) -> bool:
        return (self.operational_from is None or self.operational_from <= day) and (
            self.operational_to is None or day <= self.operational_to
        )

    @property
    def label(self) -> str:
        return f"{self.name} ({self.gss_code})"


class CombinedArea(Exception):
    """The row is for two or more councils together."""


class CouncilMatchError(Exception):
    """No council, or more than one, fits the row's codes at its date."""


class NotOperating(CouncilMatchError):
    """The codes name a council that did not exist at the row's date (published files keep such rows, marked z)."""


class CouncilDirectory:
    def __init__(self, records: Iterable[CouncilRecord]):
        self.by_gss: dict[str, CouncilRecord] = {}
        self.by_dfe: dict[str, list[CouncilRecord]] = defaultdict(list)
        for record in records:
            self.by_gss[record.gss_code] = record
            if record.dfe_number:
                self.by_dfe[record.dfe_number].append(record)

    @classmethod
    def from_database(cls) -> CouncilDirectory:
        from programmes.models import Council

        fields = ("pk", "gss_code", "dfe_number", "name", "operational_from", "operational_to")
        return cls(CouncilRecord(*values) for values in Council.objects.values_list(*fields))

    def match(self, *, new_la_code: str, old_la_code: str, on: dt.date) -> tuple[CouncilRecord, str]:
        """The council and, when the codes named another council, a note saying so."""
        gss, dfe = (new_la_code or "").strip(), (old_la_code or "").strip()
        if "/" in gss or "/" in dfe:
            raise CombinedArea(f"{dfe or gss} is several councils together")
        when = uk_date(on)
        if gss:
            record = self.by_gss.get(gss)
            if record is None:
                raise CouncilMatchError(f"no council has the GSS code {gss}")
            if dfe and record.dfe_number and dfe != record.dfe_number:
                raise CouncilMatchError(f"{record.label} has DfE number {record.dfe_number}, not {dfe}")
            if record.operates_on(on):
                return record, ""
            others = [r for r in self.by_dfe.get(record.dfe_number, []) if r is not record and r.operates_on(on)]
            if len(others) != 1:
                raise NotOperating(
                    f"{record.label} did not operate on {when}, and no single council with DfE number "
                    f"{record.dfe_number or '(none)'} did"
                )
            return others[0], (
                f"{record.label} did not operate on {when}; the figure is kept with {others[0].label}, "
                f"which did and has the same DfE number {record.dfe_number}"
            )
        if not dfe:
            raise CouncilMatchError("the row has neither a GSS code nor a DfE number")
        candidates = [r for r in self.by_dfe.get(dfe, []) if r.operates_on(on)]
        if not candidates:
            known = self.by_dfe.get(dfe)
            if known:
                raise NotOperating(f"no council with DfE number {dfe} operated on {when}")
            raise CouncilMatchError(f"no council has the DfE number {dfe}")
        if len(candidates) > 1:
            names = ", ".join(r.label for r in candidates)
            raise CouncilMatchError(f"DfE number {dfe} belonged to more than one council on {when}: {names}")
        return candidates[0], ""
