"""Who may call each endpoint, and what each persona is shown: the pages' rules (DOMAIN.md, "Who sees
what"), through the same selector the pages use."""

import pytest
from django.urls import reverse

from pipdash.api.models import ApiToken
from tests.api.conftest import token_client

PERSONAS = ["anonymous", "manager", "approver", "scrutiny", "other-manager", "adviser", "admin-user"]


def _endpoints(world):
    council, measure, project = world["council"], world["measure"], world["project"]
    return {
        "councils": reverse("api:council-list"),
        "council": reverse("api:council-detail", args=[council.gss_code]),
        "rag": reverse("api:council-rag", args=[council.gss_code]),
        "programmes": reverse("api:programme-list"),
        "programme": reverse("api:programme-detail", args=[project.workstream.programme.slug]),
        "participations": reverse("api:participation-list"),
        "projects": reverse("api:project-list"),
        "project": reverse("api:project-detail", args=[project.pk]),
        "measures": reverse("api:measure-list"),
        "measure": reverse("api:measure-detail", args=[measure.slug]),
        "readings": reverse("api:reading-list"),
        "benchmarks": reverse("api:benchmark-list"),
        "ofsted": reverse("api:ofsted-judgement-list"),
        "schema": reverse("api-schema"),
        "open-data": reverse("open-data-latest", args=["measures", measure.slug]),
        "open-data-meta": reverse("open-data-meta", args=["measures", measure.slug]),
    }


ENDPOINTS = [
    "councils", "council", "rag", "programmes", "programme", "participations", "projects", "project", "measures",
    "measure", "readings", "benchmarks", "ofsted", "schema", "open-data", "open-data-meta",
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_every_endpoint_answers_every_signed_in_persona_and_refuses_anyone_else(world, persona, endpoint):
    response = token_client(persona, ApiToken.Scope.READ).get(_endpoints(world)[endpoint])
    if persona is None:
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
    else:
        assert response.status_code == 200, response.content[:300]


def _ids(response):
    return {row["id"]: row for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("persona", "sees_draft"),
    [("manager", True), ("approver", True), ("scrutiny", False), ("other-manager", False), ("adviser", False),
     ("admin-user", False)],
    indirect=["persona"],
)  # fmt: skip
def test_drafts_are_listed_only_for_their_councils_managers_and_approvers(world, draft, approved, persona, sees_draft):
    rows = _ids(token_client(persona).get(reverse("api:reading-list")))
    assert approved.pk in rows
    assert (draft.pk in rows) is sees_draft
    detail = token_client(persona).get(reverse("api:reading-detail", args=[draft.pk]))
    assert detail.status_code == (200 if sees_draft else 404)


def test_a_reader_sees_an_edited_figure_at_its_approved_value_and_the_manager_at_the_new_one(
    world, approved, manager, scrutiny
):
    type(approved).objects.filter(pk=approved.pk).update(value="99", status="draft")
    url = reverse("api:reading-detail", args=[approved.pk])
    seen_by_reader = token_client(scrutiny).get(url).json()
    seen_by_manager = token_client(manager).get(url).json()
    assert (seen_by_reader["value"], seen_by_reader["state"]) == ("15.5000", "approved")
    assert (seen_by_manager["value"], seen_by_manager["state"]) == ("99.0000", "draft")


def test_a_readers_state_filter_never_finds_drafts(world, draft, scrutiny, manager):
    url = reverse("api:reading-list") + "?state=draft"
    assert _ids(token_client(scrutiny).get(url)) == {}
    assert set(_ids(token_client(manager).get(url))) == {draft.pk}


def test_readings_filter_by_council_measure_kind_and_period(world, approved, leeds_approved, scrutiny):
    client = token_client(scrutiny)
    base = reverse("api:reading-list")
    assert set(_ids(client.get(base + "?council=E08000035"))) == {leeds_approved.pk}
    assert set(_ids(client.get(base + "?measure=turnover-rate&kind=actual&period_to=2024-12-31"))) == {
        approved.pk, leeds_approved.pk,
    }  # fmt: skip
    assert _ids(client.get(base + "?kind=target")) == {}
    assert client.get(base + "?period_from=not-a-date").status_code == 400


WRITERS = [("manager", 201), ("approver", 403), ("scrutiny", 403), ("other-manager", 403), ("adviser", 403),
           ("admin-user", 403), ("anonymous", 401)]  # fmt: skip


@pytest.mark.parametrize(("persona", "status"), WRITERS, indirect=["persona"])
def test_only_the_councils_managers_post_figures(world, persona, status):
    body = {"council": "E10000019", "measure": "turnover-rate", "value": "14.2", "period_end": "2023-09-30"}
    response = token_client(persona).post(reverse("api:reading-list"), body, format="json")
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [("manager", 200), ("approver", 403), ("scrutiny", 403), ("other-manager", 403), ("anonymous", 401)],
    indirect=["persona"],
)
def test_only_the_councils_managers_change_a_figure(world, approved, persona, status):
    body = {"value": "16", "period_end": "2024-09-30", "explanation": "Corrected"}
    response = token_client(persona).put(
        reverse("api:reading-detail", args=[approved.pk]), body, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [("approver", 200), ("manager", 403), ("scrutiny", 404), ("other-manager", 404), ("anonymous", 401)],
    indirect=["persona"],
)
def test_only_the_councils_approvers_approve(world, draft, persona, status):
    type(draft).objects.filter(pk=draft.pk).update(status="submitted")
    response = token_client(persona).post(reverse("api:reading-approve", args=[draft.pk]))
    assert response.status_code == status, response.content


def test_a_read_token_may_not_write(world, manager):
    body = {"council": "E10000019", "measure": "turnover-rate", "value": "14.2", "period_end": "2023-09-30"}
    response = token_client(manager, ApiToken.Scope.READ).post(reverse("api:reading-list"), body, format="json")
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
