"""Milestones, progress updates and risks through the pages; the project's history page."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from metrics import services as reading_services
from projects.models import Milestone, ProgressUpdate, Risk
from tests.conftest import client_for
from tests.entry.conftest import date_fields, project_url
from tests.factories import MilestoneFactory, ReadingFactory


def test_a_manager_adds_a_milestone(manager, project):
    data = {"title": "Academy opens", **date_fields("due_on", dt.date(2018, 9, 1)), **date_fields("done_on", None)}
    response = client_for(manager).post(project_url("milestone-add", project), data)
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    milestone = Milestone.objects.get()
    assert (milestone.title, milestone.due_on, milestone.done_on) == ("Academy opens", dt.date(2018, 9, 1), None)


def test_a_milestone_with_the_same_title_and_date_is_refused_plainly(manager, project, milestone):
    data = {"title": milestone.title, **date_fields("due_on", milestone.due_on)}
    response = client_for(manager).post(project_url("milestone-add", project), data)
    assert response.context["form"].errors["title"] == [
        "This project already has a milestone with that name and due date"
    ]


def test_a_milestone_cannot_be_done_in_the_future(manager, project, milestone):
    data = {
        "title": "x",
        **date_fields("due_on", dt.date(2018, 9, 1)),
        **date_fields("done_on", dt.date(2099, 1, 1)),
        "version": 1,
    }
    response = client_for(manager).post(project_url("milestone-edit", project, pk=milestone.pk), data)
    assert response.context["form"].errors["done_on"] == ["The date it was done cannot be in the future"]


def test_marking_a_milestone_done(manager, project, milestone):
    response = client_for(manager).post(project_url("milestone-done", project, pk=milestone.pk), {"version": "1"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on is not None and milestone.version == 2


def test_two_people_editing_a_milestone_the_second_sees_both(manager, project, milestone):
    url = project_url("milestone-edit", project, pk=milestone.pk)
    base = {**date_fields("due_on", dt.date(2018, 9, 1)), "version": 1}
    client_for(manager).post(url, {**base, "title": "Academy opens to students"})
    response = client_for(manager).post(url, {**base, "title": "Academy opens in September"})
    assert ("Milestone", "Academy opens to students", "Academy opens in September") in response.context["conflict"][
        "rows"
    ]
    milestone.refresh_from_db()
    assert milestone.title == "Academy opens to students"


def test_a_progress_update_for_a_period(manager, project):
    data = {
        **date_fields("period_start", dt.date(2018, 4, 1)),
        **date_fields("period_end", dt.date(2018, 6, 30)),
        "summary": "Recruited the first cohort.",
    }
    client_for(manager).post(project_url("progress-update-add", project), data)
    update = ProgressUpdate.objects.get()
    assert (update.period_start, update.period_end, update.entered_by) == (
        dt.date(2018, 4, 1),
        dt.date(2018, 6, 30),
        manager,
    )


def test_a_risk_is_added_and_changed(manager, project):
    data = {"description": "Staff leave", "likelihood": "3", "impact": "4", "status": "open"}
    client_for(manager).post(project_url("risk-add", project), data)
    risk = Risk.objects.get()
    assert (risk.council, risk.score) == (project.council, 12)
    client_for(manager).post(project_url("risk-edit", project, pk=risk.pk), {**data, "status": "closed", "version": 1})
    risk.refresh_from_db()
    assert risk.status == "closed"


def test_a_risk_score_outside_one_to_five_is_refused(manager, project):
    data = {"description": "Staff leave", "likelihood": "9", "impact": "4", "status": "open"}
    response = client_for(manager).post(project_url("risk-add", project), data)
    assert response.context["form"].errors["likelihood"] == ["Choose how likely the risk is"]


def test_another_projects_milestone_is_404(manager, project):
    elsewhere = MilestoneFactory()
    assert client_for(manager).get(project_url("milestone-edit", project, pk=elsewhere.pk)).status_code == 404


def test_history_tells_the_story_in_plain_language(manager, approver, council, project, metric, milestone):
    reading = ReadingFactory(
        metric=metric,
        council=council,
        project=project,
        value=Decimal("155"),
        status="draft",
        published_value=None,
        entered_by=manager,
    )
    reading_services.reading_update(
        user=manager,
        reading=reading,
        expected_version=1,
        kind="actual",
        value=Decimal("160"),
        period_start=None,
        period_end=reading.period_end,
    )
    reading_services.reading_submit(user=manager, reading=reading)
    reading_services.reading_return(user=approver, reading=reading, reason="Check July")
    client_for(manager).post(project_url("milestone-done", project, pk=milestone.pk))
    response = client_for(manager).get(project_url("project-history", project))
    changes = response.context["changes"]
    sentences = [c.sentence for c in changes]
    assert sentences[0] == "manager marked as done the milestone 'Academy opens'"
    assert "approver returned the actual figure for Staff trained, as at 20 July 2018" in sentences
    edited = next(c for c in changes if c.verb == "edited")
    assert edited.who == "manager"
    assert ("Value", "155", "160") in edited.changes
    entered = next(c for c in changes if c.verb == "added" and "figure" in c.thing)
    assert ("Value", "(blank)", "155") in entered.changes
    returned = next(c for c in changes if c.verb == "returned")
    assert returned.note == "Check July"
    assert ("Status", "Submitted for approval", "Returned") in returned.changes


def test_history_page_queries_do_not_grow_with_changes(
    manager, council, project, metric, django_assert_max_num_queries
):
    for day in range(1, 15):
        reading = reading_services.reading_create(
            user=manager,
            council=council,
            metric=metric,
            project=project,
            kind="actual",
            value=Decimal(100 + day),
            period_start=None,
            period_end=dt.date(2018, 1, day),
        )
        reading_services.reading_submit(user=manager, reading=reading)
    client = client_for(manager)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("project-history", args=[council.gss_code, project.slug]))
    assert len(response.context["changes"]) == 28 + 2  # and the project and metric being added
