"""Bulk approve and bulk submit: many figures, updates and milestones in one confirmed step.

Each item still goes through its own service (metrics.services, projects.services), so each keeps
its own permission check, version check and history record. The step is all or nothing: one
refusal rolls every item back, and the caller is told which items were refused and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from metrics import services as figures
from pipdash.returns.selectors import NOUNS, Selected, council_id_of, label, load
from pipdash.web.errors import EditConflict, EntryError
from projects import services as signoff

APPROVE, SUBMIT = "approve", "submit"


def _approve_reading(*, user, item, expected_version):
    return figures.reading_approve(user=user, reading=item, expected_version=expected_version)


def _submit_reading(*, user, item, expected_version):
    return figures.reading_submit(user=user, reading=item, expected_version=expected_version)


# Each step's service for each kind it may be applied to in bulk (a manager submits figures from the task list).
STEPS = {
    APPROVE: {"readings": _approve_reading, "updates": signoff.signoff_approve, "milestones": signoff.signoff_approve},
    SUBMIT: {"readings": _submit_reading},
}


@dataclass(frozen=True)
class Refusal:
    label: str
    reason: str


class BulkRefused(Exception):
    """At least one item was refused, so none was changed."""

    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__(f"{len(refusals)} item(s) refused")


def _why(error: Exception, noun: str) -> str:
    if isinstance(error, EditConflict):
        return f"Someone changed this {noun} after you opened the confirmation page. Check it again."
    return " ".join(getattr(error, "messages", None) or [str(error)])


@transaction.atomic
def bulk_step(*, user, council, step: str, selected: list[Selected]) -> list:
    """Approve (or submit) every selected item of this council, or none of them.

    Each item needs the version it was confirmed at: an item changed since is refused rather than
    approved unseen. Raises BulkRefused naming every refused item; nothing is saved then."""
    if not selected:
        raise ValidationError({"items": ["Select at least one item"]})
    items = load(selected)
    refusals, done = [], []
    for choice in selected:
        noun, service = NOUNS[choice.kind], STEPS[step].get(choice.kind)
        item = items.get(choice.key)
        if item is None or service is None:
            refusals.append(Refusal(f"A {noun} (number {choice.pk})", "It no longer exists."))
            continue
        if council_id_of(item) != council.pk:
            # Not named: it may be another council's draft this user may not read.
            refusals.append(Refusal(f"A {noun} (number {choice.pk})", f"It is not one of {council.name}'s."))
            continue
        try:
            if choice.version is None:
                raise EditConflict(theirs=item, ours={})
            with transaction.atomic():
                service(user=user, item=item, expected_version=choice.version)
        except (EntryError, ValidationError) as error:
            refusals.append(Refusal(label(item), _why(error, noun)))
        else:
            done.append(item)
    if refusals:
        raise BulkRefused(refusals)
    return done
