"""Locks beyond the browser form (issue 16 point 4): an import with a row in a locked period is refused
whole, each locked row named; a rule change that would lock figures still awaiting approval is refused,
naming them, in the admin and the service alike."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.imports.services import ImportRefused, import_batch_confirm, import_batch_create, import_batch_preview
from metrics.models import Reading, ReportingRule
from metrics.schedule_locks import lock_exception_grant, reporting_rule_save
from tests.conftest import client_for
from tests.factories import ReadingFactory
from tests.imports.conftest import csv_bytes, row

D = dt.date
TODAY = D(2026, 12, 3)


@pytest.fixture(autouse=True)
def december_the_third(settings):
    settings.RETURNS_TODAY = TODAY


def _row(metric, period_end, value="12"):
    return row(project="signs-of-safety", metric=metric.name, value=value, as_at=period_end, source="Board report")


def _import(user, council, rows):
    batch = import_batch_create(user=user, council=council, file_name="returns.csv", content=csv_bytes(rows))
    preview = import_batch_preview(batch=batch, today=TODAY)
    return batch, preview


def test_an_import_with_a_row_in_a_locked_period_is_refused_whole(council, scheduled_metrics, manager, approver):
    first, second = scheduled_metrics[:2]
    batch, preview = _import(manager, council, [_row(first, "30/11/2026"), _row(second, "31/10/2026")])
    assert not preview.ok
    assert [(e.row, e.column, e.message) for e in preview.errors] == [
        (3, "as_at", "this period locked on 30 November 2026: ask an approver of Lincolnshire (approver) "
         "or an administrator for an exception to change its figures"),
    ]  # fmt: skip
    with pytest.raises(ImportRefused):
        import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint, today=TODAY)
    assert not Reading.objects.exists()


def test_an_import_under_an_exception_saves_and_checks_locks_in_two_queries(
    council, scheduled_metrics, manager, approver, django_assert_max_num_queries
):
    lock_exception_grant(
        user=approver, grantee=manager, council=council, reason="Board papers late", ends_on=D(2026, 12, 31)
    )
    rows = [_row(metric, "31/10/2026") for metric in scheduled_metrics]
    batch, preview = _import(manager, council, rows)
    assert preview.ok, preview.errors
    # Three rows or thirty, the locks cost the same two queries (rules, exceptions) of the check.
    with CaptureQueriesContext(connection) as three:
        import_batch_preview(batch=batch, today=TODAY)
    many = import_batch_create(
        user=manager, council=council, file_name="more.csv",
        content=csv_bytes([_row(m, f"{day}/10/2026") for m in scheduled_metrics for day in range(1, 11)]),
    )  # fmt: skip
    with django_assert_max_num_queries(len(three.captured_queries)):
        import_batch_preview(batch=many, today=TODAY)
    import_batch_confirm(batch_id=batch.pk, user=manager, fingerprint=preview.fingerprint, today=TODAY)
    assert Reading.objects.filter(status="draft").count() == 3


def _submitted(council, project, metric, period_end, manager):
    return ReadingFactory(
        metric=metric, council=council, project=project, period_start=period_end.replace(day=1), period_end=period_end,
        status=Reading.Status.SUBMITTED,
        source_document=None, entered_by=manager, submitted_by=manager, value=Decimal("7"),
    )  # fmt: skip


def test_a_rule_change_that_would_lock_a_submitted_figure_is_refused_naming_it(
    council, project, scheduled_metrics, monthly_rule, manager
):
    _submitted(council, project, scheduled_metrics[0], D(2026, 11, 30), manager)
    monthly_rule.lock_after_days = 0
    monthly_rule.due_working_days = 1
    with pytest.raises(ValidationError) as refused:
        reporting_rule_save(monthly_rule)
    assert refused.value.messages == [
        "This change would lock periods whose figures still await approval: Measure 1, 1 November 2026 to 30 "
        "November 2026 (Lincolnshire). Approve or return them first, then change the rule."
    ]
    monthly_rule.refresh_from_db()
    assert monthly_rule.lock_after_days == 10


def test_a_rule_change_that_leaves_submitted_figures_open_or_already_locked_is_saved(
    council, project, scheduled_metrics, monthly_rule, manager
):
    _submitted(council, project, scheduled_metrics[0], D(2026, 10, 31), manager)  # locked already
    _submitted(council, project, scheduled_metrics[1], D(2026, 11, 30), manager)
    monthly_rule.lock_after_days = 20
    assert reporting_rule_save(monthly_rule).lock_after_days == 20


def test_a_councils_new_rule_that_would_lock_a_submitted_figure_is_refused_in_the_admin(
    council, project, scheduled_metrics, monthly_rule, manager, admin_user
):
    _submitted(council, project, scheduled_metrics[0], D(2026, 11, 30), manager)
    response = client_for(admin_user).post(
        "/admin/metrics/reportingrule/add/",
        {"council": council.pk, "starts_on": "2026-10-01", "due_working_days": "1", "lock_after_days": "0"},
    )
    assert response.status_code == 200
    assert "This change would lock periods whose figures still await approval: Measure 1" in response.content.decode()
    assert ReportingRule.objects.count() == 1
