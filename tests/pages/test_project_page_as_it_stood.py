"""The project page as it stood on a date (issue 14, point 4): ?as_at= shows the project as a reader would
have seen it then, from the history tables: the figures published by then, its status, its milestones
done by then and each RAG judged at that date, with a banner saying so and a link back to today."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from metrics.models import Reading
from projects.models import Project, ProjectStatusChange
from tests.conftest import client_for
from tests.factories import (
    BenchmarkFactory,
    MetricFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    ReadingFactory,
    RiskFactory,
    SourceDocumentFactory,
)

pytestmark = pytest.mark.django_db

AS_AT = "2018-07-20"
QUERY_BOUND = 30  # as the page today (test_project_detail.py): as at a date it reads history instead
CACHED_BOUND = 6  # served from the cache: the viewer, the project and the page's dates only


@pytest.fixture
def project(council):
    """By 20 July 2018: a figure of 40 (England 50: red), a draft of 75, two milestones undone. Later, in
    2019: the 40 revised to 60, the draft approved, a milestone done in September 2018, a closing report,
    a new risk, and the project closed."""
    with freeze_time("2018-01-10"):
        project = ProjectFactory(workstream__council=council, name="Academy")
        metric = MetricFactory(council=council, project=project, name="Staff trained")
        BenchmarkFactory(metric=metric, value=Decimal("50"), period_end=dt.date(2017, 12, 31))
        revised = ReadingFactory(
            metric=metric, council=council, project=project, value=Decimal("40"), period_end=dt.date(2017, 12, 31)
        )
        ProgressUpdateFactory(project=project, period_end=dt.date(2017, 12, 31))
        opens = MilestoneFactory(project=project, title="Academy opens", due_on=dt.date(2018, 5, 1))
        MilestoneFactory(project=project, title="First cohort qualifies", due_on=dt.date(2018, 9, 1))
    with freeze_time("2018-06-01"):
        draft = ReadingFactory(
            metric=metric, council=council, project=project, value=Decimal("75"), period_end=dt.date(2018, 5, 31),
            status=Reading.Status.DRAFT,
        )  # fmt: skip
    with freeze_time("2019-02-01"):
        revised.value = revised.published_value = Decimal("60")
        revised.save()
        draft.status = Reading.Status.APPROVED
        draft.take_snapshot(timezone.now())
        draft.save()
        opens.done_on = opens.published_done_on = dt.date(2018, 9, 5)
        opens.save()
        ProgressUpdateFactory(project=project, period_end=dt.date(2018, 12, 31), summary="The closing report.")
        paper = SourceDocumentFactory(key="closing-paper", title="Closing paper", published_on=dt.date(2019, 1, 31))
        RiskFactory(project=project, description="Trainers leave", source_document=paper)
        closed_on = dt.date(2019, 1, 31)
        ProjectStatusChange.objects.create(project=project, status=Project.Status.CLOSED, changed_on=closed_on)
        Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED, status_changed_on=closed_on)
    return project


def _get(user, project, query="", client=None):
    response = (client or client_for(user)).get(f"{project.get_absolute_url()}?{query}")
    assert response.status_code == 200
    return response


def _measure(response):
    (summary,) = response.context["page"].metrics
    return summary


def test_the_page_as_at_a_date_shows_the_figure_milestones_and_status_as_they_stood(scrutiny, project):
    response = _get(scrutiny, project, f"as_at={AS_AT}")
    html = response.content.decode()
    assert "This page shows Academy as a reader would have seen it on 20 July 2018" in html
    assert f'href="{project.get_absolute_url()}">See the page as it is today</a>' in html
    measure = _measure(response)
    assert measure.latest.display_value == "40"  # revised to 60 only in 2019
    assert measure.rag.word == "Red"  # 40 against England's 50, judged then
    page = response.context["page"]
    assert page.is_active and page.project.status == Project.Status.ACTIVE
    assert "Closed 31 January 2019" not in html and "Active since" not in html
    assert "tables" in response.context and "status_history" not in response.context["tables"]
    states = {row.record.title: row.get_cell_value("state") for row in response.context["tables"]["milestones"].rows}
    assert states == {"Academy opens": "Overdue", "First cohort qualifies": "Due"}  # done only in September
    assert "<strong>Missed:</strong> Academy opens, due 1 May 2018" in html
    assert [u.summary for u in page.updates] == ["Good progress."]  # not the closing report of 2019
    assert page.risks == []  # "Trainers leave" came with a 2019 paper
    assert "The closing report." not in html and "Trainers leave" not in html  # nor in "Changes since"
    assert 'name="as_at" type="date" value="2018-07-20"' in html


def test_today_the_same_page_shows_the_later_state(scrutiny, project):
    response = _get(scrutiny, project)
    html = response.content.decode()
    assert "as a reader would have seen it" not in html
    assert _measure(response).latest.display_value == "75"  # the draft, approved in 2019
    assert "Closed 31 January 2019" in html and "The closing report." in html and "Trainers leave" in html
    assert 'name="as_at" type="date" value=""' in html


def test_a_reader_outside_the_council_sees_only_what_was_published_then(other_manager, project):
    as_then = _measure(_get(other_manager, project, f"as_at={AS_AT}"))
    assert [f.display_value for f in as_then.actuals] == ["40"]  # the 75 was a draft on 20 July 2018
    assert not any(not f.is_approved for f in as_then.figures)
    assert "Trainers leave" not in _get(other_manager, project).content.decode()  # never: not their risk log


def test_the_councils_own_manager_also_sees_what_was_in_draft_then(manager, project):
    response = _get(manager, project, f"as_at={AS_AT}")
    assert [f.display_value for f in _measure(response).actuals] == ["40", "75"]
    assert "This page includes figures that are not yet approved" in response.content.decode()


def test_a_bad_date_is_said_at_the_field_and_the_page_is_todays(scrutiny, project):
    response = _get(scrutiny, project, "as_at=2018-13-40")
    html = response.content.decode()
    assert response.context["dates"].as_at is None
    assert 'id="as_at-error"' in html and "Enter a real date" in html
    assert "Closed 31 January 2019" in html


def test_the_as_at_page_is_cached_apart_from_todays(scrutiny, project, django_assert_max_num_queries):
    client = client_for(scrutiny)
    with django_assert_max_num_queries(QUERY_BOUND):
        first = _get(scrutiny, project, f"as_at={AS_AT}", client)
    assert _measure(first).latest.display_value == "40"
    with django_assert_max_num_queries(CACHED_BOUND):
        again = _get(scrutiny, project, f"as_at={AS_AT}", client).content.decode()
    assert "as a reader would have seen it on 20 July 2018" in again
    assert "as a reader would have seen it" not in _get(scrutiny, project).content.decode()


@pytest.mark.parametrize("scale", [1, 10])
def test_queries_are_bounded_whatever_the_length_of_the_history(
    scale, manager, council, project, django_assert_max_num_queries
):
    metric = project.metrics.get()
    for n in range(10 * scale):
        with freeze_time(dt.datetime(2018, 6, 2) + dt.timedelta(hours=n)):
            reading = ReadingFactory(
                metric=metric, council=council, project=project, value=Decimal(80 + n),
                period_end=dt.date(2018, 6, 1) + dt.timedelta(days=n),
            )  # fmt: skip
        with freeze_time("2019-03-01"):
            reading.value = reading.published_value = Decimal(200 + n)
            reading.save()
    client = client_for(manager)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = _get(manager, project, f"as_at={AS_AT}", client)
    actuals = _measure(response).actuals
    assert len(actuals) == 2 + 10 * scale
    assert actuals[-1].display_value == f"{80 + 10 * scale - 1:,}"  # as it stood, not the 2019 revision


def test_the_council_page_as_at_the_date_does_not_date_the_status_by_a_later_change(scrutiny, council, project):
    html = client_for(scrutiny).get(f"{council.get_absolute_url()}?as_at={AS_AT}").content.decode()
    assert "Academy" in html
    assert "Active since 31 January 2019" not in html and "Closed 31 January 2019" not in html
