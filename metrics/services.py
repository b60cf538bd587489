"""Writing figures: enter, edit, submit, approve, return; and adding a metric to a project.

Each service checks who may act (programmes.access), validates (metrics.validation), runs in one
transaction with its history record, and raises a named exception from metrics.exceptions when
it refuses. The browser forms and the spreadsheet import both go through here.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from metrics import history_reasons as reasons
from metrics.exceptions import DuplicateReading, NeedsExplanation
from metrics.models import Metric, Reading
from metrics.schedule_locks import refuse_if_locked
from metrics.validation import QualityContext, reading_value_errors
from pipdash.web.errors import NotAllowed
from pipdash.web.versioning import save_new, save_versioned
from programmes.access import require_editor
from projects.services import step_approve, step_return, step_submit

logger = logging.getLogger(__name__)


# --- readings ---


def _check_reading(*, council, metric, project, kind, value, period_start, period_end, explanation, exclude_pk=None):
    errors = reading_value_errors(
        metric=metric,
        kind=kind,
        value=value,
        period_start=period_start,
        period_end=period_end,
        today=timezone.localdate(),
    )
    if value is None:
        errors.setdefault("value", []).append("Enter the value")
    if errors:
        raise ValidationError(errors)
    context = QualityContext.for_council(council=council, metrics=[metric])
    existing = context.duplicate_of(metric, project, kind, period_start, period_end, exclude_pk=exclude_pk)
    if existing is not None:
        raise DuplicateReading(existing)
    errors = context.baseline_date_errors(metric, project, kind, period_start, period_end, exclude_pk=exclude_pk)
    if errors:
        raise ValidationError(errors)
    warnings = context.quality_warnings(metric, project, kind, value, period_end, exclude_pk=exclude_pk)
    if warnings and not (explanation or "").strip():
        raise NeedsExplanation(warnings)


def _check_metric_fits(*, council, metric, project) -> None:
    if project is not None and project.council_id != council.pk:
        raise NotAllowed("That project belongs to another council.")
    if metric.council_id not in (None, council.pk):
        raise NotAllowed("That metric belongs to another council.")
    if metric.project_id is not None and (project is None or metric.project_id != project.pk):
        raise ValidationError({"metric": ["That metric belongs to another project"]})


def _given_source(text) -> str:
    """What the manager typed as where the figure comes from: the figure's Source (issue 13 rule 6).
    Who entered it and when is in its history, not here."""
    return " ".join((text or "").split())


@transaction.atomic
def reading_create(
    *,
    user,
    council,
    metric,
    project,
    kind,
    value,
    period_start,
    period_end,
    source_note="",
    explanation="",
    qualifier="",
    recovery_action="",
    action_owner="",
) -> Reading:
    """Enter a new figure as a draft."""
    require_editor(user, council)
    _check_metric_fits(council=council, metric=metric, project=project)
    unlocked_by = refuse_if_locked(user=user, council=council, metric=metric, periods=[(kind, period_end)])
    _check_reading(
        council=council,
        metric=metric,
        project=project,
        kind=kind,
        value=value,
        period_start=period_start,
        period_end=period_end,
        explanation=explanation,
    )
    reading = Reading(
        metric=metric,
        council=council,
        project=project,
        kind=kind,
        unit=metric.unit,
        value=value,
        qualifier=qualifier or "",
        period_start=period_start,
        period_end=period_end,
        source_location=_given_source(source_note),
        explanation=(explanation or "").strip(),
        recovery_action=(recovery_action or "").strip(),
        action_owner=" ".join((action_owner or "").split()),
        status=Reading.Status.DRAFT,
        entered_by=user,
    )
    try:
        with transaction.atomic():
            return save_new(instance=reading, user=user, reason=reasons.under_exception(reasons.ENTERED, unlocked_by))
    except IntegrityError:
        # Another manager saved the same figure between our check and our insert.
        existing = QualityContext.for_council(council=council, metrics=[metric]).duplicate_of(
            metric, project, kind, period_start, period_end
        )
        if existing is None:
            raise
        raise DuplicateReading(existing) from None


@transaction.atomic
def reading_update(
    *,
    user,
    reading,
    expected_version,
    kind,
    value,
    period_start,
    period_end,
    source_note="",
    explanation="",
    qualifier="",
    recovery_action="",
    action_owner="",
) -> Reading:
    """Change a figure. It goes back to draft; readers keep seeing the last approved value meanwhile."""
    require_editor(user, reading.council)
    # Moving a figure out of a locked period changes that period too: both must be open to this user.
    unlocked_by = refuse_if_locked(
        user=user,
        council=reading.council,
        metric=reading.metric,
        periods=[(reading.kind, reading.period_end), (kind, period_end)],
    )
    _check_reading(
        council=reading.council,
        metric=reading.metric,
        project=reading.project,
        kind=kind,
        value=value,
        period_start=period_start,
        period_end=period_end,
        explanation=explanation,
        exclude_pk=reading.pk,
    )
    changes = {
        "kind": kind,
        "value": value,
        "qualifier": qualifier or "",
        "period_start": period_start,
        "period_end": period_end,
        "source_location": _given_source(source_note),
        "explanation": (explanation or "").strip(),
        "recovery_action": (recovery_action or "").strip(),
        "action_owner": " ".join((action_owner or "").split()),
    }
    also = {"status": Reading.Status.DRAFT, "entered_by": user, "submitted_by": None, "submitted_at": None}
    return save_versioned(
        instance=reading,
        expected_version=expected_version,
        changes=changes,
        also=also,
        user=user,
        reason=reasons.under_exception(reasons.EDITED, unlocked_by),
    )


# Submitting, approving and returning: the one sign-off step figures share with milestones and
# progress updates (projects.services), worded for a figure and recorded with metrics' own history reasons.
FIGURE = {"noun": "figure", "submitted_as": "figure"}


@transaction.atomic
def reading_submit(*, user, reading, expected_version=None) -> Reading:
    """The manager sends a draft (or a returned figure) to the council's approvers."""
    require_editor(user, reading.council)
    unlocked_by = refuse_if_locked(
        user=user, council=reading.council, metric=reading.metric, periods=[(reading.kind, reading.period_end)]
    )
    return step_submit(
        user=user,
        item=reading,
        council=reading.council,
        noun=FIGURE["noun"],
        reason=reasons.under_exception(reasons.SUBMITTED, unlocked_by),
        expected_version=expected_version,
    )


@transaction.atomic
def reading_approve(*, user, reading, expected_version=None) -> Reading:
    """An approver publishes the figure: from now on everyone sees this value."""
    return step_approve(
        user=user,
        item=reading,
        council=reading.council,
        reason=reasons.APPROVED,
        expected_version=expected_version,
        **FIGURE,
    )


@transaction.atomic
def reading_return(*, user, reading, reason, expected_version=None) -> Reading:
    """An approver sends the figure back to the manager with a reason."""
    return step_return(
        user=user,
        item=reading,
        council=reading.council,
        why=reason,
        history_reason=reasons.returned,
        expected_version=expected_version,
        **FIGURE,
    )


# --- metrics ---


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "metric")[:180]
    taken = set(Metric.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@transaction.atomic
def metric_create(*, user, council, project, name, unit, direction, kind, definition="") -> Metric:
    """A council's own metric for one of its projects (not comparable with other councils)."""
    require_editor(user, council)
    if project.council_id != council.pk:
        raise NotAllowed("That project belongs to another council.")
    name = (name or "").strip()
    if project.metrics.filter(name__iexact=name).exists():
        raise ValidationError({"name": ["This project already has a metric with that name"]})
    metric = Metric(
        name=name,
        slug=_unique_slug(f"{council.slug}-{name}"),
        unit=unit,
        direction=direction,
        kind=kind,
        definition=(definition or "").strip(),
        council=council,
        project=project,
    )
    return save_new(instance=metric, user=user, reason="Added")


@transaction.atomic
def metric_update(*, metric: Metric, **changes) -> Metric:
    """Change a measure's name, definition or other details. Its meaning (unit, kind, direction) cannot
    change once it has approved figures (Metric.clean); the definition's every wording is kept in its history."""
    for name, value in changes.items():
        setattr(metric, name, value)
    metric.full_clean()
    metric.save()
    return metric
