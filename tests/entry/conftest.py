"""A Lincolnshire project with a staff-trained metric, and URL helpers, for the data-entry tests."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Reading
from metrics.units import MeasureKind, Unit
from tests.factories import (
    MetricFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    ReadingFactory,
    RiskFactory,
)


@pytest.fixture
def project(council):
    return ProjectFactory(workstream__council=council, name="Social work academy", slug="academy")


@pytest.fixture
def metric(council, project):
    return MetricFactory(
        name="Staff trained", unit=Unit.COUNT, kind=MeasureKind.CUMULATIVE, council=council, project=project
    )


@pytest.fixture
def draft(council, project, metric, manager):
    return ReadingFactory(
        metric=metric,
        council=council,
        project=project,
        value=Decimal("155"),
        period_end=dt.date(2018, 7, 20),
        status=Reading.Status.DRAFT,
        entered_by=manager,
    )


@pytest.fixture
def submitted(draft, manager):
    Reading.objects.filter(pk=draft.pk).update(status=Reading.Status.SUBMITTED, submitted_by=manager)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def milestone(project):
    return MilestoneFactory(project=project, title="Academy opens", due_on=dt.date(2018, 9, 1))


@pytest.fixture
def update(project):
    return ProgressUpdateFactory(project=project)


@pytest.fixture
def risk(project):
    return RiskFactory(project=project)


def project_url(name, project, **kwargs):
    return reverse(name, kwargs={"gss_code": project.council.gss_code, "slug": project.slug, **kwargs})


def reading_url(name, reading):
    return reverse(name, kwargs={"gss_code": reading.council.gss_code, "pk": reading.pk})


def date_fields(name, day: dt.date | None):
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}
