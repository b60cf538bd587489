"""Lincolnshire's Signs of Safety project page as it stood on 20 July 2018 agrees with the committee paper of
that date and with the council page as at the same date, even after its figures changed (issue 14)."""

from decimal import Decimal

import pytest

from metrics.models import Reading
from programmes.models import Council, Role
from tests.conftest import client_for
from tests.demo.conftest import papers  # noqa: F401 (the papers, loaded once for the module)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ENHANCED = "People who attended 5-day Enhanced Signs of Safety training"
PROJECT = "/councils/E10000019/projects/signs-of-safety/"


@pytest.fixture
def reader(papers):  # noqa: F811
    user = UserFactory(username="lincs-project-reader")
    MembershipFactory(user=user, council=Council.objects.get(gss_code="E10000019"), role=Role.SCRUTINY)
    return user


def _measures(summaries) -> dict:
    return {
        s.metric.name: (s.latest.display_value if s.latest else None, s.rag.word if s.rag else None) for s in summaries
    }


def _project_page(user, query):
    response = client_for(user).get(f"{PROJECT}?{query}")
    assert response.status_code == 200
    return response


def test_the_project_page_as_at_the_paper_agrees_with_the_council_page_as_at_the_paper(reader):
    project_page = _project_page(reader, "as_at=2018-07-20").context["page"]
    council_page = client_for(reader).get("/councils/E10000019/?as_at=2018-07-20").context["page"]
    (block,) = [p for w in council_page.workstreams for p in w.projects if p.project.slug == "signs-of-safety"]
    assert _measures(project_page.metrics) == _measures(block.metrics)
    assert _measures(project_page.metrics)[ENHANCED][0] == "155"  # the paper's figure
    assert project_page.is_active  # sustained only from 2020


def test_a_figure_revised_after_the_paper_still_shows_as_it_stood(reader):
    reading = Reading.objects.get(metric__name=ENHANCED, kind="actual")
    reading.value = reading.published_value = Decimal("160")
    reading.save()
    assert _measures(_project_page(reader, "as_at=2018-07-20").context["page"].metrics)[ENHANCED][0] == "155"
    assert _measures(_project_page(reader, "").context["page"].metrics)[ENHANCED][0] == "160"
