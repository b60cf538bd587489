"""Lincolnshire with a project, a measure and figures in every state, Leeds with an approved one, and
API clients signed in by personal token."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from metrics.models import Reading
from metrics.units import MeasureKind, Unit
from pipdash.api.models import ApiToken
from pipdash.api.tokens import token_create
from tests.factories import (
    BenchmarkFactory,
    MetricFactory,
    OfstedJudgementFactory,
    ParticipationFactory,
    ProjectFactory,
    ReadingFactory,
)

_names = itertools.count(1)


def token_client(user, scope=ApiToken.Scope.WRITE, name=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, secret = token_create(user=user, name=name or f"script {next(_names)}", scope=scope, days=30)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        client.token = token
        client.secret = secret
    return client


@pytest.fixture
def project(council):
    return ProjectFactory(workstream__council=council, name="Social work academy", slug="academy")


@pytest.fixture
def measure(db):
    return MetricFactory(name="Turnover rate", slug="turnover-rate", unit=Unit.PERCENT, kind=MeasureKind.RATE)


@pytest.fixture
def approved(council, measure):
    return ReadingFactory(metric=measure, council=council, value=Decimal("15.5"), period_end=dt.date(2024, 9, 30))


@pytest.fixture
def draft(council, measure, manager):
    return ReadingFactory(
        metric=measure, council=council, value=Decimal("12"), period_end=dt.date(2025, 9, 30),
        status=Reading.Status.DRAFT, entered_by=manager,
    )  # fmt: skip


@pytest.fixture
def leeds_approved(other_council, measure):
    return ReadingFactory(metric=measure, council=other_council, value=Decimal("20"), period_end=dt.date(2024, 9, 30))


@pytest.fixture
def world(council, other_council, project, measure, approved, draft, leeds_approved):
    """Something in every endpoint."""
    council.successors.add(other_council)
    BenchmarkFactory(metric=measure, value=Decimal("16"), period_end=dt.date(2024, 9, 30))
    OfstedJudgementFactory(council=council)
    ParticipationFactory(council=council, programme=project.workstream.programme)
    return {"council": council, "project": project, "measure": measure}
