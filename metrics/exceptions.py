"""Why a change to figures (or milestones, updates, risks) was refused, as named exceptions.

Services raise them; views turn them into a 403, a message beside the form, or a conflict page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class EntryError(Exception):
    """Base for every refusal of a data-entry service."""


class NotAllowed(EntryError, PermissionDenied):
    """The user may not do this to this council's data. A PermissionDenied, so a view that lets it
    through answers 403."""


class WrongState(EntryError):
    """The action does not fit the record's state now (approving a draft, submitting twice)."""


class EditConflict(EntryError):
    """Someone else saved the record after this user opened it.

    `theirs` is the record as now saved; `ours` maps field name -> the value this user tried to save.
    """

    def __init__(self, theirs, ours: dict):
        self.theirs = theirs
        self.ours = ours
        super().__init__(f"{type(theirs).__name__} {theirs.pk} was changed by someone else")


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
