"""Locking (issue 16 point 4): after a period locks, its figures cannot be added, changed or submitted
except under a named, current exception; approving or returning what was in on time stays possible.

The programme's rule (tests/returns/conftest.py): due 15 working days after the period, locked 10 days
later. October 2026 is due 20 November and locks after 30 November; November locks after 31 December.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from metrics import history_reasons, services
from metrics.exceptions import PeriodLocked
from metrics.models import LockException, Reading
from metrics.schedule_locks import lock_exception_grant
from pipdash.web.errors import NotAllowed
from programmes.models import Role
from tests.factories import MembershipFactory, ReadingFactory, UserFactory

D = dt.date
OCTOBER = (D(2026, 10, 1), D(2026, 10, 31))
NOVEMBER = (D(2026, 11, 1), D(2026, 11, 30))


@pytest.fixture(autouse=True)
def december_the_third(settings):
    settings.RETURNS_TODAY = D(2026, 12, 3)


@pytest.fixture
def measure(scheduled_metrics):
    return scheduled_metrics[0]


@pytest.fixture
def jo(council):
    """The programme manager the exceptions are granted to."""
    user = UserFactory(username="jo", first_name="Jo", last_name="Bloggs")
    MembershipFactory(user=user, council=council, role=Role.MANAGER)
    return user


@pytest.fixture
def ann(council):
    user = UserFactory(username="ann", first_name="Ann", last_name="Approver")
    MembershipFactory(user=user, council=council, role=Role.APPROVER)
    return user


def _enter(user, council, project, metric, period, value="12"):
    return services.reading_create(
        user=user, council=council, metric=metric, project=project, kind=Reading.Kind.ACTUAL,
        value=Decimal(value), period_start=period[0], period_end=period[1],
    )  # fmt: skip


def _draft(council, project, metric, period, status=Reading.Status.DRAFT, **extra):
    return ReadingFactory(
        metric=metric, council=council, project=project, period_start=period[0], period_end=period[1],
        status=status, source_document=None, **extra,
    )  # fmt: skip


def _grant(by, to, council, **extra):
    fields = {"reason": "late invoice data", "ends_on": D(2027, 1, 31), **extra}
    return lock_exception_grant(user=by, grantee=to, council=council, **fields)


def test_a_figure_for_a_locked_period_cannot_be_added_and_the_message_says_when_and_whom_to_ask(
    council, project, measure, jo, ann
):
    with pytest.raises(PeriodLocked) as refused:
        _enter(jo, council, project, measure, OCTOBER)
    message = str(refused.value)
    assert "This period locked on 30 November 2026" in message
    assert "ask an approver of Lincolnshire (Ann Approver)" in message
    assert not Reading.objects.filter(metric=measure).exists()


def test_a_figure_for_an_open_period_saves_as_before(council, project, measure, jo):
    reading = _enter(jo, council, project, measure, NOVEMBER)
    assert reading.history.get().history_change_reason == history_reasons.ENTERED


def test_a_locked_figure_cannot_be_edited_or_submitted(council, project, measure, jo):
    draft = _draft(council, project, measure, OCTOBER)
    with pytest.raises(PeriodLocked):
        services.reading_update(
            user=jo, reading=draft, expected_version=draft.version, kind="actual", value=Decimal("99"),
            period_start=OCTOBER[0], period_end=OCTOBER[1],
        )  # fmt: skip
    with pytest.raises(PeriodLocked):
        services.reading_submit(user=jo, reading=draft)
    draft.refresh_from_db()
    assert (draft.value, draft.status) == (Decimal("10"), Reading.Status.DRAFT)


def test_an_open_figure_cannot_be_moved_into_a_locked_period(council, project, measure, jo):
    draft = _draft(council, project, measure, NOVEMBER)
    with pytest.raises(PeriodLocked):
        services.reading_update(
            user=jo, reading=draft, expected_version=draft.version, kind="actual", value=Decimal("10"),
            period_start=OCTOBER[0], period_end=OCTOBER[1],
        )  # fmt: skip


def test_a_figure_submitted_on_time_can_still_be_approved_or_returned_after_the_lock(
    council, project, scheduled_metrics, manager, ann
):
    first = _draft(council, project, scheduled_metrics[0], OCTOBER, Reading.Status.SUBMITTED, entered_by=manager)
    second = _draft(council, project, scheduled_metrics[1], OCTOBER, Reading.Status.SUBMITTED, entered_by=manager)
    assert services.reading_approve(user=ann, reading=first).status == Reading.Status.APPROVED
    assert services.reading_return(user=ann, reading=second, reason="Check the total").status == "returned"


def test_targets_and_periods_before_the_schedule_are_not_locked(council, project, measure, jo):
    target = services.reading_create(
        user=jo, council=council, metric=measure, project=project, kind=Reading.Kind.TARGET, value=Decimal("5"),
        period_start=OCTOBER[0], period_end=OCTOBER[1],
    )  # fmt: skip
    assert target.pk
    assert _enter(jo, council, project, measure, (D(2026, 9, 1), D(2026, 9, 30))).pk


def test_with_a_current_exception_the_change_saves_and_its_history_names_the_exception(
    council, project, measure, jo, ann
):
    _grant(ann, jo, council, metric=measure, period_end=OCTOBER[1])
    reading = _enter(jo, council, project, measure, OCTOBER)
    services.reading_submit(user=jo, reading=reading)
    reasons = list(reading.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == [
        "Entered: under a lock exception granted by Ann Approver until 31 January 2027",
        "Submitted for approval: under a lock exception granted by Ann Approver until 31 January 2027",
    ]
    grant = LockException.history.get()
    assert (grant.history_user, grant.history_change_reason) == (ann, "Granted: late invoice data")


def test_an_exception_for_every_measure_and_period_covers_them_all(council, project, scheduled_metrics, jo, ann):
    _grant(ann, jo, council)
    for metric in scheduled_metrics:
        assert _enter(jo, council, project, metric, OCTOBER).pk


def test_an_exception_covers_only_its_holder_its_measure_and_its_period(
    council, project, scheduled_metrics, jo, manager, ann
):
    _grant(ann, jo, council, metric=scheduled_metrics[0], period_end=OCTOBER[1])
    with pytest.raises(PeriodLocked):
        _enter(manager, council, project, scheduled_metrics[0], OCTOBER)
    with pytest.raises(PeriodLocked):
        _enter(jo, council, project, scheduled_metrics[1], OCTOBER)


def test_an_expired_exception_is_refused(council, project, measure, jo, ann, settings):
    _grant(ann, jo, council, ends_on=D(2026, 12, 10))
    settings.RETURNS_TODAY = D(2026, 12, 11)
    with pytest.raises(PeriodLocked):
        _enter(jo, council, project, measure, OCTOBER)


def test_an_exception_cannot_end_in_the_past_or_go_without_a_reason(council, jo, ann):
    with pytest.raises(ValidationError) as refused:
        _grant(ann, jo, council, ends_on=D(2026, 12, 2), reason="  ")
    assert refused.value.message_dict == {
        "reason": ["Enter why the figures may change after the lock"],
        "ends_on": ["The end date must be today or in the future"],
    }
    assert not LockException.objects.exists()


def test_an_overlapping_exception_is_refused_naming_the_first(council, measure, jo, ann, admin_user):
    _grant(ann, jo, council, period_end=OCTOBER[1])
    with pytest.raises(ValidationError) as refused:
        _grant(admin_user, jo, council, metric=measure, ends_on=D(2027, 2, 28))
    assert refused.value.messages == [
        "Jo Bloggs already has an exception for every measure, the period ending 31 October 2026 until "
        "31 January 2027, which overlaps this one. Wait for it to end, or choose another measure or period."
    ]
    assert LockException.objects.count() == 1
    # Another period, or the same once the first has ended, is no overlap.
    assert _grant(ann, jo, council, period_end=NOVEMBER[1])


def test_an_exception_that_has_ended_does_not_block_a_new_one(council, jo, ann, settings):
    _grant(ann, jo, council, ends_on=D(2026, 12, 5))
    settings.RETURNS_TODAY = D(2026, 12, 8)
    assert _grant(ann, jo, council)


@pytest.mark.parametrize(
    ("granter", "allowed"),
    [("approver", True), ("admin_user", True), ("manager", False), ("other_approver", False), ("adviser", False)],
)
def test_only_the_councils_approvers_or_an_admin_may_grant(request, council, other_council, jo, granter, allowed):
    if granter == "other_approver":
        user = UserFactory(username="leeds-approver")
        MembershipFactory(user=user, council=other_council, role=Role.APPROVER)
    else:
        user = request.getfixturevalue(granter)
    if allowed:
        assert _grant(user, jo, council).granted_by == user
    else:
        with pytest.raises(NotAllowed):
            _grant(user, jo, council)
        assert not LockException.objects.exists()


def test_an_exception_goes_only_to_one_of_the_councils_managers_and_not_to_oneself(council, ann, other_manager):
    with pytest.raises(ValidationError) as refused:
        _grant(ann, other_manager, council)
    assert "is not a programme manager of Lincolnshire" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        _grant(ann, ann, council)


def test_a_save_checks_the_lock_in_two_queries_at_most(council, project, measure, jo, ann, django_assert_num_queries):
    from metrics.schedule_locks import refuse_if_locked

    with django_assert_num_queries(1):  # open: the rules only
        refuse_if_locked(user=jo, council=council, metric=measure, periods=[("actual", NOVEMBER[1])])
    _grant(ann, jo, council)
    with django_assert_num_queries(2):  # locked: the rules and the user's exceptions
        refuse_if_locked(user=jo, council=council, metric=measure, periods=[("actual", OCTOBER[1])] * 2)
