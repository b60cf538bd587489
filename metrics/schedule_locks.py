"""Enforcing the returns schedule's locks, granting named exceptions to them, and keeping rule changes
from locking figures still awaiting approval.

A period locks `lock_after_days` after its return is due (metrics.schedule). Only actual figures are
locked: the schedule asks for actuals, and a period before the rule's first day was never a return.
Checking one save costs one query for the rules and, only once the period has locked, one for the
user's exceptions; an import checks all its rows with the same two queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from metrics import schedule
from metrics.exceptions import PeriodLocked
from metrics.models import LockException, Reading, ReportingRule
from pipdash.dates import uk_date
from pipdash.web.errors import NotAllowed
from programmes.access import access_for
from programmes.models import Membership, Role


def _rules_query(council_id: int, project_ids) -> Q:
    """The council's own rules and its projects' programmes' rules, found through the projects so that
    the programme needs no query of its own."""
    own = Q(council_id=council_id, programme__isnull=True)
    if not project_ids:
        return own
    programmes = Q(programme__workstreams__projects__in=project_ids)
    return own | ((Q(council_id=council_id) | Q(council__isnull=True)) & programmes)


@dataclass(frozen=True)
class Lock:
    """When one figure's period locks, and the exception that lets this user change it anyway."""

    locks_on: dt.date
    today: dt.date
    exception: LockException | None = None

    @property
    def is_locked(self) -> bool:
        return self.today > self.locks_on

    @property
    def blocks(self) -> bool:
        return self.is_locked and self.exception is None


class CouncilLocks:
    """The lock dates of one council's measures, from its rules read once."""

    def __init__(self, council_id: int, metrics, *, on: dt.date | None = None):
        self.council_id = council_id
        self.today = on or schedule.today()
        scheduled = [m for m in metrics if m.reporting_frequency and m.council_id == council_id]
        self.project_of = {m.pk: m.project_id for m in scheduled}
        project_ids = sorted({m.project_id for m in scheduled if m.project_id})
        if scheduled:
            # `for_project`: which of the measures' projects brought a programme's rule in (None for the
            # council's own rule), so each measure keeps to its own programme's rule.
            rules = ReportingRule.objects.filter(_rules_query(council_id, project_ids)).annotate(
                for_project=F("programme__workstreams__projects")
            )
            self.rules = list(rules)
        else:
            self.rules = []

    def locks_on(self, metric_id: int, kind: str, period_end: dt.date | None) -> dt.date | None:
        if kind != Reading.Kind.ACTUAL or period_end is None or metric_id not in self.project_of:
            return None
        project_id = self.project_of[metric_id]
        rules = [r for r in self.rules if r.programme_id is None or r.for_project == project_id]
        programme_id = next((r.programme_id for r in rules if r.programme_id), None)
        rule = schedule.rule_for(rules, self.council_id, programme_id)
        if rule is None or period_end < rule.starts_on:
            return None
        return schedule.working_days_after(period_end, rule.due_working_days) + dt.timedelta(days=rule.lock_after_days)

    def exceptions_for(self, user) -> list[LockException]:
        """The user's (a user or their id) current exceptions for this council: one query."""
        user_id = getattr(user, "pk", user)
        if not user_id:
            return []
        return list(
            LockException.objects.filter(user_id=user_id, council_id=self.council_id)
            .current(self.today)
            .select_related("user", "granted_by", "metric")
        )

    def lock(self, *, metric_id, kind, period_end, exceptions=()) -> Lock | None:
        locks_on = self.locks_on(metric_id, kind, period_end)
        if locks_on is None:
            return None
        held = next(
            (
                e
                for e in exceptions
                if e.metric_id in (None, metric_id) and e.period_end in (None, period_end)
            ),
            None,
        )
        return Lock(locks_on=locks_on, today=self.today, exception=held)


def refuse_if_locked(*, user, council, metric, periods) -> LockException | None:
    """Raise PeriodLocked if any of these (kind, period_end) of the metric is locked for this user;
    return the exception that lets them through, if one was needed."""
    locks = CouncilLocks(council.pk, [metric])
    locked = [(k, p) for k, p in periods if (lock := locks.lock(metric_id=metric.pk, kind=k, period_end=p))
              and lock.is_locked]
    if not locked:
        return None
    exceptions = locks.exceptions_for(user)
    used = None
    for kind, period_end in locked:
        lock = locks.lock(metric_id=metric.pk, kind=kind, period_end=period_end, exceptions=exceptions)
        if lock.exception is None:
            raise PeriodLocked(locks_on=lock.locks_on, council=council, granters=granter_names(council))
        used = lock.exception
    return used


@dataclass(frozen=True)
class FigureLock:
    """What a figure's page says about its lock: when, the exceptions covering it, and whether it blocks this user."""

    lock: Lock
    exceptions: list[LockException]

    @property
    def sentence(self) -> str:
        word = "locked" if self.lock.is_locked else "locks"
        return f"This period {word} on {uk_date(self.lock.locks_on)}"

    @property
    def blocks(self) -> bool:
        return self.lock.blocks


def lock_of(reading: Reading, user) -> FigureLock | None:
    """For the figure's page and edit form, in two queries: when its period locks, every current exception
    covering it (an approver sees whom they let in), and whether this user holds one."""
    locks = CouncilLocks(reading.council_id, [reading.metric])
    locks_on = locks.locks_on(reading.metric_id, reading.kind, reading.period_end)
    if locks_on is None:
        return None
    covering = list(
        LockException.objects.filter(council_id=reading.council_id)
        .current(locks.today)
        .covering(metric_id=reading.metric_id, period_end=reading.period_end)
        .select_related("user", "granted_by", "metric")
    )
    held = next((e for e in covering if e.user_id == getattr(user, "pk", None)), None)
    return FigureLock(Lock(locks_on=locks_on, today=locks.today, exception=held), covering)


def granter_names(council) -> list[str]:
    """The council's approvers by name, for a refusal to say whom to ask."""
    users = (
        Membership.objects.filter(council=council, role=Role.APPROVER)
        .select_related("user")
        .order_by("user__last_name", "user__username")
    )
    return [m.user.get_full_name() or m.user.username for m in users[:5]]


# --- granting exceptions ---


def can_grant(user, council) -> bool:
    access = access_for(user)
    return access.is_admin or access.approves(council)


@transaction.atomic
def lock_exception_grant(*, user, grantee, council, metric=None, period_end=None, reason, ends_on) -> LockException:
    """An approver of the council (or an admin) lets one of its programme managers change locked figures."""
    if not can_grant(user, council):
        raise NotAllowed("Only this council's approvers or an administrator can grant an exception to a lock.")
    if grantee is not None and grantee.pk == user.pk:
        raise ValidationError({"user": ["You cannot grant an exception to yourself: ask another approver"]})
    manages = Membership.objects.filter(user=grantee, council=council, role=Role.MANAGER)
    if grantee is not None and not manages.exists():
        name = grantee.get_full_name() or grantee.username
        raise ValidationError(
            {"user": [f"{name} is not a programme manager of {council.name}, so cannot change its figures"]}
        )
    # Serialise grants to the same person, so two approvers granting at once cannot both pass the overlap check.
    if grantee is not None:
        list(manages.select_for_update())
    exception = LockException(
        user=grantee,
        council=council,
        metric=metric,
        period_end=period_end,
        reason=reason,
        ends_on=ends_on,
        granted_by=user,
    )
    exception.full_clean()
    exception._history_user = user
    exception._change_reason = f"Granted: {exception.reason}"[:100]
    exception.save()
    return exception


def current_exceptions(user, on: dt.date | None = None):
    """Exceptions in force for the councils this user may grant for (every council for an admin)."""
    access = access_for(user)
    found = LockException.objects.current(on or schedule.today()).select_related(
        "user", "council", "metric", "granted_by"
    )
    if not access.is_admin:
        found = found.filter(council_id__in=[cid for cid in access.home_council_ids if access.approves(cid)])
    return found.order_by("council__name", "ends_on", "pk")


# --- rule changes that would lock figures awaiting approval ---


def figures_orphaned_by(rule: ReportingRule, on: dt.date | None = None) -> list[Reading]:
    """Submitted figures this rule (as changed, not yet saved) would lock that are not locked today.

    An approver could still approve them, but one returned could not be fixed without an exception:
    the rule waits until they are approved or returned."""
    on = on or schedule.today()
    if rule.programme_id is None and rule.council_id is None:
        return []
    submitted = Reading.objects.filter(
        status=Reading.Status.SUBMITTED, kind=Reading.Kind.ACTUAL, metric__council__isnull=False
    ).exclude(metric__reporting_frequency="")
    if rule.council_id:
        submitted = submitted.filter(council_id=rule.council_id)
    if rule.programme_id:
        submitted = submitted.filter(metric__project__workstream__programme_id=rule.programme_id)
    submitted = list(submitted.select_related("metric__project__workstream", "council").order_by("period_end", "pk"))
    if not submitted:
        return []
    council_ids = {r.council_id for r in submitted}
    programme_ids = {r.metric.project.workstream.programme_id for r in submitted if r.metric.project_id}
    others = list(
        ReportingRule.objects.filter(
            Q(council_id__in=council_ids) | Q(council__isnull=True, programme_id__in=programme_ids)
        )
    )
    before = others
    after = [r for r in others if r.pk != rule.pk] + [rule]
    orphans = []
    for reading in submitted:
        programme_id = reading.metric.project.workstream.programme_id if reading.metric.project_id else None
        if _locked_under(after, reading, programme_id, on) and not _locked_under(before, reading, programme_id, on):
            orphans.append(reading)
    return orphans


def _locked_under(rules, reading, programme_id, on) -> bool:
    rule = schedule.rule_for(rules, reading.council_id, programme_id)
    if rule is None or reading.period_end < rule.starts_on:
        return False
    due = schedule.working_days_after(reading.period_end, rule.due_working_days)
    return on > due + dt.timedelta(days=rule.lock_after_days)


def orphan_errors(rule: ReportingRule) -> list[str]:
    orphans = figures_orphaned_by(rule)
    if not orphans:
        return []
    named = [f"{r.metric.name}, {r.period_label} ({r.council.name})" for r in orphans[:5]]
    more = f" and {len(orphans) - 5} more" if len(orphans) > 5 else ""
    return [
        "This change would lock periods whose figures still await approval: "
        f"{'; '.join(named)}{more}. Approve or return them first, then change the rule."
    ]


@transaction.atomic
def reporting_rule_save(rule: ReportingRule) -> ReportingRule:
    """Save a new or changed rule; `ReportingRule.clean` refuses one that would lock figures awaiting approval."""
    rule.full_clean()
    rule.save()
    return rule


