"""What an EES import did, or why it refused: every skipped, merged or questionable row is named."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ImportReport:
    file_name: str = ""
    encoding: str = ""
    indicator: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    rows_selected: int = 0
    readings_created: int = 0
    readings_updated: int = 0
    readings_unchanged: int = 0
    benchmarks_created: int = 0
    benchmarks_updated: int = 0
    benchmarks_unchanged: int = 0
    missing: Counter = field(default_factory=Counter)  # reason -> how many
    duplicates: list[str] = field(default_factory=list)
    combined: list[str] = field(default_factory=list)
    boundary_changes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    release: str = ""
    older_release: list[str] = field(default_factory=list)  # figures a newer release already gave
    warnings: list[str] = field(default_factory=list)  # rows not stored that someone should look at
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    MAX_ERRORS = 50

    def error(self, message: str) -> None:
        if len(self.errors) < self.MAX_ERRORS:
            self.errors.append(message)
        elif len(self.errors) == self.MAX_ERRORS:
            self.errors.append("... and more; fix these first")

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """A plain-text summary, for the command's output and the admin's message."""
        out = [
            f"{self.file_name or 'File'} ({self.encoding or 'unknown encoding'}): {self.rows_read} rows read, "
            f"{self.rows_selected} for {self.indicator}" + (f" where {_filters(self.filters)}" if self.filters else "")
        ]
        if self.errors:
            out.append(f"Nothing was imported: {len(self.errors)} problem(s).")
            out += [f"  error: {message}" for message in self.errors]
            return out
        verb = "would be" if self.dry_run else "were"
        out.append(
            f"Council figures {verb} created {self.readings_created}, updated {self.readings_updated}, "
            f"unchanged {self.readings_unchanged}; England and regional figures {verb} created "
            f"{self.benchmarks_created}, updated {self.benchmarks_updated}, unchanged {self.benchmarks_unchanged}."
        )
        if self.release:
            out.append(f"  release: {self.release}")
        for reason, count in sorted(self.missing.items()):
            out.append(f"  missing: {count} marked {reason}")
        for label, items in (
            ("warning", self.warnings),
            ("newer release kept", self.older_release),
            ("duplicate", self.duplicates),
            ("combined", self.combined),
            ("boundary change", self.boundary_changes),
            ("skipped", self.skipped),
            ("note", self.notes),
        ):
            out += [f"  {label}: {item}" for item in items]
        return out


def _filters(filters: dict[str, str]) -> str:
    return ", ".join(f"{name} = {value}" for name, value in filters.items())


class EESImportError(Exception):
    """The file cannot be imported as asked; the report lists every problem found."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__("; ".join(report.errors) or "The file cannot be imported")
