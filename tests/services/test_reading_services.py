import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from metrics import services
from metrics.exceptions import DuplicateReading, NeedsExplanation
from metrics.models import Reading
from metrics.units import MeasureKind, Unit
from pipdash.web.errors import EditConflict, NotAllowed, WrongState
from programmes.access import forget_access
from programmes.models import Role
from tests.factories import MembershipFactory, MetricFactory, ProjectFactory, ReadingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(council):
    return ProjectFactory(workstream__council=council, name="Social work academy", slug="academy")


@pytest.fixture
def metric(council, project):
    return MetricFactory(
        name="Staff trained", unit=Unit.COUNT, kind=MeasureKind.CUMULATIVE, council=council, project=project
    )


def enter(manager, council, metric, project, value="155", **overrides):
    kwargs = {
        "user": manager,
        "council": council,
        "metric": metric,
        "project": project,
        "kind": "actual",
        "value": Decimal(value),
        "period_start": None,
        "period_end": dt.date(2018, 7, 20),
        "source_note": "Scrutiny report",
        "explanation": "",
    }
    kwargs.update(overrides)
    return services.reading_create(**kwargs)


def test_a_new_figure_is_a_draft_that_nobody_outside_sees_yet(manager, council, metric, project):
    reading = enter(manager, council, metric, project)
    assert reading.status == Reading.Status.DRAFT
    assert reading.published_value is None
    assert reading.entered_by == manager
    assert reading.source_location == "Scrutiny report" and reading.note == ""
    record = reading.history.get()
    assert record.history_user == manager and record.history_change_reason == "Entered"


@pytest.mark.parametrize("who", ["scrutiny", "approver", "other_manager", "adviser"])
def test_only_the_councils_managers_can_enter_figures(request, who, council, metric, project):
    user = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        enter(user, council, metric, project)
    assert not Reading.objects.exists()


def test_a_value_the_unit_forbids_is_refused(manager, council, metric, project):
    with pytest.raises(ValidationError) as caught:
        enter(manager, council, metric, project, value="15.5")
    assert caught.value.message_dict["value"] == ["A count must be a whole number, like 155"]


def test_a_duplicate_names_the_existing_figure(manager, council, metric, project):
    first = enter(manager, council, metric, project)
    with pytest.raises(DuplicateReading) as caught:
        enter(manager, council, metric, project, value="160")
    assert caught.value.existing == first


def test_a_fall_in_a_running_total_needs_an_explanation_which_is_kept(manager, council, metric, project):
    enter(manager, council, metric, project)
    with pytest.raises(NeedsExplanation) as caught:
        enter(manager, council, metric, project, value="150", period_end=dt.date(2018, 9, 30))
    assert "lower than the previous figure" in caught.value.warnings[0]
    reading = enter(
        manager,
        council,
        metric,
        project,
        value="150",
        period_end=dt.date(2018, 9, 30),
        explanation="Five staff left before finishing",
    )
    assert reading.explanation == "Five staff left before finishing"


def test_the_full_approval_round_publishes_the_value(manager, approver, council, metric, project):
    reading = enter(manager, council, metric, project)
    services.reading_submit(user=manager, reading=reading)
    services.reading_approve(user=approver, reading=reading)
    reading.refresh_from_db()
    assert reading.status == Reading.Status.APPROVED
    assert reading.published_value == Decimal("155")
    assert reading.approved_by == approver and reading.published_at is not None
    reasons = list(reading.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["Entered", "Submitted for approval", "Approved"]


def test_an_edited_approved_figure_keeps_showing_the_approved_value_until_approved_again(
    manager, approver, council, metric, project
):
    reading = ReadingFactory(metric=metric, council=council, project=project, value=Decimal("155"))
    services.reading_update(
        user=manager,
        reading=reading,
        expected_version=reading.version,
        kind="actual",
        value=Decimal("160"),
        period_start=None,
        period_end=reading.period_end,
    )
    reading.refresh_from_db()
    assert (reading.status, reading.value, reading.published_value) == ("draft", Decimal("160"), Decimal("155"))
    services.reading_submit(user=manager, reading=reading)
    services.reading_approve(user=approver, reading=reading)
    reading.refresh_from_db()
    assert reading.published_value == Decimal("160")


def test_an_approver_returns_with_a_reason_the_manager_sees(manager, approver, council, metric, project):
    reading = enter(manager, council, metric, project)
    services.reading_submit(user=manager, reading=reading)
    with pytest.raises(ValidationError):
        services.reading_return(user=approver, reading=reading, reason="  ")
    services.reading_return(user=approver, reading=reading, reason="Check the July total")
    reading.refresh_from_db()
    assert reading.status == Reading.Status.RETURNED
    assert reading.returned_reason == "Check the July total"
    services.reading_submit(user=manager, reading=reading)


def test_an_approver_never_approves_what_they_entered(manager, council, metric, project):
    MembershipFactory(user=manager, council=council, role=Role.APPROVER)
    forget_access(manager)
    reading = enter(manager, council, metric, project)
    services.reading_submit(user=manager, reading=reading)
    with pytest.raises(NotAllowed):
        services.reading_approve(user=manager, reading=reading)


def test_approvers_of_another_council_cannot_approve(manager, council, metric, project, other_council):
    from tests.factories import UserFactory

    outsider = UserFactory(username="leeds-approver")
    MembershipFactory(user=outsider, council=other_council, role=Role.APPROVER)
    reading = enter(manager, council, metric, project)
    services.reading_submit(user=manager, reading=reading)
    with pytest.raises(NotAllowed):
        services.reading_approve(user=outsider, reading=reading)


def test_a_draft_cannot_be_approved_and_a_submitted_one_not_submitted_again(
    manager, approver, council, metric, project
):
    reading = enter(manager, council, metric, project)
    with pytest.raises(WrongState):
        services.reading_approve(user=approver, reading=reading)
    services.reading_submit(user=manager, reading=reading)
    with pytest.raises(WrongState):
        services.reading_submit(user=manager, reading=reading)


def test_the_second_of_two_concurrent_edits_is_refused_with_both_values(manager, council, metric, project):
    reading = enter(manager, council, metric, project)
    mine = Reading.objects.get(pk=reading.pk)
    theirs = Reading.objects.get(pk=reading.pk)
    common = {"kind": "actual", "period_start": None, "period_end": reading.period_end}
    services.reading_update(user=manager, reading=theirs, expected_version=1, value=Decimal("156"), **common)
    with pytest.raises(EditConflict) as caught:
        services.reading_update(user=manager, reading=mine, expected_version=1, value=Decimal("157"), **common)
    assert caught.value.theirs.value == Decimal("156")
    assert caught.value.ours["value"] == Decimal("157")
    assert Reading.objects.get(pk=reading.pk).value == Decimal("156")
    assert reading.history.count() == 2


def test_approving_a_figure_changed_since_the_page_was_opened_is_refused(manager, approver, council, metric, project):
    reading = enter(manager, council, metric, project)
    services.reading_submit(user=manager, reading=reading)
    with pytest.raises(EditConflict):
        services.reading_approve(user=approver, reading=reading, expected_version=1)


@freeze_time("2018-08-01")
def test_an_actual_for_a_future_date_is_refused(manager, council, metric, project):
    with pytest.raises(ValidationError) as caught:
        enter(manager, council, metric, project, period_end=dt.date(2018, 9, 30))
    assert "period_end" in caught.value.message_dict


def test_a_manager_adds_a_metric_to_their_project(manager, council, project):
    metric = services.metric_create(
        user=manager,
        council=council,
        project=project,
        name="Staff trained",
        unit="count",
        direction="higher",
        kind="cumulative",
    )
    assert metric.council == council and metric.project == project and metric.slug == "lincolnshire-staff-trained"
    with pytest.raises(ValidationError):
        services.metric_create(
            user=manager,
            council=council,
            project=project,
            name="staff trained",
            unit="count",
            direction="higher",
            kind="cumulative",
        )
