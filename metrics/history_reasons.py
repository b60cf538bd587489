"""The change reasons a reading's history records, written by metrics/services.py and read back by
metrics/provenance.py to tell who set a figure's value. Existing history rows hold these exact
strings, so they must not change."""

from pipdash.dates import uk_date

ENTERED = "Entered"
EDITED = "Edited"
SUBMITTED = "Submitted for approval"
APPROVED = "Approved"
RETURNED = "Returned"

# Entering or editing sets the value; the workflow steps move it along without changing it.
SETS_VALUE = frozenset({ENTERED, EDITED})

# simple-history's history_change_reason column: a longer reason is refused by PostgreSQL.
MAX_LENGTH = 100


def returned(why: str) -> str:
    """'Returned: <the approver's reason>', cut to fit the history column (the reading keeps it whole)."""
    text = f"{RETURNED}: {why}"
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


def is_returned(reason: str) -> bool:
    return reason.startswith(RETURNED)


def under_exception(reason: str, exception) -> str:
    """'Edited: under a lock exception granted by Ann Approver until 31 January 2027', or the reason
    itself when no exception was needed; the History page shows the part after the colon as a note."""
    if exception is None:
        return reason
    granter = exception.granted_by.get_full_name() or exception.granted_by.username
    text = f"{reason}: under a lock exception granted by {granter} until {uk_date(exception.ends_on)}"
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


def step(reason: str) -> str:
    """The step a reason records, without its note: 'Edited' for 'Edited: under a lock exception…'."""
    return reason.split(":", 1)[0]
