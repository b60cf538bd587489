"""Figures, progress updates and milestones move through one sign-off step (projects.services):
each still says its own noun, and a figure's history keeps the reasons metrics.provenance reads back."""

import datetime as dt

import pytest

from metrics import history_reasons
from metrics import services as figures
from metrics.models import Reading
from pipdash.web.errors import NotAllowed, WrongState
from projects import services
from tests.factories import MetricFactory, ReadingFactory

pytestmark = pytest.mark.django_db


def test_the_shared_step_writes_the_history_reasons_figures_are_read_back_by():
    assert services.SUBMITTED == history_reasons.SUBMITTED
    assert services.APPROVED == history_reasons.APPROVED
    assert services.returned_reason("x" * 200) == history_reasons.returned("x" * 200)


def test_a_figure_goes_through_the_step_worded_as_a_figure(manager, approver, council):
    reading = ReadingFactory(
        metric=MetricFactory(council=council), council=council, status=Reading.Status.DRAFT, entered_by=manager
    )
    with pytest.raises(WrongState, match="only a submitted figure can be reviewed"):
        figures.reading_approve(user=approver, reading=reading)
    figures.reading_submit(user=manager, reading=reading)
    with pytest.raises(NotAllowed, match="Only this council's approvers can approve or return its figures"):
        figures.reading_approve(user=manager, reading=reading)
    own = ReadingFactory(
        metric=MetricFactory(council=council), council=council, status=Reading.Status.SUBMITTED, entered_by=approver
    )
    with pytest.raises(NotAllowed, match="You entered this figure, so another approver must review it"):
        figures.reading_approve(user=approver, reading=own)
    figures.reading_return(user=approver, reading=reading, reason="Use the end-of-month count.")
    reading.refresh_from_db()
    assert reading.status == Reading.Status.RETURNED
    assert reading.history.first().history_change_reason == "Returned: Use the end-of-month count."


def test_an_update_goes_through_the_same_step_worded_as_an_update(manager, approver, project):
    update = services.progress_update_create(
        user=manager, project=project, period_start=None, period_end=dt.date(2026, 10, 31), summary="Note."
    )
    with pytest.raises(WrongState, match="This progress update is draft: only a submitted one can be reviewed"):
        services.signoff_approve(user=approver, item=update)
    services.signoff_submit(user=manager, item=update)
    with pytest.raises(WrongState, match="progress update is submitted for approval: only a draft can be submitted"):
        services.signoff_submit(user=manager, item=update)
    services.signoff_approve(user=approver, item=update)
    assert update.history.first().history_change_reason == "Approved"
