"""Writing a project's milestones, progress updates and risks (its own council's managers only).

Same shape as metrics.services: permission first, one transaction with its history record,
full_clean, and optimistic concurrency through `save_versioned`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pipdash.web.errors import NotAllowed, WrongState
from pipdash.web.versioning import save_new, save_versioned
from programmes.access import access_for, require_editor
from projects.models import Milestone, ProgressUpdate, Project, Risk
from projects.signoff import Status

# An edit sends the item back to draft; readers outside the council keep its approved copy.
BACK_TO_DRAFT = {"status": Status.DRAFT, "submitted_by": None, "submitted_at": None}


def _not_in_future(day: dt.date | None, field: str, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: [message]})


def _period_in_order(start, end) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({"period_end": ["The end of the period must be the same as or after its start"]})


# --- milestones ---


@transaction.atomic
def milestone_create(*, user, project: Project, title: str, due_on, done_on=None) -> Milestone:
    require_editor(user, project.council)
    _not_in_future(done_on, "done_on", "The date it was done cannot be in the future")
    title = (title or "").strip()
    if project.milestones.filter(title=title, due_on=due_on).exists():
        raise ValidationError({"title": ["This project already has a milestone with that name and due date"]})
    milestone = Milestone(project=project, title=title, due_on=due_on, done_on=done_on, entered_by=user)
    return save_new(instance=milestone, user=user, reason="Added")


@transaction.atomic
def milestone_update(*, user, milestone: Milestone, expected_version: int, title: str, due_on, done_on) -> Milestone:
    require_editor(user, milestone.project.council)
    _not_in_future(done_on, "done_on", "The date it was done cannot be in the future")
    changes = {"title": (title or "").strip(), "due_on": due_on, "done_on": done_on}
    return save_versioned(
        instance=milestone,
        expected_version=expected_version,
        changes=changes,
        also={**BACK_TO_DRAFT, "entered_by": user},
        user=user,
        reason="Edited",
    )


@transaction.atomic
def milestone_mark_done(*, user, milestone: Milestone, expected_version: int | None = None, done_on=None) -> Milestone:
    require_editor(user, milestone.project.council)
    if milestone.done_on is not None:
        raise WrongState("This milestone is already marked as done.")
    done_on = done_on or timezone.localdate()
    version = milestone.version if expected_version is None else expected_version
    return save_versioned(
        instance=milestone,
        expected_version=version,
        changes={"done_on": done_on},
        also={**BACK_TO_DRAFT, "entered_by": user},
        user=user,
        reason="Marked as done",
    )


# --- progress updates ---


@transaction.atomic
def progress_update_create(*, user, project: Project, period_start, period_end, summary: str) -> ProgressUpdate:
    require_editor(user, project.council)
    _period_in_order(period_start, period_end)
    update = ProgressUpdate(
        project=project,
        period_start=period_start,
        period_end=period_end,
        summary=(summary or "").strip(),
        entered_by=user,
    )
    return save_new(instance=update, user=user, reason="Added")


@transaction.atomic
def progress_update_update(
    *, user, update: ProgressUpdate, expected_version: int, period_start, period_end, summary: str
) -> ProgressUpdate:
    require_editor(user, update.project.council)
    _period_in_order(period_start, period_end)
    changes = {"period_start": period_start, "period_end": period_end, "summary": (summary or "").strip()}
    return save_versioned(
        instance=update,
        expected_version=expected_version,
        changes=changes,
        also={**BACK_TO_DRAFT, "entered_by": user},
        user=user,
        reason="Edited",
    )


# --- the sign-off step: figures (metrics.services), milestones and progress updates alike ---

SUBMITTED, APPROVED, RETURNED = "Submitted for approval", "Approved", "Returned"
# simple-history's history_change_reason column: a longer reason is refused by PostgreSQL.
REASON_MAX_LENGTH = 100


def returned_reason(why: str) -> str:
    """'Returned: <the approver's reason>', cut to fit the history column (the record keeps it whole)."""
    text = f"{RETURNED}: {why}"
    return text if len(text) <= REASON_MAX_LENGTH else text[: REASON_MAX_LENGTH - 1] + "…"


def _versioned_step(item, expected_version, user, reason, changes):
    # No version posted (a service called from code, not a form): the item as loaded is what is moved.
    version = item.version if expected_version is None else expected_version
    return save_versioned(instance=item, expected_version=version, changes=changes, user=user, reason=reason)


def step_submit(*, user, item, council, noun: str, reason: str = SUBMITTED, expected_version=None):
    """Draft (or returned) -> submitted, by one of the council's managers. Callers hold the transaction."""
    require_editor(user, council)
    if item.status not in (Status.DRAFT, Status.RETURNED):
        raise WrongState(f"This {noun} is {item.get_status_display().lower()}: only a draft can be submitted.")
    changes = {"status": Status.SUBMITTED, "submitted_by": user, "submitted_at": timezone.now()}
    return _versioned_step(item, expected_version, user, reason, changes)


def require_reviewer(user, item, *, council, noun: str, submitted_as: str = "one") -> None:
    """Only the council's approvers review, never what they entered or submitted, and only when submitted."""
    if not access_for(user).approves(council):
        raise NotAllowed(f"Only this council's approvers can approve or return its {noun}s.")
    if user.pk in (item.entered_by_id, item.submitted_by_id):
        raise NotAllowed(f"You entered this {noun}, so another approver must review it.")
    if item.status != Status.SUBMITTED:
        raise WrongState(
            f"This {noun} is {item.get_status_display().lower()}: only a submitted {submitted_as} can be reviewed."
        )


def step_approve(*, user, item, council, noun: str, reason: str = APPROVED, expected_version=None, **wording):
    """Submitted -> approved: every field a reader sees is published together (the item's snapshot)."""
    require_reviewer(user, item, council=council, noun=noun, **wording)
    now = timezone.now()
    changes = {
        "status": Status.APPROVED,
        "approved_by": user,
        "approved_at": now,
        "returned_reason": "",
        **item.snapshot_changes(now),
    }
    return _versioned_step(item, expected_version, user, reason, changes)


def step_return(
    *, user, item, council, noun: str, why, history_reason=returned_reason, expected_version=None, **wording
):
    """Submitted -> returned to the manager, with the approver's reason (required)."""
    require_reviewer(user, item, council=council, noun=noun, **wording)
    why = (why or "").strip()
    if not why:
        raise ValidationError({"reason": [f"Enter why you are returning this {noun}, so the manager can fix it"]})
    changes = {"status": Status.RETURNED, "returned_reason": why}
    return _versioned_step(item, expected_version, user, history_reason(why), changes)


def _noun(item) -> str:
    return "milestone" if isinstance(item, Milestone) else "progress update"


@transaction.atomic
def signoff_submit(*, user, item, expected_version=None):
    """The manager sends a draft (or a returned item) to the council's approvers."""
    return step_submit(
        user=user, item=item, council=item.project.council, noun=_noun(item), expected_version=expected_version
    )


@transaction.atomic
def signoff_approve(*, user, item, expected_version=None):
    """An approver publishes the item: from now on everyone sees this version of it."""
    return step_approve(
        user=user, item=item, council=item.project.council, noun=_noun(item), expected_version=expected_version
    )


@transaction.atomic
def signoff_return(*, user, item, reason, expected_version=None):
    """An approver sends the item back to the manager with a reason."""
    return step_return(
        user=user,
        item=item,
        council=item.project.council,
        noun=_noun(item),
        why=reason,
        expected_version=expected_version,
    )


# --- risks ---


def _risk_fields(description, likelihood, impact, owner, mitigation, status) -> dict:
    return {
        "description": (description or "").strip(),
        "likelihood": likelihood,
        "impact": impact,
        "owner": (owner or "").strip(),
        "mitigation": (mitigation or "").strip(),
        "status": status,
    }


@transaction.atomic
def risk_create(
    *, user, project: Project, description, likelihood, impact, owner="", mitigation="", status=Risk.Status.OPEN
) -> Risk:
    require_editor(user, project.council)
    risk = Risk(
        council=project.council,
        project=project,
        **_risk_fields(description, likelihood, impact, owner, mitigation, status),
    )
    return save_new(instance=risk, user=user, reason="Added")


@transaction.atomic
def risk_update(
    *,
    user,
    risk: Risk,
    expected_version: int,
    description,
    likelihood,
    impact,
    owner="",
    mitigation="",
    status=Risk.Status.OPEN,
) -> Risk:
    require_editor(user, risk.council)
    changes = _risk_fields(description, likelihood, impact, owner, mitigation, status)
    return save_versioned(instance=risk, expected_version=expected_version, changes=changes, user=user, reason="Edited")
