"""Match an EES row's LA codes to the council its figure belongs to.

A DfE LA number can belong to two councils over time (Barnsley and Sheffield got new GSS codes on
1 May 2025; North Yorkshire in 2023), so a code alone is not enough: the period decides. A row
belongs to the council that held its code for any part of the period, since a year's figure
for a council abolished in that year is still that council's. Where a council was replaced by
exactly one other over the same area (a recode, a county becoming a unitary), readers see one
series, so the figure goes to the live end of that chain. Splits and merges are never followed.
A row for two councils together ("940 / 941") is reported, never split or given to one of them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipdash.dates import period_label, uk_date


@dataclass(frozen=True)
class CouncilRecord:
    key: object  # the database id, or the GSS code when there is no database
    gss_code: str
    dfe_number: str
    name: str
    operational_from: dt.date | None = None
    operational_to: dt.date | None = None
    successors: tuple[str, ...] = ()  # GSS codes

    def operates_on(self, day: dt.date) -> bool:
        return self.operates_during(None, day)

    def operates_during(self, start: dt.date | None, end: dt.date) -> bool:
        """True when the council existed on any day of the period (start None: on the end date only)."""
        first = start or end
        return (self.operational_from is None or self.operational_from <= end) and (
            self.operational_to is None or first <= self.operational_to
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
        self.predecessor_count = Counter(code for r in self.by_gss.values() for code in r.successors)

    @classmethod
    def from_database(cls) -> CouncilDirectory:
        from programmes.models import Council

        links = defaultdict(list)
        for old, new in Council.successors.through.objects.values_list(
            "from_council__gss_code", "to_council__gss_code"
        ):
            links[old].append(new)
        fields = ("pk", "gss_code", "dfe_number", "name", "operational_from", "operational_to")
        return cls(
            CouncilRecord(*values, successors=tuple(sorted(links[values[1]])))
            for values in Council.objects.values_list(*fields)
        )

    def continuing(self, record: CouncilRecord) -> CouncilRecord:
        """The live council that carries this one's series: followed only through one-to-one replacements."""
        seen = {record.gss_code}
        while len(record.successors) == 1 and self.predecessor_count[record.successors[0]] == 1:
            successor = self.by_gss.get(record.successors[0])
            if successor is None or successor.gss_code in seen:
                break
            seen.add(successor.gss_code)
            record = successor
        return record

    def match(
        self, *, new_la_code: str, old_la_code: str, on: dt.date, start: dt.date | None = None
    ) -> tuple[CouncilRecord, str]:
        """The council the figure belongs to and, when that is not the council the codes name, a note saying why."""
        gss, dfe = (new_la_code or "").strip(), (old_la_code or "").strip()
        if "/" in gss or "/" in dfe:
            raise CombinedArea(f"{dfe or gss} is several councils together")
        when = f"on {uk_date(on)}" if start is None else f"in {period_label(start, on)}"
        if gss:
            record = self.by_gss.get(gss)
            if record is None:
                raise CouncilMatchError(f"no council has the GSS code {gss}")
            if dfe and record.dfe_number and dfe != record.dfe_number:
                raise CouncilMatchError(f"{record.label} has DfE number {record.dfe_number}, not {dfe}")
            if record.operates_during(start, on):
                return self._continued(record, "")
            others = [r for r in self.by_dfe.get(record.dfe_number, []) if r.operates_during(start, on)]
            targets = {self.continuing(r).gss_code for r in others}
            if len(targets) != 1:
                raise NotOperating(
                    f"{record.label} did not operate {when}, and no single council with DfE number "
                    f"{record.dfe_number or '(none)'} did"
                )
            held = others[0] if len(others) == 1 else self.by_gss[targets.pop()]
            return self._continued(
                held,
                f"{record.label} did not operate {when}; the figure is kept with {held.label}, "
                f"which did and has the same DfE number {record.dfe_number}",
            )
        if not dfe:
            raise CouncilMatchError("the row has neither a GSS code nor a DfE number")
        candidates = [r for r in self.by_dfe.get(dfe, []) if r.operates_during(start, on)]
        if not candidates:
            if self.by_dfe.get(dfe):
                raise NotOperating(f"no council with DfE number {dfe} operated {when}")
            raise CouncilMatchError(f"no council has the DfE number {dfe}")
        # Old and new codes of one recoded council both operate in the year of the change: one series.
        targets = {self.continuing(r).gss_code for r in candidates}
        if len(targets) > 1:
            names = ", ".join(r.label for r in candidates)
            raise CouncilMatchError(f"DfE number {dfe} belonged to more than one council {when}: {names}")
        record = candidates[0] if len(candidates) == 1 else self.by_gss[targets.pop()]
        return self._continued(record, "")

    def _continued(self, record: CouncilRecord, note: str) -> tuple[CouncilRecord, str]:
        live = self.continuing(record)
        if live is record:
            return record, note
        carried = (
            f"{record.label} was replaced by {live.label} over the same area; the figure is in {live.name}'s series"
        )
        return live, f"{note}; {carried}" if note else carried
