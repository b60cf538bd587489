import datetime as dt

import pytest

from metrics.models import ReportingFrequency, ReportingRule
from tests.factories import MetricFactory, ProjectFactory, WorkstreamFactory


@pytest.fixture
def project(council):
    return ProjectFactory(workstream=WorkstreamFactory(council=council), slug="signs-of-safety")


@pytest.fixture
def monthly_rule(project):
    """The programme's rule: returns 15 working days after each period ends, locked 10 days after that."""
    return ReportingRule.objects.create(
        programme=project.workstream.programme, starts_on=dt.date(2026, 10, 1), due_working_days=15, lock_after_days=10
    )


@pytest.fixture
def scheduled_metrics(council, project, monthly_rule):
    """Three monthly measures of the council's project."""
    return [
        MetricFactory(
            name=f"Measure {n}", council=council, project=project, reporting_frequency=ReportingFrequency.MONTHLY
        )
        for n in (1, 2, 3)
    ]
