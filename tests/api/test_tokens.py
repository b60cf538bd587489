"""Personal tokens: made on the user's own page, shown once, stored hashed; refused once revoked or
expired; their last use recorded; requests throttled per token."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from rest_framework.test import APIClient

from pipdash.api.models import ApiToken, token_hash
from tests.api.conftest import token_client
from tests.conftest import client_for


def test_a_user_creates_a_token_on_their_page_and_sees_it_once(scrutiny):
    page = client_for(scrutiny)
    response = page.post(reverse("api-tokens"), {"name": "Power BI refresh", "scope": "read", "days": "90"})
    assert response.status_code == 200
    secret = response.context["created"][1]
    assert secret.startswith("pd_") and secret in response.content.decode()
    token = ApiToken.objects.get(user=scrutiny)
    assert (token.name, token.scope, token.key_hash) == ("Power BI refresh", "read", token_hash(secret))
    assert secret not in {token.prefix, token.key_hash} and token.prefix in secret
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(minutes=1)
    again = page.get(reverse("api-tokens")).content.decode()
    assert "Power BI refresh" in again and secret not in again


def test_a_token_needs_a_name_of_its_own(scrutiny):
    page = client_for(scrutiny)
    blank = page.post(reverse("api-tokens"), {"name": " ", "scope": "read", "days": "30"})
    assert "Enter a name" in blank.content.decode()
    page.post(reverse("api-tokens"), {"name": "R", "scope": "read", "days": "30"})
    twice = page.post(reverse("api-tokens"), {"name": "r", "scope": "read", "days": "30"})
    assert "already have a token with that name" in twice.content.decode()


def test_the_tokens_page_needs_sign_in(db):
    response = client_for(None).get(reverse("api-tokens"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_revoked_token_is_refused(world, scrutiny):
    client = token_client(scrutiny)
    assert client.get(reverse("api:council-list")).status_code == 200
    client_for(scrutiny).post(reverse("api-token-revoke", args=[client.token.pk]))
    refused = client.get(reverse("api:council-list"))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]


def test_nobody_revokes_another_users_token(world, scrutiny, manager):
    client = token_client(scrutiny)
    client_for(manager).post(reverse("api-token-revoke", args=[client.token.pk]))
    assert client.get(reverse("api:council-list")).status_code == 200


def test_an_expired_token_is_refused(world, scrutiny):
    client = token_client(scrutiny)
    with freeze_time(timezone.now() + dt.timedelta(days=31)):
        refused = client.get(reverse("api:council-list"))
    assert refused.status_code == 401 and "expired" in refused.json()["detail"]


def test_an_unknown_token_is_refused(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer pd_not-a-real-token")
    assert client.get(reverse("api:council-list")).status_code == 401


def test_a_tokens_last_use_is_recorded(world, scrutiny):
    client = token_client(scrutiny)
    assert ApiToken.objects.get(pk=client.token.pk).last_used_at is None
    client.get(reverse("api:council-list"))
    assert ApiToken.objects.get(pk=client.token.pk).last_used_at is not None


def test_requests_are_throttled_per_token(world, scrutiny, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    busy, other = token_client(scrutiny), token_client(scrutiny)
    answers = [busy.get(reverse("api:council-list")).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert "Retry-After" in busy.get(reverse("api:council-list"))
    assert other.get(reverse("api:council-list")).status_code == 200


@pytest.mark.parametrize("page_size", [5, 500])
def test_a_page_of_readings_costs_the_same_queries_whatever_its_size(
    world, council, measure, manager, django_assert_max_num_queries, page_size
):
    from tests.factories import ReadingFactory

    for n in range(30):
        ReadingFactory(metric=measure, council=council, period_end=dt.date(2000 + n // 12, n % 12 + 1, 1))
    client = token_client(manager)
    # Token lookup and last use, memberships, readings, their measures, their councils' codes.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("api:reading-list") + f"?page_size={page_size}")
    assert len(response.json()["results"]) == min(page_size, 33)


@pytest.mark.parametrize("endpoint", ["api:council-list", "api:project-list", "api:ofsted-judgement-list",
                                      "api:benchmark-list", "api:participation-list", "api:measure-list"])
def test_every_list_page_costs_a_fixed_number_of_queries(world, scrutiny, django_assert_max_num_queries, endpoint):
    client = token_client(scrutiny)
    client.get(reverse(endpoint))  # the token's last use is written once
    with django_assert_max_num_queries(5):
        assert client.get(reverse(endpoint) + "?page_size=1000").status_code == 200
