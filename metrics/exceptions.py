"""Why a change to figures was refused, beyond the refusals every record shares (pipdash.web.errors)."""

from __future__ import annotations

from pipdash.web.errors import EntryError


class NeedsExplanation(EntryError):
    """The figure looks wrong (see `warnings`): it saves only with an explanation typed in."""

    def __init__(self, warnings: list[str]):
        self.warnings = list(warnings)
        super().__init__("; ".join(self.warnings))


class DuplicateReading(EntryError):
    """There is already a figure of this kind for this metric, project and period (`existing`)."""

    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"Duplicate of reading {existing.pk}")
