"""Entering, changing, submitting, approving and returning figures through the pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Metric, Reading
from tests.conftest import client_for
from tests.entry.conftest import date_fields, project_url, reading_url
from tests.factories import MetricFactory, ReadingFactory


def figure(metric, value="155", kind="actual", end=dt.date(2018, 7, 20), start=None, **extra):
    return {
        "metric": metric.pk,
        "kind": kind,
        "value": value,
        **date_fields("period_start", start),
        **date_fields("period_end", end),
        "source_note": "Scrutiny report",
        "explanation": "",
        **extra,
    }


def test_a_manager_enters_a_figure_which_is_saved_as_a_draft(manager, project, metric):
    response = client_for(manager).post(project_url("reading-add", project), figure(metric, value="1,120"))
    reading = Reading.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reading_url("reading-detail", reading)
    assert (reading.value, reading.status, reading.entered_by) == (Decimal("1120"), "draft", manager)
    assert reading.period_end == dt.date(2018, 7, 20) and reading.project == project


def test_money_is_entered_in_pounds(manager, council, project):
    money = MetricFactory(name="Spend", unit="gbp", kind="money", council=council, project=project)
    client_for(manager).post(project_url("reading-add", project), figure(money, value="£1,207,908.50"))
    assert Reading.objects.get().value == Decimal("1207908.50")


@pytest.mark.parametrize(
    ("unit", "value", "field", "message"),
    [
        ("percent", "120", "value", "A percentage must be between 0 and 100"),
        ("count", "-1", "value", "A count cannot be negative"),
        ("count", "2.5", "value", "A count must be a whole number, like 155"),
        ("gbp", "10.123", "value", "An amount of money can have at most two decimal places (pence), like 1207908.50"),
        ("count", "lots", "value", "Enter the value as a number, like 155 or 7.3"),
        ("count", "", "value", "Enter the value"),
    ],
)
def test_a_bad_value_shows_the_message_beside_the_field_and_in_the_summary(
    manager, council, project, unit, value, field, message
):
    metric = MetricFactory(unit=unit, kind="money" if unit == "gbp" else "rate", council=council, project=project)
    response = client_for(manager).post(project_url("reading-add", project), figure(metric, value=value))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    assert (f"id_{field}", message) in form.error_links
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"period_end_day": "31", "period_end_month": "2", "period_end_year": "2018"},
            "The date the figure is for must be a real date, like 31 3 2018",
        ),
        (
            {"period_end_day": "", "period_end_month": "3", "period_end_year": "2018"},
            "The date the figure is for must include a day",
        ),
        ({"period_end_day": "", "period_end_month": "", "period_end_year": ""}, "Enter the date the figure is for"),
        (
            {"period_end_day": "1", "period_end_month": "1", "period_end_year": "18"},
            "The date the figure is for must be a real date, like 31 3 2018",
        ),
    ],
)
def test_a_bad_date_links_to_the_day_box(manager, project, metric, dates, message):
    data = {**figure(metric), **dates}
    response = client_for(manager).post(project_url("reading-add", project), data)
    assert ("id_period_end_day", message) in response.context["form"].error_links


def test_a_period_ending_before_it_starts_is_refused(manager, project, metric):
    data = figure(metric, start=dt.date(2018, 7, 1), end=dt.date(2018, 6, 1))
    response = client_for(manager).post(project_url("reading-add", project), data)
    assert response.context["form"].errors["period_end"] == [
        "The end of the period must be the same as or after its start"
    ]


def test_a_duplicate_is_refused_with_a_link_to_the_existing_figure(manager, project, metric, draft):
    response = client_for(manager).post(project_url("reading-add", project), figure(metric, value="160"))
    assert response.status_code == 200
    assert response.context["duplicate"] == draft
    assert reading_url("reading-detail", draft) in response.content.decode()
    assert Reading.objects.count() == 1


def test_an_unusual_figure_needs_an_explanation_which_is_then_shown_beside_it(manager, project, metric, draft):
    data = figure(metric, value="150", end=dt.date(2018, 9, 30))
    response = client_for(manager).post(project_url("reading-add", project), data)
    assert response.context["warnings"] == [
        "This is a running total, but it is lower than the previous figure (155 at 20 July 2018)"
    ]
    assert "explanation" in response.context["form"].errors
    assert Reading.objects.count() == 1
    data["explanation"] = "Five staff left before finishing"
    response = client_for(manager).post(project_url("reading-add", project), data)
    reading = Reading.objects.get(period_end=dt.date(2018, 9, 30))
    assert reading.explanation == "Five staff left before finishing"
    page = client_for(manager).get(reading_url("reading-detail", reading)).content.decode()
    assert "Five staff left before finishing" in page


def test_a_metric_of_another_council_cannot_be_chosen(manager, project, other_council):
    theirs = MetricFactory(council=other_council)
    response = client_for(manager).post(project_url("reading-add", project), figure(theirs))
    assert "metric" in response.context["form"].errors
    assert not Reading.objects.exists()


def test_the_approval_round_through_the_pages(manager, approver, scrutiny, project, draft):
    client_for(manager).post(reading_url("reading-submit", draft), {"version": draft.version})
    draft.refresh_from_db()
    assert draft.status == "submitted"
    page = client_for(approver).get(reverse("readings-awaiting-approval", args=["E10000019"]))
    assert page.context["groups"][0][1] == [draft]
    response = client_for(approver).post(reading_url("reading-approve", draft), {"version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.published_value) == ("approved", Decimal("155"))


def test_a_returned_figure_shows_the_reason_to_the_manager(manager, approver, submitted):
    response = client_for(approver).post(
        reading_url("reading-return", submitted), {"reason": "Check the July total", "version": submitted.version}
    )
    assert response.status_code == 302
    page = client_for(manager).get(reading_url("reading-detail", submitted)).content.decode()
    assert "Check the July total" in page
    listing = client_for(manager).get(reverse("readings-awaiting-approval", args=["E10000019"]))
    assert "Returned: Check the July total" in listing.content.decode()


def test_returning_without_a_reason_is_refused(approver, submitted):
    response = client_for(approver).post(reading_url("reading-return", submitted), {"reason": " ", "version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_an_approver_sees_no_approve_button_on_their_own_entry(manager, council, project, metric):
    from programmes.models import Role
    from tests.factories import MembershipFactory

    MembershipFactory(user=manager, council=council, role=Role.APPROVER)
    reading = ReadingFactory(metric=metric, council=council, project=project, status="submitted", entered_by=manager)
    response = client_for(manager).get(reading_url("reading-detail", reading))
    assert not response.context["can_review"] and response.context["reviews_own"]
    assert client_for(manager).post(reading_url("reading-approve", reading)).status_code == 403


def test_editing_an_approved_figure_keeps_the_approved_value_for_readers(manager, council, project, metric):
    reading = ReadingFactory(metric=metric, council=council, project=project, value=Decimal("155"))
    data = figure(metric, value="160", version=reading.version)
    response = client_for(manager).post(reading_url("reading-edit", reading), data)
    assert response.status_code == 302
    reading.refresh_from_db()
    assert (reading.value, reading.published_value, reading.status) == (Decimal("160"), Decimal("155"), "draft")


def test_the_second_of_two_edits_sees_both_values_and_may_keep_theirs_or_save_its_own(manager, draft, metric):
    first = figure(metric, value="156", version=1)
    second = figure(metric, value="157", version=1)
    client_for(manager).post(reading_url("reading-edit", draft), first)
    response = client_for(manager).post(reading_url("reading-edit", draft), second)
    assert response.status_code == 200
    rows = response.context["conflict"]["rows"]
    assert ("Value", "156", "157") in rows
    assert "Someone else changed this" in response.content.decode()
    draft.refresh_from_db()
    assert draft.value == Decimal("156")
    # The re-shown form carries the saved version, so saving again is a deliberate overwrite.
    assert response.context["form"]["version"].value() == "2"
    client_for(manager).post(reading_url("reading-edit", draft), {**second, "version": 2})
    draft.refresh_from_db()
    assert draft.value == Decimal("157")


def test_a_manager_adds_a_metric_and_is_taken_to_enter_its_figures(manager, project):
    data = {"name": "Staff trained", "unit": "count", "direction": "higher", "kind": "cumulative"}
    response = client_for(manager).post(project_url("metric-add", project), data)
    metric = Metric.objects.get()
    assert response["Location"] == project_url("reading-add", project) + f"?metric={metric.pk}"
    assert metric.project == project and metric.council == project.council


def test_money_metrics_must_be_in_pounds(manager, project):
    data = {"name": "Spend", "unit": "count", "direction": "neither", "kind": "money"}
    response = client_for(manager).post(project_url("metric-add", project), data)
    assert response.context["form"].errors["unit"] == ["Money is measured in pounds: choose 'Pounds (£)'"]


def test_awaiting_approval_page_has_a_fixed_number_of_queries(
    approver, council, project, metric, django_assert_max_num_queries
):
    for day in range(1, 20):
        ReadingFactory(
            metric=metric, council=council, project=project, status="submitted", period_end=dt.date(2018, 1, day)
        )
    client = client_for(approver)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("readings-awaiting-approval", args=["E10000019"]))
    assert len(response.context["groups"][0][1]) == 19


def test_the_project_figures_page_lists_every_state_with_a_fixed_number_of_queries(
    manager, council, project, metric, django_assert_max_num_queries
):
    for day in range(1, 12):
        ReadingFactory(
            metric=metric,
            council=council,
            project=project,
            status="draft" if day % 2 else "approved",
            period_end=dt.date(2018, 1, day),
        )
    client = client_for(manager)
    with django_assert_max_num_queries(8):
        response = client.get(project_url("project-readings", project))
    assert len(response.context["readings"]) == 11
