"""Sign-off for progress updates and milestones (issue 16 point 5): draft -> submitted -> approved or
returned; only approved copies are seen outside the council; risks stay within the council and DfE advisers."""

import datetime as dt

import pytest

from pipdash.web.errors import NotAllowed, WrongState
from programmes.access import access_for
from programmes.models import Role
from projects import services
from projects.models import Milestone, ProgressUpdate, Risk
from projects.signoff import Status
from tests.conftest import _member, client_for
from tests.factories import MilestoneFactory, ProgressUpdateFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_approver(council):
    return _member("approver-2", Role.APPROVER, council)


def _draft_update(manager, project, summary="A draft note nobody outside should read."):
    return services.progress_update_create(
        user=manager, project=project, period_start=None, period_end=dt.date(2026, 10, 31), summary=summary
    )


def test_a_new_progress_update_is_a_draft_unseen_outside_the_council(
    manager, scrutiny, other_manager, adviser, project
):
    _draft_update(manager, project)
    for outsider in (scrutiny, other_manager, adviser):
        html = client_for(outsider).get(project.get_absolute_url()).content.decode()
        assert "A draft note nobody outside should read." not in html
    assert (
        "A draft note nobody outside should read."
        in client_for(manager).get(project.get_absolute_url()).content.decode()
    )


def test_an_approved_update_is_seen_by_everyone(manager, approver, other_manager, project):
    update = _draft_update(manager, project)
    services.signoff_submit(user=manager, item=update)
    update.refresh_from_db()
    services.signoff_approve(user=approver, item=update)
    html = client_for(other_manager).get(project.get_absolute_url()).content.decode()
    assert "A draft note nobody outside should read." in html


def test_an_edit_to_an_approved_update_awaits_approval_while_readers_see_the_approved_copy(
    manager, approver, other_manager, project
):
    update = ProgressUpdateFactory(project=project, summary="Approved words.")
    services.progress_update_update(
        user=manager,
        update=update,
        expected_version=update.version,
        period_start=None,
        period_end=update.period_end,
        summary="Pending words.",
    )
    update.refresh_from_db()
    assert update.status == Status.DRAFT
    outside = client_for(other_manager).get(project.get_absolute_url()).content.decode()
    assert "Approved words." in outside and "Pending words." not in outside
    inside = client_for(manager).get(project.get_absolute_url()).content.decode()
    assert "Pending words." in inside


def test_marking_a_milestone_done_awaits_approval_before_readers_see_it_done(manager, approver, other_manager, project):
    milestone = MilestoneFactory(project=project, title="Launch the hub", due_on=dt.date(2026, 1, 1))
    services.milestone_mark_done(user=manager, milestone=milestone, done_on=dt.date(2026, 2, 1))
    shown = Milestone.objects.shown_to(access_for(other_manager)).get(pk=milestone.pk)
    assert shown.done_on is None and shown.status == Status.APPROVED
    milestone.refresh_from_db()
    services.signoff_submit(user=manager, item=milestone)
    milestone.refresh_from_db()
    services.signoff_approve(user=approver, item=milestone)
    shown = Milestone.objects.shown_to(access_for(other_manager)).get(pk=milestone.pk)
    assert shown.done_on == dt.date(2026, 2, 1)


def test_a_new_milestone_never_approved_is_not_shown_outside(manager, other_manager, adviser, project):
    services.milestone_create(user=manager, project=project, title="Secret step", due_on=dt.date(2027, 1, 1))
    for outsider in (other_manager, adviser):
        assert not Milestone.objects.shown_to(access_for(outsider)).filter(title="Secret step").exists()
    assert Milestone.objects.shown_to(access_for(manager)).filter(title="Secret step").exists()


def test_the_programme_overview_counts_overdue_milestones_as_each_viewer_sees_them(manager, other_manager, project):
    milestone = MilestoneFactory(project=project, due_on=dt.date(2020, 1, 1))
    services.milestone_mark_done(user=manager, milestone=milestone, done_on=dt.date(2020, 2, 1))
    today = dt.date(2026, 12, 3)
    assert not Milestone.objects.overdue_shown_to(access_for(manager), today).exists()
    assert Milestone.objects.overdue_shown_to(access_for(other_manager), today).count() == 1


def test_an_approver_returns_an_update_with_a_reason_and_the_manager_sees_it(manager, approver, project):
    update = _draft_update(manager, project)
    services.signoff_submit(user=manager, item=update)
    update.refresh_from_db()
    response = client_for(approver).post(
        f"/returns/approvals/updates/{update.pk}/return/", {"reason": "Say which month.", "version": update.version}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.status == Status.RETURNED and update.returned_reason == "Say which month."
    html = client_for(manager).get(project.get_absolute_url()).content.decode()
    assert "Returned: Say which month." in html


def test_returning_without_a_reason_is_refused_and_nothing_changes(manager, approver, project):
    update = _draft_update(manager, project)
    services.signoff_submit(user=manager, item=update)
    update.refresh_from_db()
    response = client_for(approver).post(
        f"/returns/approvals/updates/{update.pk}/return/", {"reason": " ", "version": update.version}
    )
    assert response.status_code == 200
    assert "Enter why you are returning it" in response.content.decode()
    update.refresh_from_db()
    assert update.status == Status.SUBMITTED


def test_only_a_submitted_item_is_approved_and_never_by_its_author(manager, approver, project):
    update = _draft_update(manager, project)
    with pytest.raises(WrongState):
        services.signoff_approve(user=approver, item=update)
    services.signoff_submit(user=manager, item=update)
    update.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.signoff_approve(user=manager, item=update)


def test_an_approver_who_entered_an_item_cannot_approve_it(council, approver, second_approver, project):
    _member("approver-manager", Role.MANAGER, council)
    milestone = MilestoneFactory(project=project, status="submitted", entered_by=approver)
    with pytest.raises(NotAllowed):
        services.signoff_approve(user=approver, item=milestone)
    services.signoff_approve(user=second_approver, item=milestone)
    milestone.refresh_from_db()
    assert milestone.status == Status.APPROVED and milestone.published_title == milestone.title


def test_the_approvals_page_lists_submitted_items_and_the_navigation_counts_them(manager, approver, project):
    update = _draft_update(manager, project, summary="Please approve me.")
    services.signoff_submit(user=manager, item=update)
    milestone = services.milestone_create(
        user=manager, project=project, title="Open the hub", due_on=dt.date(2027, 1, 1)
    )
    services.signoff_submit(user=manager, item=milestone)
    response = client_for(approver).get("/returns/approvals/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please approve me." in html and "Open the hub" in html
    assert 'Approvals <span class="app-count">2</span>' in html
    # The manager is not an approver: no queue, no count in the navigation.
    manager_home = client_for(manager).get("/").content.decode()
    assert "Approvals <span" not in manager_home


def test_approving_from_the_queue_publishes_the_item(manager, approver, other_manager, project):
    update = _draft_update(manager, project, summary="Queue approval.")
    services.signoff_submit(user=manager, item=update)
    update.refresh_from_db()
    response = client_for(approver).post(
        f"/returns/approvals/updates/{update.pk}/approve/", {"version": update.version}
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.shown_to(access_for(other_manager)).filter(summary="Queue approval.").exists()


def test_a_manager_submits_from_the_project_page(manager, project):
    update = _draft_update(manager, project)
    url = f"/councils/{project.council.gss_code}/projects/{project.slug}/updates/{update.pk}/submit/"
    assert client_for(manager).post(url, {"version": update.version}).status_code == 302
    update.refresh_from_db()
    assert update.status == Status.SUBMITTED and update.submitted_by == manager


def test_risks_are_shown_only_to_the_council_and_dfe_advisers(
    council, manager, scrutiny, other_manager, adviser, project
):
    RiskFactory(project=project, description="Recruitment may slip")
    assert Risk.objects.shown_to(access_for(scrutiny)).count() == 1
    assert Risk.objects.shown_to(access_for(adviser)).count() == 1
    assert Risk.objects.shown_to(access_for(other_manager)).count() == 0
