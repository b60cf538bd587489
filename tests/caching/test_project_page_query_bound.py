"""The project page cold (every cache a miss) at ten times the demo reads a fixed number of times, for every
kind of viewer, whatever the number of its measures and figures (issue 20 point 4); warm, fewer still."""

import pytest
from django.conf import settings
from django.test.utils import override_settings

from tests.conftest import client_for
from tests.pages.conftest import build_programme_data

pytestmark = pytest.mark.django_db

# The session, the user and their roles; the project (with its council's last meeting); its leads, status
# changes, milestones and updates; its figures, their measures, source documents and benchmarks; the risk log
# (for who may see it); and "changes since"'s one read of the measures changed in the window. A manager's links
# to change each risk, outside the cached part, read the project's risks once more. (18, 19 for a manager, before.)
COLD_BOUND = 15
WARM_BOUND = 6  # the viewer, the project and the council's data versions: no figure is read
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture
def big_project(council):
    """Ten times the demo's largest project: 20 measures of 40 figures each, with a baseline and a target."""
    _, projects = build_programme_data(council, workstreams=1, projects=1, metrics=20, readings=40)
    return projects[0]


@pytest.mark.parametrize("viewer", ["adviser", "manager", "scrutiny", "other_manager"])
def test_the_project_page_cold_reads_a_fixed_number_of_times(
    viewer, request, big_project, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(viewer))
    url = big_project.get_absolute_url()
    with override_settings(CACHES=dict.fromkeys(settings.CACHES, DUMMY)):
        with django_assert_max_num_queries(COLD_BOUND):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["charts"]) == 20
        assert response.context["tables"]["readings"].paginator.count == 20 * 42
        with django_assert_max_num_queries(COLD_BOUND):
            assert client.get(url, {"readings-page": 3, "readings-sort": "-value"}).status_code == 200


@pytest.mark.parametrize("viewer", ["adviser", "manager"])
def test_the_project_page_warm_reads_no_figure(viewer, request, big_project, django_assert_max_num_queries):
    client = client_for(request.getfixturevalue(viewer))
    url = big_project.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(WARM_BOUND):
        assert client.get(url).status_code == 200
