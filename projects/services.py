"""Writing a project's milestones, progress updates and risks (its own council's managers only).

Same shape as metrics.services: permission first, one transaction with its history record,
full_clean, and optimistic concurrency through `save_versioned`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pipdash.web.errors import WrongState
from pipdash.web.versioning import save_new, save_versioned
from programmes.access import require_editor
from projects.models import Milestone, ProgressUpdate, Project, Risk


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
    milestone = Milestone(project=project, title=title, due_on=due_on, done_on=done_on)
    return save_new(instance=milestone, user=user, reason="Added")


@transaction.atomic
def milestone_update(*, user, milestone: Milestone, expected_version: int, title: str, due_on, done_on) -> Milestone:
    require_editor(user, milestone.project.council)
    _not_in_future(done_on, "done_on", "The date it was done cannot be in the future")
    changes = {"title": (title or "").strip(), "due_on": due_on, "done_on": done_on}
    return save_versioned(
        instance=milestone, expected_version=expected_version, changes=changes, user=user, reason="Edited"
    )


@transaction.atomic
def milestone_mark_done(*, user, milestone: Milestone, expected_version: int | None = None, done_on=None) -> Milestone:
    require_editor(user, milestone.project.council)
    if milestone.done_on is not None:
        raise WrongState("This milestone is already marked as done.")
    done_on = done_on or timezone.localdate()
    version = milestone.version if expected_version is None else expected_version
    return save_versioned(
        instance=milestone, expected_version=version, changes={"done_on": done_on}, user=user, reason="Marked as done"
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
        instance=update, expected_version=expected_version, changes=changes, user=user, reason="Edited"
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
