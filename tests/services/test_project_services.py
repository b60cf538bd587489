import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from metrics import services as reading_services
from metrics.models import Reading
from pipdash.web.errors import EditConflict, NotAllowed, WrongState
from projects import services
from tests.factories import MetricFactory, MilestoneFactory, ProgressUpdateFactory, ProjectFactory, RiskFactory


@pytest.fixture
def project(council):
    return ProjectFactory(workstream__council=council)


def test_a_milestone_is_added_edited_and_marked_done_with_history(manager, project):
    milestone = services.milestone_create(
        user=manager, project=project, title=" Academy opens ", due_on=dt.date(2018, 9, 1)
    )
    assert milestone.title == "Academy opens"
    services.milestone_update(
        user=manager,
        milestone=milestone,
        expected_version=1,
        title="Academy opens",
        due_on=dt.date(2018, 10, 1),
        done_on=None,
    )
    services.milestone_mark_done(user=manager, milestone=milestone, done_on=dt.date(2018, 10, 2))
    reasons = list(milestone.history.order_by("history_date").values_list("history_change_reason", "history_user"))
    assert reasons == [("Added", manager.pk), ("Edited", manager.pk), ("Marked as done", manager.pk)]
    with pytest.raises(WrongState):
        services.milestone_mark_done(user=manager, milestone=milestone)


@pytest.mark.parametrize("who", ["approver", "scrutiny", "other_manager", "adviser", "admin_user"])
def test_only_the_councils_managers_change_project_records(request, who, project):
    user = request.getfixturevalue(who)
    milestone, update, risk = (
        MilestoneFactory(project=project),
        ProgressUpdateFactory(project=project),
        RiskFactory(project=project),
    )
    with pytest.raises(NotAllowed):
        services.milestone_create(user=user, project=project, title="x", due_on=dt.date(2018, 1, 1))
    with pytest.raises(NotAllowed):
        services.milestone_mark_done(user=user, milestone=milestone)
    with pytest.raises(NotAllowed):
        services.progress_update_update(
            user=user, update=update, expected_version=1, period_start=None, period_end=dt.date(2018, 1, 1), summary="x"
        )
    with pytest.raises(NotAllowed):
        services.risk_update(user=user, risk=risk, expected_version=1, description="x", likelihood=1, impact=1)


def test_a_progress_update_period_must_be_in_order(manager, project):
    with pytest.raises(ValidationError) as caught:
        services.progress_update_create(
            user=manager,
            project=project,
            period_start=dt.date(2018, 7, 1),
            period_end=dt.date(2018, 6, 30),
            summary="x",
        )
    assert "period_end" in caught.value.message_dict


def test_a_risk_out_of_range_is_refused_by_full_clean(manager, project):
    with pytest.raises(ValidationError):
        services.risk_create(user=manager, project=project, description="x", likelihood=6, impact=1)


def test_two_risk_edits_from_the_same_version_conflict(manager, project):
    risk = RiskFactory(project=project)
    kwargs = {"user": manager, "expected_version": 1, "likelihood": 2, "impact": 2}
    services.risk_update(risk=risk, description="First", **kwargs)
    stale = type(risk).objects.get(pk=risk.pk)
    stale.version = 1
    with pytest.raises(EditConflict) as caught:
        services.risk_update(risk=stale, description="Second", **kwargs)
    assert caught.value.theirs.description == "First" and caught.value.ours["description"] == "Second"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_truly_concurrent_saves_let_exactly_one_win(council, manager):
    project = ProjectFactory(workstream__council=council)
    metric = MetricFactory(council=council, project=project)
    reading = Reading.objects.create(
        metric=metric, council=council, project=project, unit="count", value=Decimal(1), period_end=dt.date(2018, 7, 20)
    )
    barrier = threading.Barrier(4)
    outcomes = []

    def save(value):
        from django.db import connection as thread_connection

        try:
            mine = Reading.objects.get(pk=reading.pk)
            barrier.wait()
            reading_services.reading_update(
                user=manager,
                reading=mine,
                expected_version=1,
                kind="actual",
                value=Decimal(value),
                period_start=None,
                period_end=mine.period_end,
            )
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in (2, 3, 4, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "saved"]
    reading.refresh_from_db()
    assert reading.version == 2
    assert reading.history.count() == 2
