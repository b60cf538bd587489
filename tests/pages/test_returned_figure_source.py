"""A figure an approver returned, however long the reason, keeps the whole reason for the manager and
still cites who entered it: returning and resubmitting do not change where its value came from."""

from decimal import Decimal

from django.urls import reverse

from metrics import history_reasons
from metrics.models import Reading
from metrics.services import reading_approve, reading_submit
from tests.conftest import client_for
from tests.pages.test_figure_sources import (  # noqa: F401 (fixtures)
    enter,
    entered_by,
    figure_sources_on_project_page,
    named_manager,
    project,
)

LONG_REASON = "The paper gives 80 for the year to March, but the training log says 78. " * 6


def test_a_long_return_reason_is_kept_whole_and_the_figure_still_cites_who_entered_it(
    named_manager,  # noqa: F811
    approver,
    scrutiny,
    council,
    project,  # noqa: F811
):
    reading = enter(named_manager, project)
    reading_submit(user=named_manager, reading=reading)
    returned = client_for(approver).post(
        reverse("reading-return", kwargs={"gss_code": council.gss_code, "pk": reading.pk}),
        {"reason": LONG_REASON, "version": Reading.objects.get(pk=reading.pk).version},
    )
    assert returned.status_code == 302
    detail = client_for(named_manager).get(
        reverse("reading-detail", kwargs={"gss_code": council.gss_code, "pk": reading.pk})
    )
    assert LONG_REASON.strip() in detail.content.decode()
    assert figure_sources_on_project_page(named_manager, project)[Decimal("80")] == entered_by(named_manager)

    reading.refresh_from_db()
    reading_submit(user=named_manager, reading=reading)
    reading_approve(user=approver, reading=reading)
    assert figure_sources_on_project_page(scrutiny, project)[Decimal("80")] == entered_by(named_manager)
    reasons = list(
        Reading.history.filter(id=reading.pk).order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons[:2] == [history_reasons.ENTERED, history_reasons.SUBMITTED]
    assert reasons[2].startswith("Returned: The paper gives 80") and len(reasons[2]) <= history_reasons.MAX_LENGTH
    assert reasons[3:] == [history_reasons.SUBMITTED, history_reasons.APPROVED]
