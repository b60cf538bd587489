"""What changed since a date (issue 14), from a scripted history: figures added or revised, RAG
changes, milestones completed or missed, new progress updates and risks, as each viewer may see them."""

import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from metrics.models import Reading
from pipdash.dashboards import changes as c
from pipdash.dashboards.changes import changes_since
from programmes.access import access_for
from tests.factories import (
    BenchmarkFactory,
    MetricFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    ReadingFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db

SINCE = dt.date(2018, 4, 1)
TODAY = dt.date(2018, 10, 1)


@pytest.fixture
def history(council):
    """Before 1 April 2018: a project, a figure of 40 (England 50: red). After: the figure revised to
    60 (green), a new approved figure, a draft, a milestone done and one missed, an update and a risk."""
    with freeze_time("2018-01-10"):
        project = ProjectFactory(workstream__council=council, name="Academy")
        metric = MetricFactory(council=council, project=project, name="Staff trained")
        BenchmarkFactory(metric=metric, value=Decimal("50"), period_end=dt.date(2017, 12, 31))
        revised = ReadingFactory(
            metric=metric, council=council, project=project, value=Decimal("40"), period_end=dt.date(2017, 12, 31)
        )
        MilestoneFactory(project=project, title="Old and done", due_on=dt.date(2018, 1, 1), done_on=dt.date(2018, 1, 2))
    with freeze_time("2018-06-01"):
        revised.value = revised.published_value = Decimal("60")
        revised.save()
        ReadingFactory(
            metric=metric, council=council, project=project, value=Decimal("70"), period_end=dt.date(2018, 5, 31)
        )
        ReadingFactory(
            metric=metric, council=council, project=project, value=Decimal("75"), period_end=dt.date(2018, 6, 30),
            status=Reading.Status.DRAFT,
        )  # fmt: skip
        MilestoneFactory(
            project=project, title="Academy opens", due_on=dt.date(2018, 5, 1), done_on=dt.date(2018, 5, 3)
        )
        MilestoneFactory(project=project, title="First cohort qualifies", due_on=dt.date(2018, 9, 1))
        ProgressUpdateFactory(project=project, period_end=dt.date(2018, 6, 30), summary="The academy opened in May.")
        RiskFactory(project=project, description="Trainers leave")
    return project


def _items(user, subject):
    return [(i.what, i.text) for i in changes_since(subject, SINCE, access_for(user), today=TODAY)]


def test_the_since_list_names_each_kind_of_change(scrutiny, council, history):
    items = _items(scrutiny, council)
    assert (c.FIGURE_REVISED, "Staff trained, actual as at 31 December 2017: 40 to 60") in items
    assert (c.FIGURE_ADDED, "Staff trained, actual as at 31 May 2018: 70 (improving)") in items
    assert (c.RAG_CHANGED, "Staff trained: Red to Green") in items
    assert (c.MILESTONE_DONE, "Academy opens") in items
    assert (c.MILESTONE_MISSED, "First cohort qualifies (due 1 September 2018)") in items
    assert (c.UPDATE_ADDED, "The academy opened in May.") in items
    assert (c.RISK_ADDED, "Trainers leave") in items
    assert not any("Old and done" in text for _, text in items)  # done before the date


def test_readers_outside_the_council_see_no_draft_and_no_risk(other_manager, council, history):
    items = _items(other_manager, council)
    assert not any("75" in text for _, text in items)
    assert not any(what == c.RISK_ADDED for what, _ in items)
    assert (c.FIGURE_ADDED, "Staff trained, actual as at 31 May 2018: 70 (improving)") in items


def test_the_councils_own_manager_sees_the_draft_figure_too(manager, council, history):
    assert (c.FIGURE_ADDED, "Staff trained, actual as at 30 June 2018: 75 (improving)") in _items(manager, council)


def test_a_projects_list_is_that_projects_only(scrutiny, council, history):
    other = ProjectFactory(workstream__council=council, name="Other")
    ProgressUpdateFactory(project=other, period_end=dt.date(2018, 7, 1), summary="Elsewhere.")
    assert not any(text == "Elsewhere." for _, text in _items(scrutiny, history))
    assert any(text == "Elsewhere." for _, text in _items(scrutiny, council))


def test_the_list_costs_a_fixed_number_of_queries(scrutiny, council, history, django_assert_max_num_queries):
    for n in range(10):
        with freeze_time("2018-06-02"):
            ReadingFactory(
                metric=history.metrics.get(), council=council, project=history, value=Decimal(80 + n),
                period_end=dt.date(2018, 7, 1) + dt.timedelta(days=n),
            )  # fmt: skip
    with django_assert_max_num_queries(16):
        changes_since(council, SINCE, access_for(scrutiny), today=TODAY)


@pytest.fixture
def later_history(council, history):
    """After the as-at date (1 October 2018): the figure revised again, a new figure, the missed milestone
    done, a new update and a new risk. None of it was known on 1 October 2018."""
    metric = history.metrics.get()
    with freeze_time("2019-03-01"):
        revised = Reading.objects.get(metric=metric, period_end=dt.date(2017, 12, 31))
        revised.value = revised.published_value = Decimal("65")
        revised.save()
        ReadingFactory(
            metric=metric, council=council, project=history, value=Decimal("90"), period_end=dt.date(2019, 2, 28)
        )
        milestone = history.milestones.get(title="First cohort qualifies")
        milestone.done_on = milestone.published_done_on = dt.date(2019, 2, 1)
        milestone.save()
        ProgressUpdateFactory(project=history, period_end=dt.date(2019, 2, 28), summary="The second cohort began.")
        RiskFactory(project=history, description="Funding ends")
    return history


def test_as_at_a_date_the_list_ends_on_that_date_and_reads_the_history_of_then(scrutiny, council, later_history):
    items = [(i.what, i.text) for i in changes_since(council, SINCE, access_for(scrutiny), as_at=TODAY)]
    assert (c.FIGURE_REVISED, "Staff trained, actual as at 31 December 2017: 40 to 60") in items
    assert (c.FIGURE_ADDED, "Staff trained, actual as at 31 May 2018: 70 (improving)") in items
    assert (c.MILESTONE_MISSED, "First cohort qualifies (due 1 September 2018)") in items
    texts = " ".join(text for _, text in items)
    for later in ("65", "90", "28 February 2019", "The second cohort began.", "Funding ends"):
        assert later not in texts
    # Read today, the same window shows what was learnt since: the later revision and the milestone done.
    today = [(i.what, i.text) for i in changes_since(council, SINCE, access_for(scrutiny))]
    assert (c.FIGURE_REVISED, "Staff trained, actual as at 31 December 2017: 40 to 65") in today
