"""What a user sees of a lock (issue 16 point 4): the figure's page and edit form say when the period
locked (or locks) and any exception; a manager the lock stops is told whom to ask, not offered buttons
the service would refuse; a refused save says why beside the period; the History page names the
exception a change was made under."""

import datetime as dt

import pytest
from django.urls import reverse

from metrics.models import Reading
from metrics.schedule_locks import lock_exception_grant
from programmes.models import Role
from tests.conftest import client_for
from tests.factories import MembershipFactory, ReadingFactory, UserFactory

D = dt.date


@pytest.fixture(autouse=True)
def december_the_third(settings):
    settings.RETURNS_TODAY = D(2026, 12, 3)


@pytest.fixture
def jo(council):
    user = UserFactory(username="jo", first_name="Jo", last_name="Bloggs")
    MembershipFactory(user=user, council=council, role=Role.MANAGER)
    return user


@pytest.fixture
def ann(council):
    user = UserFactory(username="ann", first_name="Ann", last_name="Approver")
    MembershipFactory(user=user, council=council, role=Role.APPROVER)
    return user


def _figure(council, project, metric, end, status="draft"):
    return ReadingFactory(
        metric=metric, council=council, project=project, period_start=end.replace(day=1), period_end=end,
        status=status, source_document=None,
    )  # fmt: skip


def _url(name, reading):
    return reverse(name, kwargs={"gss_code": reading.council.gss_code, "pk": reading.pk})


def _edit_data(reading, value="99"):
    start, end = reading.period_start, reading.period_end
    return {
        "version": reading.version, "kind": "actual", "value": value, "qualifier": "",
        "period_start_day": start.day, "period_start_month": start.month, "period_start_year": start.year,
        "period_end_day": end.day, "period_end_month": end.month, "period_end_year": end.year,
        "source_note": "Board report", "explanation": "", "recovery_action": "", "action_owner": "",
    }  # fmt: skip


def test_a_locked_figure_says_when_it_locked_and_whom_to_ask_without_offering_changes(
    council, project, scheduled_metrics, jo, ann, django_assert_max_num_queries
):
    reading = _figure(council, project, scheduled_metrics[0], D(2026, 10, 31))
    client = client_for(jo)
    with django_assert_max_num_queries(12):
        page = client.get(_url("reading-detail", reading)).content.decode()
    assert "This period locked on 30 November 2026" in page
    assert "ask an approver of Lincolnshire (Ann Approver) or an administrator for an exception" in page
    assert "Change this figure" not in page
    assert "Submit for approval" not in page


def test_an_open_figure_says_when_it_will_lock(council, project, scheduled_metrics, jo):
    reading = _figure(council, project, scheduled_metrics[0], D(2026, 11, 30))
    page = client_for(jo).get(_url("reading-detail", reading)).content.decode()
    assert "This period locks on 31 December 2026" in page
    assert "Change this figure" in page


def test_the_exception_shows_on_the_figure_and_its_form_and_lets_its_holder_change_it(
    council, project, scheduled_metrics, jo, ann
):
    reading = _figure(council, project, scheduled_metrics[0], D(2026, 10, 31))
    lock_exception_grant(
        user=ann, grantee=jo, council=council, metric=scheduled_metrics[0], reason="late invoice data",
        ends_on=D(2027, 1, 31),
    )  # fmt: skip
    notice = "Edits allowed for Jo Bloggs until 31 January 2027: late invoice data"
    assert notice in client_for(ann).get(_url("reading-detail", reading)).content.decode()
    client = client_for(jo)
    detail = client.get(_url("reading-detail", reading)).content.decode()
    assert notice in detail and "Change this figure" in detail
    assert notice in client.get(_url("reading-edit", reading)).content.decode()
    response = client.post(_url("reading-edit", reading), _edit_data(reading))
    assert response.status_code == 302
    reading.refresh_from_db()
    assert reading.value == 99
    history = client.get(reverse("project-history", kwargs={"gss_code": council.gss_code, "slug": project.slug}))
    assert "under a lock exception granted by Ann Approver until 31 January 2027" in history.content.decode()


def test_a_refused_edit_says_why_beside_the_period(council, project, scheduled_metrics, jo, ann):
    reading = _figure(council, project, scheduled_metrics[0], D(2026, 10, 31))
    response = client_for(jo).post(_url("reading-edit", reading), _edit_data(reading))
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        "This period locked on 30 November 2026, so its figures cannot be added or changed. "
        "To change them, ask an approver of Lincolnshire (Ann Approver) or an administrator for an exception."
    ]
    assert "Error: Change a figure" in response.content.decode()
    reading.refresh_from_db()
    assert reading.value == 10


def test_a_refused_submit_says_why(council, project, scheduled_metrics, jo):
    reading = _figure(council, project, scheduled_metrics[0], D(2026, 10, 31))
    client = client_for(jo)
    response = client.post(_url("reading-submit", reading), {"version": reading.version}, follow=True)
    assert "This period locked on 30 November 2026" in response.content.decode()
    reading.refresh_from_db()
    assert reading.status == Reading.Status.DRAFT



def test_the_managers_task_list_shows_returns_that_locked_unsent(
    council, project, scheduled_metrics, manager, django_assert_max_num_queries
):
    _figure(council, project, scheduled_metrics[1], D(2026, 10, 31), status="submitted")
    _figure(council, project, scheduled_metrics[2], D(2026, 10, 31))
    client = client_for(manager)
    with django_assert_max_num_queries(14):
        html = client.get("/").content.decode()
    assert "Locked before they were sent" in html
    assert "Lincolnshire: Measure 1 for October 2026, locked on 30 November 2026</li>" in html
    assert "Lincolnshire: Measure 3 for October 2026, locked on 30 November 2026 (draft)" in html
    assert "Measure 2 for October 2026" not in html  # sent in before the lock


def test_the_api_refuses_a_locked_submit_with_a_conflict_and_the_reason(council, project, scheduled_metrics, jo):
    from tests.api.conftest import token_client

    reading = _figure(council, project, scheduled_metrics[0], D(2026, 10, 31))
    response = token_client(jo).post(
        reverse("api:reading-submit", args=[reading.pk]), HTTP_IF_MATCH=f'"{reading.version}"'
    )
    assert response.status_code == 409
    assert "This period locked on 30 November 2026" in response.content.decode()
    reading.refresh_from_db()
    assert reading.status == Reading.Status.DRAFT


def test_the_lock_dates_agree_with_the_schedule_whichever_rule_applies(council, project, scheduled_metrics):
    """The one-query lookup of a save finds the rule the schedule does: the council's own rule in the
    programme, then its rule for everything, then the programme's; another programme's rule never."""
    from metrics import schedule
    from metrics.models import ReportingRule
    from metrics.schedule_locks import CouncilLocks
    from tests.factories import ProgrammeFactory

    metric = scheduled_metrics[0]
    reading = _figure(council, project, metric, D(2026, 11, 30))

    def both():
        found = CouncilLocks(council.pk, [metric]).locks_on(metric.pk, "actual", reading.period_end)
        return found, schedule.lock_for(reading)

    assert both() == (D(2026, 12, 31), D(2026, 12, 31))  # the programme's rule
    another = ProgrammeFactory(slug="another", name="Another")
    ReportingRule.objects.create(council=council, programme=another, starts_on=D(2026, 1, 1), due_working_days=1,
                                 lock_after_days=0)  # fmt: skip
    assert both() == (D(2026, 12, 31), D(2026, 12, 31))  # another programme's: not this measure's
    ReportingRule.objects.create(council=council, starts_on=D(2026, 1, 1), due_working_days=5, lock_after_days=0)
    assert both() == (D(2026, 12, 7), D(2026, 12, 7))  # the council's rule for everything
    ReportingRule.objects.create(council=council, programme=project.workstream.programme, starts_on=D(2026, 1, 1),
                                 due_working_days=2, lock_after_days=1)  # fmt: skip
    assert both() == (D(2026, 12, 3), D(2026, 12, 3))  # the council's own rule in the programme
