"""The History page pages through every change, says which it shows, and reads a fixed number of
queries on any page, however long the history."""

import pytest

from pipdash.dashboards import history
from projects.models import Lead
from tests.conftest import client_for
from tests.entry.conftest import project_url
from tests.factories import MilestoneFactory, PersonFactory


@pytest.fixture
def long_history(project, monkeypatch):
    monkeypatch.setattr(history, "PAGE_SIZE", 10)
    for number in range(24):
        MilestoneFactory(project=project, title=f"Step {number:02d}")
    Lead.objects.create(project=project, person=PersonFactory(name="Ann Lead"), role=Lead.Role.PROJECT_MANAGER)
    return 24 + 1 + 1  # the milestones, the lead and the project itself


def _page(client, project, number):
    return client.get(project_url("project-history", project) + f"?page={number}")


def test_every_change_is_on_exactly_one_page(manager, project, long_history):
    client = client_for(manager)
    seen = []
    for number in (1, 2, 3):
        seen += [(c.when, c.thing) for c in _page(client, project, number).context["changes"]]
    assert len(seen) == len(set(seen)) == long_history
    assert seen == sorted(seen, key=lambda pair: pair[0], reverse=True)


def test_the_page_says_which_changes_it_shows(manager, project, long_history):
    response = _page(client_for(manager), project, 2)
    text = response.content.decode()
    assert f"Changes 11 to 20 of {long_history}." in text
    assert "Page 2 of 3" in text and 'rel="prev"' in text and 'rel="next"' in text


def test_a_lead_appointed_is_in_the_history(manager, project, long_history):
    first = _page(client_for(manager), project, 1).context["changes"]
    assert "added Ann Lead as project manager" in " ".join(c.sentence for c in first)


def test_a_page_past_the_end_shows_the_last(manager, project, long_history):
    assert _page(client_for(manager), project, 99).context["page"].number == 3


@pytest.mark.parametrize("number", [1, 3])
def test_any_page_reads_a_fixed_number_of_queries(manager, project, long_history, number,
                                                  django_assert_max_num_queries):
    client = client_for(manager)
    with django_assert_max_num_queries(14):
        _page(client, project, number)
