"""Issue 19 part 2: the admin cannot change a figure behind the services' back."""

from decimal import Decimal

import pytest

from metrics.models import Reading
from tests.conftest import client_for
from tests.factories import ReadingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(council):
    return ReadingFactory(council=council, value=Decimal("155"))


def _form(reading, **changes):
    data = {
        "metric": reading.metric_id, "council": reading.council_id, "kind": reading.kind, "value": "999",
        "period_end": "2018-07-20", "status": "approved", "approved_by": "", "published_value": "1",
        "version": "1", "missing_reason": "", "_save": "Save",
    }  # fmt: skip
    data.update(changes)
    return data


def test_an_admin_change_of_an_approved_figure_is_refused_and_changes_nothing(admin_user, approved):
    client = client_for(admin_user)
    url = f"/admin/metrics/reading/{approved.pk}/change/"
    response = client.post(url, _form(approved))
    assert response.status_code == 403
    reading = Reading.objects.get(pk=approved.pk)
    assert (reading.value, reading.published_value, reading.status, reading.version) == (
        Decimal("155"), Decimal("155"), Reading.Status.APPROVED, 1,
    )  # fmt: skip


def test_status_and_approver_cannot_be_set_or_figures_added_through_the_admin(admin_user, approved):
    client = client_for(admin_user)
    page = client.get(f"/admin/metrics/reading/{approved.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="approved_by"' not in page and 'name="value"' not in page
    assert client.post("/admin/metrics/reading/add/", _form(approved)).status_code == 403
    assert client.post(f"/admin/metrics/reading/{approved.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Reading.objects.count() == 1


def test_history_revert_in_the_admin_cannot_rewrite_a_figure(admin_user, approved):
    record = approved.history.first()
    client = client_for(admin_user)
    url = f"/admin/metrics/reading/{approved.pk}/history/{record.history_id}/"
    response = client.post(url, _form(approved))
    assert response.status_code in (403, 302)
    assert Reading.objects.get(pk=approved.pk).value == Decimal("155")
