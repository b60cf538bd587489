"""What a dry run found: rows to add, rows that change a figure, rows unchanged, and every error."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from metrics.models import Metric, Reading
from metrics.units import format_value
from pipdash.dates import period_label
from projects.models import Project

ADD, CHANGE, UNCHANGED = "add", "change", "unchanged"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class PlannedRow:
    """One row that passed every check, and what saving it would do."""

    row: int
    metric: Metric
    project: Project | None
    kind: str
    value: Decimal
    period_start: dt.date | None
    period_end: dt.date
    source: str
    note: str
    qualifier: str = ""
    existing: Reading | None = None
    action: str = ADD
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """What makes a figure one figure (Reading's unique constraint)."""
        project_id = self.project.pk if self.project else None
        return (self.metric.pk, project_id, self.period_start or self.period_end, self.period_end, self.kind)

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def display_value(self) -> str:
        return format_value(self.value, self.metric.unit, self.qualifier)

    @property
    def display_old_value(self) -> str:
        if self.existing is None:
            return ""
        return self.existing.display_value

    @property
    def kind_label(self) -> str:
        return Reading.Kind(self.kind).label

    def same_as_existing(self) -> bool:
        existing = self.existing
        return (
            existing is not None
            and existing.value is not None
            and existing.value == self.value
            and existing.qualifier == self.qualifier
            and existing.source_location == self.source
            and existing.note == self.note
        )


@dataclass
class Preview:
    file_name: str
    rows_read: int = 0
    skipped: int = 0
    additions: list[PlannedRow] = field(default_factory=list)
    changes: list[PlannedRow] = field(default_factory=list)
    unchanged: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.additions or self.changes or self.unchanged)

    @property
    def to_save(self) -> int:
        return len(self.additions) + len(self.changes)

    @property
    def rows_with_errors(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def fingerprint(self) -> str:
        """Changes when what confirming would save changes, so a stale preview cannot be confirmed."""
        digest = hashlib.sha256()
        for planned in self.additions + self.changes:
            existing = planned.existing
            digest.update(
                repr(
                    (planned.row, planned.action, planned.key, str(planned.value), planned.source, planned.note)
                    + ((existing.pk, existing.version) if existing else ())
                ).encode()
            )
        return digest.hexdigest()
