"""The programme overview's per-council rows are stored (issue 20 point 4): what is stored is exactly what the
live judgement makes, a cold overview with every row current judges nothing, and a stored row is never shown
once out of date (a write since, another day, older code) nor to a viewer who may not see its drafts."""

import datetime as dt
import io
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test.utils import override_settings

from pipdash.dashboards import programme_rows
from pipdash.dashboards.models import ProgrammeCouncilRow
from pipdash.dashboards.programme_selectors import programme_overview_parts
from programmes.access import access_for
from tests.conftest import client_for
from tests.factories import (
    FundingFactory,
    MetricFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReadingFactory,
    WorkstreamFactory,
)

TODAY = dt.date(2019, 1, 10)
DUMMY_CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def programme(council, other_council):
    programme = ProgrammeFactory(name="Partners in Practice", slug="pip")
    for each, actual in ((council, "40"), (other_council, "95")):
        ParticipationFactory(council=each, programme=programme)
        workstream = WorkstreamFactory(council=each, programme=programme)
        project = ProjectFactory(workstream=workstream, name=f"Door {each.pk}")
        metric = MetricFactory(name="Staff trained", council=each, project=project, is_key=True)
        for kind, value in (("target", "100"), ("actual", actual)):
            ReadingFactory(metric=metric, council=each, project=project, kind=kind, value=Decimal(value),
                           period_end=dt.date(2018, 12, 31))  # fmt: skip
        MilestoneFactory(project=project, title=f"Missed {each.pk}", due_on=dt.date(2018, 12, 1))
        MilestoneFactory(project=project, title=f"Due <soon> {each.pk}", due_on=dt.date(2019, 2, 1))
    FundingFactory(council=council, programme=programme, amount=Decimal("1207908.50"))
    PartnershipFactory(supporting=council, supported=other_council)
    return programme


def _parts(programme, user, today=TODAY):
    return programme_rows.programme_parts(programme=programme, access=access_for(user), today=today)


def _live(programme, user, today=TODAY):
    return programme_overview_parts(programme=programme, access=access_for(user), today=today)


class _Remade:
    """Which councils' rows were made from the live data rather than read from the store."""

    def __enter__(self):
        self.councils = []
        real = programme_rows.programme_overview_parts

        def spy(**kwargs):
            self.councils.extend(p.council_id for p in kwargs["participations"])
            return real(**kwargs)

        self._patch = mock.patch.object(programme_rows, "programme_overview_parts", spy)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()


def _without_tokens(page: str) -> str:
    return re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', "", page)


@pytest.mark.parametrize("viewer", ["adviser", "manager", "scrutiny"])
def test_stored_rows_and_parts_are_exactly_what_the_live_judgement_makes(request, viewer, council, programme):
    user = request.getfixturevalue(viewer)
    made = _parts(programme, user)
    with _Remade() as remade:
        stored = _parts(programme, user)
    assert remade.councils == []
    live = _live(programme, user)
    assert stored == made == live
    for (_, stored_part), (_, live_part) in zip(stored, live, strict=True):
        # The written lines too (html is left out of the lines' equality): escaped once, stored as written.
        assert [line.html for line in stored_part.off_track + stored_part.milestones] == [
            line.html for line in live_part.off_track + live_part.milestones
        ]
    funding = {row["council"]: row["funding"] for row, _ in stored}
    assert funding.pop(council) == Decimal("1207908.50")
    assert list(funding.values()) == [None]  # none recorded is "not stated", never £0


def test_a_cold_overview_with_every_row_stored_judges_nothing(adviser, programme, django_assert_max_num_queries):
    client = client_for(adviser)
    url = f"/programmes/{programme.slug}/"
    with override_settings(CACHES=DUMMY_CACHES):
        first = client.get(url).content.decode()
        with _Remade() as remade, django_assert_max_num_queries(STORED_BOUND) as queries:
            again = client.get(url).content.decode()
    assert remade.councils == []
    assert not [q for q in queries.captured_queries if "metrics_reading" in q["sql"]]
    assert _without_tokens(again) == _without_tokens(first)


def test_a_managers_draft_is_in_their_row_at_once_and_never_in_anyone_elses(
    manager, adviser, scrutiny, council, programme
):
    for user in (manager, adviser, scrutiny):
        _parts(programme, user)
    approved = council.readings.get(kind="actual")
    # Citing the same paper: a new source document would be a write of its own, to every council.
    ReadingFactory(metric=approved.metric, council=council, project=approved.project, value=Decimal("120"),
                   period_end=dt.date(2019, 1, 5), status="draft",
                   source_document=approved.source_document)  # fmt: skip
    with _Remade() as remade:
        managers = _parts(programme, manager)
    assert remade.councils == [council.pk]  # their save moved the version of the with-drafts row only
    assert managers == _live(programme, manager)
    for reader in (adviser, scrutiny):
        with _Remade() as remade:
            theirs = _parts(programme, reader)
        assert remade.councils == []  # the published row is still current: a draft changed nothing they see
        assert theirs == _live(programme, reader) != managers
    assert set(ProgrammeCouncilRow.objects.filter(council=council).values_list("with_drafts", flat=True)) == {
        True,
        False,
    }


def test_a_write_to_one_council_remakes_only_its_rows(adviser, council, other_council, programme):
    _parts(programme, adviser)
    reading = other_council.readings.get(kind="actual")
    reading.value = reading.published_value = Decimal("10")
    reading.save()
    with _Remade() as remade:
        parts = _parts(programme, adviser)
    assert remade.councils == [other_council.pk]
    assert parts == _live(programme, adviser)


def test_a_row_judged_yesterday_is_remade_today(adviser, council, other_council, programme):
    _parts(programme, adviser)
    tomorrow = TODAY + dt.timedelta(days=1)
    with _Remade() as remade:
        parts = _parts(programme, adviser, today=tomorrow)
    assert sorted(remade.councils) == sorted([council.pk, other_council.pk])
    assert parts == _live(programme, adviser, today=tomorrow)


def test_rows_made_by_older_code_are_remade(adviser, council, other_council, programme):
    _parts(programme, adviser)
    with mock.patch.object(programme_rows, "RECIPE", programme_rows.RECIPE + 1), _Remade() as remade:
        _parts(programme, adviser)
    assert sorted(remade.councils) == sorted([council.pk, other_council.pk])


def test_a_council_that_joins_later_gets_its_row_made_and_the_others_are_read(adviser, programme):
    _parts(programme, adviser)
    newcomer = ParticipationFactory(programme=programme).council
    with _Remade() as remade:
        parts = _parts(programme, adviser)
    assert remade.councils == [newcomer.pk]
    assert parts == _live(programme, adviser)


def test_the_days_refresh_makes_every_row_so_readers_of_either_kind_judge_nothing(
    adviser, manager, scrutiny, council, programme
):
    approved = council.readings.get(kind="actual")
    ReadingFactory(metric=approved.metric, council=council, project=approved.project, value=Decimal("120"),
                   period_end=dt.date(2019, 1, 5), status="draft",
                   source_document=approved.source_document)  # fmt: skip
    call_command("refresh_programme_rows", "--today", TODAY.isoformat(), stdout=io.StringIO())
    for user in (adviser, manager, scrutiny):
        with _Remade() as remade:
            parts = _parts(programme, user)
        assert remade.councils == []
        assert parts == _live(programme, user)  # the manager's with their draft, the others' without


def test_the_days_refresh_runs_on_the_task_runner_too(adviser, programme):
    call_command("refresh_programme_rows", "--enqueue", stdout=io.StringIO())  # tests run tasks at once
    assert ProgrammeCouncilRow.objects.filter(programme=programme).count() == 4  # 2 councils, 2 variants


def test_rows_that_cannot_be_stored_are_still_shown_and_made_again_next_time(adviser, programme):
    refused = mock.patch.object(ProgrammeCouncilRow.objects, "bulk_create", side_effect=DatabaseError("read-only"))
    with refused:
        parts = _parts(programme, adviser)
    assert parts == _live(programme, adviser)
    assert not ProgrammeCouncilRow.objects.exists()
    with _Remade() as remade:
        _parts(programme, adviser)
    assert len(remade.councils) == 2


# The session and user, the programme, its councils' versions, the participations, the stored rows and the
# programme's risks: none of them grows with the councils or their figures.
STORED_BOUND = 8
