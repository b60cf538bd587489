"""Why a change to figures was refused, beyond the refusals every record shares (pipdash.web.errors)."""

from __future__ import annotations

from pipdash.dates import uk_date
from pipdash.web.errors import EntryError, WrongState


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


class PeriodLocked(WrongState):
    """The figure's period locked on `locks_on`: only a named exception (metrics.lock_models) lets it change.
    A WrongState (so an EntryError): the API answers 409 and a step view shows it as for a wrong state.
    The message says when, and who can grant one, for the view to show beside the form."""

    def __init__(self, *, locks_on, council, granters: list[str]):
        self.locks_on = locks_on
        self.council = council
        who = f"an approver of {council.name} ({', '.join(granters)})" if granters else f"an approver of {council.name}"
        super().__init__(
            f"This period locked on {uk_date(locks_on)}, so its figures cannot be added or changed. "
            f"To change them, ask {who} or an administrator for an exception."
        )
