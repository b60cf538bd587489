"""Bulk submit from a manager's task list (issue 16 point 2): the draft figures due or overdue are
ticked and sent to the approvers with one confirmation, each through reading_submit (its own history
record and version check), all or none."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics import services
from metrics.models import Reading
from tests.conftest import client_for
from tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db

CONFIRM = "/returns/submit/confirm/"


@pytest.fixture
def december(settings):
    settings.RETURNS_TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def drafts(december, manager, council, project, scheduled_metrics):
    """November's figures for two of the three measures, entered as drafts."""
    return [
        ReadingFactory(
            metric=metric,
            council=council,
            project=project,
            value=Decimal(value),
            period_start=dt.date(2026, 11, 1),
            period_end=dt.date(2026, 11, 30),
            status=Reading.Status.DRAFT,
            entered_by=manager,
        )
        for metric, value in zip(scheduled_metrics[:2], ("98765", "43210"), strict=True)
    ]


def _tokens(client, council, drafts):
    response = client.get(CONFIRM, {"council": council.gss_code, "item": [f"readings:{r.pk}" for r in drafts]})
    assert response.status_code == 200
    return response


def _statuses(readings):
    return [Reading.objects.get(pk=r.pk).status for r in readings]


def test_the_task_list_offers_each_due_draft_to_tick(manager, drafts):
    html = client_for(manager).get("/").content.decode()
    assert "Drafts ready to submit for Lincolnshire" in html
    assert f'value="readings:{drafts[0].pk}"' in html and f'value="readings:{drafts[1].pk}"' in html
    assert "Measure 1, 1 November 2026 to 30 November 2026: 98,765" in html
    assert "Submit selected" in html


def test_bulk_submit_confirms_the_list_then_submits_each_with_its_own_history(
    manager, council, drafts, django_assert_max_num_queries
):
    client = client_for(manager)
    client.get("/")
    with django_assert_max_num_queries(16):
        response = _tokens(client, council, drafts)
    html = response.content.decode()
    assert "Submit 2 figures for Lincolnshire?" in html and "98,765" in html and "43,210" in html
    assert _statuses(drafts) == [Reading.Status.DRAFT] * 2
    done = client.post(CONFIRM, {"council": council.gss_code, "item": response.context["tokens"]}, follow=True)
    assert "2 figures submitted for Lincolnshire. They now await the council&#x27;s approvers." in done.content.decode()
    assert _statuses(drafts) == [Reading.Status.SUBMITTED] * 2
    for reading in drafts:
        record = Reading.objects.get(pk=reading.pk)
        assert record.submitted_by == manager
        assert reading.history.filter(history_change_reason="Submitted for approval").count() == 1
    # Sent in, they leave the list of returns to send.
    assert "1 figure due for November 2026" in done.content.decode()


def test_a_figure_changed_after_the_confirmation_stops_the_bulk_submit(manager, council, drafts):
    client = client_for(manager)
    tokens = _tokens(client, council, drafts).context["tokens"]
    changed = drafts[1]
    services.reading_update(
        user=manager,
        reading=changed,
        expected_version=changed.version,
        kind=changed.kind,
        value=Decimal("43211"),
        period_start=changed.period_start,
        period_end=changed.period_end,
        explanation="Recounted.",
    )
    response = client.post(CONFIRM, {"council": council.gss_code, "item": tokens})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was submitted" in html
    assert "Measure 2: actual, 1 November 2026 to 30 November 2026: Someone changed this figure" in html
    assert _statuses(drafts) == [Reading.Status.DRAFT] * 2
    assert "43,211" in html  # offered again as it is now


def test_submit_selected_with_nothing_ticked_says_so_by_the_boxes(manager, council, drafts):
    html = client_for(manager).get(CONFIRM, {"council": council.gss_code}).content.decode()
    assert "There is a problem" in html
    assert f'<a href="#submit-readings-{drafts[0].pk}">Select figures to submit</a>' in html
    assert f'id="submit-{council.pk}-error" class="govuk-error-message"' in html


def test_only_the_councils_managers_submit_in_bulk(approver, other_manager, council, drafts):
    query = {"council": council.gss_code, "item": [f"readings:{drafts[0].pk}"]}
    assert client_for(approver).get(CONFIRM, query).status_code == 403
    assert client_for(other_manager).get(CONFIRM, query).status_code == 403
    tokens = [f"readings:{drafts[0].pk}:{drafts[0].version}"]
    assert client_for(other_manager).post(CONFIRM, {"council": council.gss_code, "item": tokens}).status_code == 403
    assert _statuses(drafts) == [Reading.Status.DRAFT] * 2
