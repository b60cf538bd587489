"""Why a change to any record was refused, as named exceptions every app's services raise.

Views turn them into a 403, a message beside the form, or a conflict page.
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
