"""The approvers' page for exceptions to locks (/returns/exceptions/): the current exceptions of the
councils they approve for, and a GOV.UK form to grant one, refusing what the service refuses."""

import datetime as dt

import pytest

from metrics.models import LockException
from metrics.schedule_locks import lock_exception_grant
from programmes.models import Role
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

D = dt.date
URL = "/returns/exceptions/"


@pytest.fixture(autouse=True)
def december_the_third(settings):
    settings.RETURNS_TODAY = D(2026, 12, 3)


@pytest.fixture
def jo(council):
    user = UserFactory(username="jo", first_name="Jo", last_name="Bloggs")
    MembershipFactory(user=user, council=council, role=Role.MANAGER)
    return user


def _post(who, **fields):
    data = {
        "council": "", "user": "", "metric": "", "period_end_day": "", "period_end_month": "",
        "period_end_year": "", "reason": "", "ends_on_day": "", "ends_on_month": "", "ends_on_year": "",
    }  # fmt: skip
    data.update(fields)
    return client_for(who).post(URL, data, follow=True)


def _valid(council, jo, metric, **extra):
    return {
        "council": council.pk, "user": jo.pk, "metric": metric.pk, "period_end_day": "31",
        "period_end_month": "10", "period_end_year": "2026", "reason": "Late invoice data",
        "ends_on_day": "31", "ends_on_month": "1", "ends_on_year": "2027", **extra,
    }  # fmt: skip


def test_an_approver_grants_an_exception_and_sees_it_listed(council, scheduled_metrics, approver, jo):
    response = _post(approver, **_valid(council, jo, scheduled_metrics[0]))
    page = response.content.decode()
    assert "Exception granted: Jo Bloggs may change Measure 1, the period ending 31 October 2026 of Lincoln" in page
    assert "Late invoice data" in page and "31 January 2027" in page
    granted = LockException.objects.get()
    assert (granted.user, granted.granted_by, granted.metric) == (jo, approver, scheduled_metrics[0])


def test_the_form_says_what_is_wrong_in_an_error_summary(council, scheduled_metrics, approver, jo):
    response = _post(approver, **_valid(council, jo, scheduled_metrics[0], reason=" ", ends_on_year="2025"))
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Error: Exceptions to locked returns" in page
    assert "Enter why the figures may change after the lock" in page
    assert not LockException.objects.exists()
    response = _post(approver, **_valid(council, jo, scheduled_metrics[0], ends_on_year="2026", ends_on_month="12",
                                        ends_on_day="2"))  # fmt: skip
    assert "The end date must be today or in the future" in response.content.decode()


def test_an_overlapping_exception_is_refused_on_the_page(council, scheduled_metrics, approver, jo):
    lock_exception_grant(user=approver, grantee=jo, council=council, reason="Audit", ends_on=D(2026, 12, 20))
    page = _post(approver, **_valid(council, jo, scheduled_metrics[0])).content.decode()
    assert "There is a problem" in page
    assert "Jo Bloggs already has an exception for every measure, every locked period until 20 December 2026" in page
    assert LockException.objects.count() == 1


def test_the_page_lists_only_the_approvers_councils_current_exceptions(
    council, other_council, scheduled_metrics, approver, jo, admin_user, settings, django_assert_max_num_queries
):
    leeds_manager = UserFactory(username="leeds-jo", first_name="Leeds", last_name="Manager")
    MembershipFactory(user=leeds_manager, council=other_council, role=Role.MANAGER)
    lock_exception_grant(user=admin_user, grantee=leeds_manager, council=other_council, reason="Leeds only",
                         ends_on=D(2026, 12, 31))  # fmt: skip
    lock_exception_grant(user=approver, grantee=jo, council=council, reason="Ended soon", ends_on=D(2026, 12, 4))
    client = client_for(approver)
    with django_assert_max_num_queries(12):
        page = client.get(URL).content.decode()
    assert "Ended soon" in page and "Leeds only" not in page
    settings.RETURNS_TODAY = D(2026, 12, 5)
    assert "Ended soon" not in client.get(URL).content.decode()
    assert "Leeds only" in client_for(admin_user).get(URL).content.decode()


@pytest.mark.parametrize("persona", ["manager", "scrutiny", "adviser", "other_manager"])
def test_only_approvers_and_admins_may_open_the_page(request, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(URL).status_code == 403


def test_an_approver_of_another_council_cannot_grant_for_this_one(council, other_council, scheduled_metrics, jo):
    leeds_approver = UserFactory(username="leeds-approver")
    MembershipFactory(user=leeds_approver, council=other_council, role=Role.APPROVER)
    page = _post(leeds_approver, **_valid(council, jo, scheduled_metrics[0])).content.decode()
    assert "There is a problem" in page
    assert not LockException.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(db):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_an_admin_grants_in_the_admin_as_themself_and_overlaps_are_refused_there_too(council, jo, admin_user):
    data = {"user": jo.pk, "council": council.pk, "reason": "Audit", "ends_on": "2027-01-31"}
    client = client_for(admin_user)
    assert client.post("/admin/metrics/lockexception/add/", data).status_code == 302
    granted = LockException.objects.get()
    assert granted.granted_by == admin_user
    response = client.post("/admin/metrics/lockexception/add/", {**data, "reason": "Again"})
    assert "Jo Bloggs already has an exception" in response.content.decode()
    assert LockException.objects.count() == 1
