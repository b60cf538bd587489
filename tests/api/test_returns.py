"""A return posted through the API goes through the browser's services: the same checks with each
error on its field, the same approval before anyone else sees it, the same history, naming the token."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Reading
from tests.api.conftest import token_client
from tests.conftest import client_for

LIST = "api:reading-list"


def _post(client, **body):
    figure = {"council": "E10000019", "measure": "turnover-rate", "value": "14.2", "period_end": "2023-09-30"}
    return client.post(reverse(LIST), {**figure, **body}, format="json")


def test_a_posted_return_is_seen_by_readers_only_once_approved(world, manager, approver, scrutiny):
    script, reader = token_client(manager, name="case system"), token_client(scrutiny)
    created = _post(script)
    assert created.status_code == 201
    figure = created.json()
    assert (figure["state"], figure["value"], created["ETag"]) == ("draft", "14.2000", '"1"')
    assert figure["id"] not in {row["id"] for row in reader.get(reverse(LIST)).json()["results"]}

    submitted = script.post(reverse("api:reading-submit", args=[figure["id"]]), HTTP_IF_MATCH=created["ETag"])
    assert submitted.json()["state"] == "submitted"
    approved = token_client(approver).post(reverse("api:reading-approve", args=[figure["id"]]))
    assert approved.status_code == 200
    seen = reader.get(reverse("api:reading-detail", args=[figure["id"]])).json()
    assert (seen["state"], seen["value"]) == ("approved", "14.2000")

    history = Reading.history.filter(id=figure["id"]).order_by("history_date")
    reasons = [(h.history_change_reason, h.history_api_token, h.history_user.username) for h in history]
    token_id = script.token.pk
    assert reasons[0] == ("Entered", f"API token {token_id} ‘case system’", "manager")
    assert reasons[1] == ("Submitted for approval", f"API token {token_id} ‘case system’", "manager")
    assert reasons[2][0] == "Approved" and reasons[2][2] == "approver"


def test_a_figure_entered_in_the_browser_has_no_token_in_its_history(world, manager, project):
    from metrics import services

    reading = services.reading_create(
        user=manager, council=world["council"], metric=world["measure"], project=None, kind="actual",
        value=Decimal("11"), period_start=None, period_end=dt.date(2022, 9, 30),
    )  # fmt: skip
    assert reading.history.get().history_api_token == ""


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"value": "120"}, "value", "between 0 and 100"),
        ({"value": "not a number"}, "value", "number"),
        ({"period_end": None}, "period_end", "null"),
        ({"measure": "no-such-measure"}, "measure", "does not exist"),
        ({"kind": "guess"}, "kind", "not a valid choice"),
    ],
)
def test_a_bad_figure_is_refused_with_an_error_on_its_field(world, manager, body, field, message):
    response = _post(token_client(manager), **body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and message in " ".join(errors[field]).lower(), errors


def test_an_unusual_figure_asks_for_an_explanation_as_the_form_does(world, manager, council, measure):
    from tests.factories import ReadingFactory

    for day, value in (("2020-09-30", "15"), ("2021-09-30", "16"), ("2022-09-30", "15.5")):
        ReadingFactory(metric=measure, council=council, value=Decimal(value), period_end=day)
    client = token_client(manager)
    refused = _post(client, value="95")
    assert refused.status_code == 400
    assert "explanation" in refused.json()["errors"]
    assert _post(client, value="95", explanation="A new way of counting leavers").status_code == 201


def test_a_second_figure_for_the_same_period_is_a_conflict_naming_the_first(world, manager):
    client = token_client(manager)
    first = _post(client).json()
    again = _post(client, value="13")
    assert again.status_code == 409
    assert again.json()["existing"] == first["id"]


def test_a_change_needs_the_figures_etag_and_refuses_a_stale_one(world, manager, approved, scrutiny):
    client = token_client(manager)
    url = reverse("api:reading-detail", args=[approved.pk])
    etag = client.get(url)["ETag"]
    body = {"value": "16.5", "period_end": "2024-09-30"}
    assert client.put(url, body, format="json").status_code == 428
    changed = client.put(url, body, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    assert changed.json()["state"] == "draft"
    stale = client.put(url, {**body, "value": "17"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert (stale.json()["version"], stale["ETag"]) == (2, '"2"')
    # Readers keep the approved value while the change awaits approval.
    assert token_client(scrutiny).get(url).json()["value"] == "15.5000"


def test_an_approver_returns_a_figure_with_a_reason_and_not_without(world, approver, draft):
    Reading.objects.filter(pk=draft.pk).update(status="submitted")
    client = token_client(approver)
    url = reverse("api:reading-return", args=[draft.pk])
    assert "reason" in client.post(url, {}, format="json").json()["errors"]
    returned = client.post(url, {"reason": "Check the leavers count"}, format="json")
    assert returned.json()["state"] == "returned"
    assert client.post(url, {"reason": "again"}, format="json").status_code == 409


def test_the_projects_history_page_says_which_token_a_figure_came_with(world, manager, project, measure):
    client = token_client(manager, name="Mosaic export")
    response = _post(client, project=project.pk, measure=measure.slug)
    assert response.status_code == 201, response.content
    page = client_for(manager).get(
        reverse("project-history", kwargs={"gss_code": "E10000019", "slug": project.slug})
    )
    assert f"with API token {client.token.pk} ‘Mosaic export’" in page.content.decode()


def test_a_change_keeps_every_field_it_does_not_send(world, manager, council, measure):
    from tests.factories import ReadingFactory

    target = ReadingFactory(
        metric=measure, council=council, kind="target", value=Decimal("10"), period_end=dt.date(2027, 3, 31),
        source_location="Plan, page 4",
    )  # fmt: skip
    client = token_client(manager)
    url = reverse("api:reading-detail", args=[target.pk])
    changed = client.patch(url, {"value": "9.5"}, format="json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200, changed.content
    target.refresh_from_db()
    assert (target.kind, target.value, target.period_end, target.source_location) == (
        "target", Decimal("9.5"), dt.date(2027, 3, 31), "Plan, page 4",
    )  # fmt: skip
