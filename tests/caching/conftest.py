"""A council with one project and its key measure, for the cached pages' tests."""

import pytest

from tests.factories import MetricFactory, ParticipationFactory, ProjectFactory, WorkstreamFactory


@pytest.fixture
def project(council):
    ParticipationFactory(council=council)
    return ProjectFactory(workstream=WorkstreamFactory(council=council), name="Signs of Safety")


@pytest.fixture
def metric(project):
    return MetricFactory(name="Staff trained", council=project.council, project=project, is_key=True)
