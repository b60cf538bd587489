"""The programme page's summary (issue 14, point 1): across the councils' active projects, how many
projects and measures are Green, Amber, Red, stale or unrated; the off-track measures with their
sentence, the council's explanation and action; milestones missed and due in three months; then the
contents, progress before background. As each viewer may see it, in a fixed number of queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from metrics.models import Reading
from metrics.units import Direction
from projects.models import Project
from tests.conftest import client_for
from tests.factories import (
    BenchmarkFactory,
    CouncilFactory,
    MetricFactory,
    MilestoneFactory,
    ReadingFactory,
    RiskFactory,
)
from tests.pages.conftest import build_programme_data
from tests.pages.test_programme_detail import QUERY_BOUND

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_first_of_october_2018():
    with freeze_time("2018-10-01"):
        yield


def url(programme):
    return reverse("programme-detail", kwargs={"slug": programme.slug})


def _summary_text(client, programme) -> str:
    """The summary section as read aloud: tags stripped, spaces collapsed."""
    html = client.get(url(programme)).content.decode()
    section = html[html.index('id="summary"') : html.index('id="contents-title"')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


@pytest.fixture
def programme(lincs_data):
    """Lincolnshire's two projects, each with one measure amber (60 of 220 by December 2017), a
    milestone missed (September 2018) and, for the first, one due in November; the first measure's
    newest figure explained, with an action."""
    programme, (first, second) = lincs_data
    MilestoneFactory(project=first, title="Second cohort starts", due_on=dt.date(2018, 11, 15))
    newest = Reading.objects.filter(project=first, kind=Reading.Kind.ACTUAL, status=Reading.Status.APPROVED)
    Reading.objects.filter(pk=newest.latest("period_end").pk).update(
        explanation="Recruitment paused over the summer",
        published_explanation="Recruitment paused over the summer",
        recovery_action="Agency trainers from October",
        published_recovery_action="Agency trainers from October",
        action_owner="Head of service",
        published_action_owner="Head of service",
    )
    return programme


def _names(project):
    """A project's name and its measure's and first milestone's (factory sequences, so never hard-coded)."""
    return project.name, project.metrics.get().name, project.milestones.order_by("due_on").first().title


def test_the_summary_counts_the_active_projects_and_measures_and_says_what_is_off_track(
    scrutiny, programme, lincs_data
):
    (first, first_measure, first_milestone), (second, second_measure, _) = map(_names, lincs_data[1])
    text = _summary_text(client_for(scrutiny), programme)
    assert "Active projects 2: 2 amber" in text
    assert "Measures 2: 2 amber" in text
    assert "Milestones 2 missed; 1 due by 1 January 2019" in text
    assert "2 measures amber or red, red first." in text
    assert f"Amber {first_measure} (Lincolnshire: {first}): 60 of 220 (27%) as at 29 December 2017" in text
    assert "Explanation: Recruitment paused over the summer" in text
    assert "Action: Agency trainers from October (owner: Head of service)" in text
    assert f"Amber {second_measure} (Lincolnshire: {second})" in text and "No action recorded." in text
    assert f"Missed: {first_milestone}, due 1 September 2018 (Lincolnshire: {first})" in text
    assert f"Due 15 November 2018: Second cohort starts (Lincolnshire: {first})" in text


def test_the_councils_own_manager_sees_its_drafts_in_the_summary_and_nobody_else_does(
    manager, scrutiny, other_manager, programme
):
    # The draft 155 of July 2018 puts project 0 ahead of its line for Lincolnshire's manager only.
    assert "Measures 2: 1 green, 1 amber" in _summary_text(client_for(manager), programme)
    assert "Measures 2: 2 amber" in _summary_text(client_for(scrutiny), programme)
    assert "Measures 2: 2 amber" in _summary_text(client_for(other_manager), programme)
    assert "Measures 2: 1 green, 1 amber" in _summary_text(client_for(manager), programme)


def test_a_closed_project_is_history_and_is_not_counted(scrutiny, programme, lincs_data):
    closed = lincs_data[1][1]
    closed.status, closed.status_changed_on = Project.Status.CLOSED, dt.date(2018, 8, 31)
    closed.save()
    text = _summary_text(client_for(scrutiny), programme)
    assert "Active projects 1: 1 amber" in text and "Measures 1: 1 amber" in text
    assert closed.name not in text
    assert "Milestones 1 missed; 1 due by 1 January 2019" in text


def test_a_new_figure_shows_in_the_summary_at_once(scrutiny, programme, lincs_data, council):
    client = client_for(scrutiny)
    assert "Measures 2: 2 amber" in _summary_text(client, programme)
    first = lincs_data[1][0]
    ReadingFactory(
        metric=first.metrics.get(), council=council, project=first, value=Decimal("200"),
        period_end=dt.date(2018, 9, 30),
    )  # fmt: skip
    text = _summary_text(client, programme)
    assert "Measures 2: 1 green, 1 amber" in text and "1 measure amber or red" in text


def test_the_summary_and_contents_come_first_and_progress_before_background(adviser, programme, council):
    RiskFactory(project=None, programme=programme, council=council, description="The grant ends in 2020")
    html = client_for(adviser).get(url(programme)).content.decode()
    order = ['id="summary"', 'id="contents-title"', 'id="progress"', 'id="risks"', 'id="background"']
    assert [html.index(mark) for mark in order] == sorted(html.index(mark) for mark in order)
    contents = html[html.index('id="contents-title"') : html.index('id="progress"')]
    assert 'href="#summary"' in contents and 'href="#background"' in contents
    progress = html[html.index('id="progress"') : html.index('id="background"')]
    assert "Funding" not in progress and "Partnerships" not in progress
    background = html[html.index('id="background"') :]
    assert "£1,207,908" in background and "Supports Leeds" in background


@pytest.mark.parametrize("scale", [1, 10])
def test_the_summary_costs_a_fixed_number_of_queries_whatever_the_number_of_councils(
    scale, scrutiny, django_assert_max_num_queries
):
    programme = None
    for _ in range(scale):
        programme, _ = build_programme_data(CouncilFactory(), workstreams=1, projects=2, metrics=1, readings=3)
    client = client_for(scrutiny)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url(programme))
    summary = response.context["summary"]
    assert summary.project_total == 2 * scale and summary.measure_total == 2 * scale
    assert len(summary.missed) == 2 * scale
    # Ten of a long list are shown, the rest behind "more", so the page stays short.
    assert ("10 more milestones" in response.content.decode()) is (scale == 10)


def test_after_one_councils_write_only_its_part_of_the_summary_is_rebuilt(scrutiny, django_assert_max_num_queries):
    councils = [CouncilFactory(), CouncilFactory()]
    programme = None
    for council in councils:
        programme, _ = build_programme_data(council, workstreams=1, projects=1, metrics=1, readings=3)
    client = client_for(scrutiny)
    client.get(url(programme))
    written, untouched = councils
    project = written.projects.get()
    paper = Reading.objects.filter(project=project).first().source_document  # a new paper would change every page
    ReadingFactory(
        metric=project.metrics.get(), council=written, project=project, value=Decimal("200"),
        period_end=dt.date(2018, 9, 30), source_document=paper,
    )  # fmt: skip
    with CaptureQueriesContext(connection) as rebuilt:
        summary = client.get(url(programme)).context["summary"]
    assert summary.measure_words == "1 green, 1 amber"
    projects_read = [q["sql"] for q in rebuilt.captured_queries if 'FROM "projects_project"' in q["sql"]]
    assert projects_read  # the row and the summary part of the council written to are rebuilt
    for sql in projects_read:  # the other council's row and part came from the cache
        assert re.search(r'"council_id" IN \(([^)]*)\)', sql).group(1).replace(" ", "") == str(written.pk)


def test_a_common_measure_filed_against_a_project_is_counted_with_it(scrutiny, programme, lincs_data, council):
    first = lincs_data[1][0]
    common = MetricFactory(name="Social worker turnover", council=None, project=None, direction=Direction.LOWER)
    BenchmarkFactory(metric=common, value=Decimal("10"), period_end=dt.date(2018, 3, 31))
    ReadingFactory(metric=common, council=council, project=first, value=Decimal("30"), period_end=dt.date(2018, 6, 30))
    elsewhere = CouncilFactory()  # another council's figure of the same measure is not this programme's
    ReadingFactory(metric=common, council=elsewhere, value=Decimal("1"), period_end=dt.date(2018, 6, 30))
    text = _summary_text(client_for(scrutiny), programme)
    assert "Measures 3: 2 amber, 1 red" in text
    assert f"Red Social worker turnover (Lincolnshire: {first.name}): " in text
    assert text.index("Red Social worker turnover") < text.index(f"Amber {first.metrics.get().name}")  # red first
