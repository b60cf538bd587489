"""Issue 19 part 1: an edit of an approved figure changes nothing readers see until it is approved."""

import datetime as dt
from decimal import Decimal

import pytest

from metrics import services
from metrics.models import Reading
from metrics.selectors import figures_from, project_rags, visible_readings
from metrics.units import Direction, MeasureKind, Unit
from programmes.access import access_for, forget_access
from tests.conftest import client_for
from tests.factories import MetricFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

APPROVED_ON = dt.date(2018, 7, 20)
DRAFT_ON = dt.date(2030, 1, 1)


@pytest.fixture
def baseline(council, manager, approver):
    project = ProjectFactory(workstream__council=council, name="Academy", slug="academy")
    metric = MetricFactory(
        name="Staff trained", slug="trained", unit=Unit.COUNT, kind=MeasureKind.CUMULATIVE,
        direction=Direction.HIGHER, council=council, project=project,
    )  # fmt: skip
    reading = services.reading_create(
        user=manager, council=council, metric=metric, project=project, kind="baseline", value=Decimal("155"),
        period_start=None, period_end=APPROVED_ON, source_note="Scrutiny report", explanation="As approved",
    )  # fmt: skip
    reading = services.reading_submit(user=manager, reading=reading)
    return services.reading_approve(user=approver, reading=reading)


def _edit_into_a_2030_target(manager, reading):
    return services.reading_update(
        user=manager, reading=reading, expected_version=reading.version, kind="target", value=Decimal("987654"),
        period_start=None, period_end=DRAFT_ON, source_note="A hope", explanation="Edited, not approved",
    )  # fmt: skip


def _as_seen_by(user, council):
    forget_access(user)
    access = access_for(user)
    [figure] = figures_from(visible_readings(access=access, councils=[council]), access=access)
    return figure


def test_a_pending_edit_shows_readers_only_the_approved_snapshot(
    council, other_council, manager, approver, scrutiny, adviser, baseline
):
    other_scrutiny = UserFactory(username="leeds-scrutiny")
    from programmes.models import Role
    from tests.factories import MembershipFactory

    MembershipFactory(user=other_scrutiny, council=other_council, role=Role.SCRUTINY)
    edited = _edit_into_a_2030_target(manager, Reading.objects.get(pk=baseline.pk))
    assert edited.status == Reading.Status.DRAFT

    for reader in (other_scrutiny, adviser):
        figure = _as_seen_by(reader, council)
        assert (figure.kind, figure.on, figure.value) == ("baseline", APPROVED_ON, Decimal("155"))
        assert figure.reading.explanation == "As approved" and figure.reading.source_location == "Scrutiny report"
        assert figure.is_approved
        # RAG reads the same snapshot: a baseline in 2018, not a target in 2030.
        forget_access(reader)
        rags_input = Reading.objects.filter(council=council).values_list("published_kind", "published_period_end")
        assert list(rags_input) == [("baseline", APPROVED_ON)]
        project_rags(readings=Reading.objects.filter(council=council), access=access_for(reader), councils=[council])
        response = client_for(reader).get(f"/councils/{council.gss_code}/figures.csv")
        body = b"".join(response.streaming_content).decode()
        # Words and numbers no factory's sequence makes (a project numbered 999 once matched "999").
        assert "2030-01-01" not in body and "Edited, not approved" not in body and "987654" not in body
        assert "155" in body and "aseline" in body

    # The council's own manager still sees the draft they are working on.
    mine = _as_seen_by(manager, council)
    assert (mine.kind, mine.on, mine.value) == ("target", DRAFT_ON, Decimal("987654"))

    submitted = services.reading_submit(user=manager, reading=edited)
    services.reading_approve(user=approver, reading=submitted)
    for reader in (other_scrutiny, adviser):
        figure = _as_seen_by(reader, council)
        assert (figure.kind, figure.on, figure.value) == ("target", DRAFT_ON, Decimal("987654"))
        assert figure.reading.explanation == "Edited, not approved"
        # Once approved the download says the edit, as it would have said it early had it leaked.
        response = client_for(reader).get(f"/councils/{council.gss_code}/figures.csv")
        body = b"".join(response.streaming_content).decode()
        assert "2030-01-01" in body and "987654" in body
