"""Bulk approve on /returns/approvals/ (issue 16 point 2): tick items, confirm the exact list once,
and every item is approved through its own service (its own history record, its own version check),
or, if any one is refused, none is and the page says which and why."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics.models import Reading
from programmes.access import access_for
from programmes.models import Role
from projects import services
from projects.models import Milestone, ProgressUpdate
from projects.signoff import Status
from tests.conftest import _member, client_for
from tests.factories import MetricFactory, MilestoneFactory, ReadingFactory

pytestmark = pytest.mark.django_db

CONFIRM = "/returns/approvals/confirm/"


@pytest.fixture
def submitted(manager, council, project):
    """A figure, a progress update and a milestone completion, each submitted by the manager."""
    project.name = "Signs of Safety"
    project.save()
    metric = MetricFactory(name="Children in care", council=council, project=project)
    reading = ReadingFactory(
        metric=metric,
        council=council,
        project=project,
        value=Decimal("98765"),
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 30),
        status=Reading.Status.SUBMITTED,
        entered_by=manager,
        submitted_by=manager,
    )
    update = services.progress_update_create(
        user=manager, project=project, period_start=None, period_end=dt.date(2026, 10, 31), summary="Hub opened."
    )
    services.signoff_submit(user=manager, item=update)
    milestone = MilestoneFactory(project=project, title="Launch the hub", due_on=dt.date(2026, 1, 1), status="draft")
    services.milestone_mark_done(user=manager, milestone=milestone, done_on=dt.date(2026, 2, 1))
    milestone.refresh_from_db()
    services.signoff_submit(user=manager, item=milestone)
    return {"readings": reading, "updates": update, "milestones": milestone}


def _query(council, items):
    return {"council": council.gss_code, "item": [f"{kind}:{item.pk}" for kind, item in items.items()]}


def _confirm_page(client, council, items):
    response = client.get(CONFIRM, _query(council, items))
    assert response.status_code == 200
    return response


def _status(item):
    item.refresh_from_db()
    return item.status


def test_each_item_has_a_checkbox_labelled_by_the_item(approver, submitted):
    html = client_for(approver).get("/returns/approvals/").content.decode()
    assert f'value="readings:{submitted["readings"].pk}"' in html
    assert "Select Children in care: actual, 1 November 2026 to 30 November 2026" in html
    assert (
        'Select<span class="govuk-visually-hidden"> Progress update of Signs of Safety, up to 31 October 2026' in html
    )
    assert "Milestone &#x27;Launch the hub&#x27; of Signs of Safety" in html
    assert "Approve selected" in html


def test_the_confirmation_lists_exactly_what_will_be_approved_in_bounded_queries(
    manager, approver, council, project, submitted, django_assert_max_num_queries
):
    client = client_for(approver)
    client.get("/")  # sign-in and session set up outside the count
    with django_assert_max_num_queries(8):
        html = _confirm_page(client, council, submitted).content.decode()
    assert "Approve 3 items for Lincolnshire?" in html
    assert "Children in care: actual, 1 November 2026 to 30 November 2026" in html and "98,765" in html
    assert "Progress update of Signs of Safety, up to 31 October 2026" in html and "Hub opened." in html
    assert "Done 1 February 2026" in html
    # Nothing is approved by looking at the confirmation.
    assert all(_status(item) == Status.SUBMITTED for item in submitted.values())
    # Ten more updates cost no more queries: one query a kind of item, whatever the number.
    more = dict(submitted)
    for month in range(1, 11):
        update = services.progress_update_create(
            user=manager, project=project, period_start=None, period_end=dt.date(2025, month, 28), summary="More."
        )
        more[f"update {month}"] = services.signoff_submit(user=manager, item=update)
    query = {"council": council.gss_code, "item": [f"{key}:{item.pk}" for key, item in submitted.items()]}
    query["item"] += [f"updates:{item.pk}" for key, item in more.items() if key.startswith("update ")]
    with django_assert_max_num_queries(8):
        html = client.get(CONFIRM, query).content.decode()
    assert "Approve 13 items for Lincolnshire?" in html


def test_confirming_approves_each_item_with_its_own_history_record(approver, other_manager, council, submitted):
    client = client_for(approver)
    tokens = _confirm_page(client, council, submitted).context["tokens"]
    response = client.post(CONFIRM, {"council": council.gss_code, "item": tokens}, follow=True)
    assert "3 items approved for Lincolnshire. Everyone can now see them." in response.content.decode()
    for item in submitted.values():
        assert _status(item) == Status.APPROVED
        assert item.approved_by == approver
        assert item.history.filter(history_change_reason="Approved", history_user=approver).count() == 1
    shown = ProgressUpdate.objects.filter(pk=submitted["updates"].pk).shown_to(access_for(other_manager))
    assert [u.summary for u in shown] == ["Hub opened."]


def test_an_item_changed_after_the_confirmation_stops_them_all_and_is_named(manager, approver, council, submitted):
    client = client_for(approver)
    tokens = _confirm_page(client, council, submitted).context["tokens"]
    # The manager rewrites the update and sends it again while the approver reads the list.
    update = submitted["updates"]
    services.progress_update_update(
        user=manager,
        update=update,
        expected_version=update.version,
        period_start=None,
        period_end=update.period_end,
        summary="Hub opened late.",
    )
    update.refresh_from_db()
    services.signoff_submit(user=manager, item=update)
    response = client.post(CONFIRM, {"council": council.gss_code, "item": tokens})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was approved" in html
    assert (
        "Progress update of Signs of Safety, up to 31 October 2026: Someone changed this progress update "
        "after you opened the confirmation page." in html
    )
    for item in submitted.values():
        assert _status(item) == Status.SUBMITTED
        assert not item.history.filter(history_change_reason="Approved").exists()
    # The list is offered again as it is now, so the approver sees the new words before confirming.
    assert "Hub opened late." in html and "Approve 3 items for Lincolnshire?" in html


def test_an_approvers_own_submission_is_refused_and_nothing_is_approved(council, approver, manager, submitted):
    second = _member("approver-2", Role.APPROVER, council)
    own = submitted["readings"]
    Reading.objects.filter(pk=own.pk).update(entered_by=second)
    client = client_for(second)
    tokens = [f"{kind}:{item.pk}:{item.version}" for kind, item in submitted.items()]
    response = client.post(CONFIRM, {"council": council.gss_code, "item": tokens})
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Children in care: actual, 1 November 2026 to 30 November 2026: "
        "You entered this figure, so another approver must review it." in html
    )
    assert all(_status(item) == Status.SUBMITTED for item in submitted.values())
    # Offered again without it: it was never in this approver's queue.
    assert "Approve 2 items for Lincolnshire?" in html


def test_another_councils_item_is_refused_without_showing_it(approver, council, other_council, submitted):
    theirs = ReadingFactory(
        metric=MetricFactory(name="Secret measure", council=other_council),
        council=other_council,
        status=Reading.Status.SUBMITTED,
    )
    tokens = [f"readings:{submitted['readings'].pk}:{submitted['readings'].version}", f"readings:{theirs.pk}:1"]
    response = client_for(approver).post(CONFIRM, {"council": council.gss_code, "item": tokens})
    html = response.content.decode()
    assert response.status_code == 409
    assert f"A figure (number {theirs.pk}): It is not one of Lincolnshire&#x27;s." in html
    assert "Secret measure" not in html
    assert _status(submitted["readings"]) == Status.SUBMITTED and _status(theirs) == Status.SUBMITTED


def test_a_council_the_user_does_not_approve_for_is_forbidden(manager, approver, other_council, submitted):
    assert client_for(approver).get(CONFIRM, {"council": other_council.gss_code}).status_code == 403
    assert client_for(manager).get(CONFIRM, {"council": submitted["readings"].council.gss_code}).status_code == 403


def test_approve_selected_with_nothing_ticked_shows_the_error_summary_and_the_message_by_the_boxes(
    approver, council, submitted
):
    response = client_for(approver).get(CONFIRM, {"council": council.gss_code})
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'<a href="#choose-readings-{submitted["readings"].pk}">Select what to approve</a>' in html
    assert f'id="select-{council.pk}-error" class="govuk-error-message"' in html
    assert html.count("Select what to approve") == 2
    assert all(_status(item) == Status.SUBMITTED for item in submitted.values())


def test_an_item_approved_by_someone_else_meanwhile_drops_out_of_the_confirmation(approver, council, submitted):
    second = _member("approver-2", Role.APPROVER, council)
    services.signoff_approve(user=second, item=submitted["milestones"])
    html = _confirm_page(client_for(approver), council, submitted).content.decode()
    assert "Approve 2 items for Lincolnshire?" in html
    assert (
        "1 item you chose is not listed, because it can no longer be approved by you (someone may have approved, "
        f"returned or changed it since): a milestone (number {submitted['milestones'].pk})." in html
    )
    assert Milestone.objects.get(pk=submitted["milestones"].pk).approved_by == second


def test_the_queue_shows_a_figure_whose_submitter_was_not_recorded(approver, council):
    """The demo's October figures were loaded as submitted with nobody named: the page still opens."""
    ReadingFactory(metric=MetricFactory(name="Staff turnover", council=council), council=council, status="submitted")
    response = client_for(approver).get("/returns/approvals/")
    assert response.status_code == 200
    assert "Select Staff turnover: actual" in response.content.decode()
