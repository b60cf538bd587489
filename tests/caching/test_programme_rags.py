"""A programme overview judges each project from the few readings its RAG needs (issue 20): figures of a
common measure filed against a project still count, and a common measure with none is not searched for them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pipdash.dashboards.programme_selectors import programme_overview_rows
from programmes.access import access_for
from tests.factories import (
    MetricFactory,
    ParticipationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReadingFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2019, 1, 1)


@pytest.fixture
def setting(council):
    programme = ProgrammeFactory()
    ParticipationFactory(council=council, programme=programme)
    project = ProjectFactory(workstream=WorkstreamFactory(council=council, programme=programme))
    common = MetricFactory(council=None, project=None, name="Agency social workers")
    return programme, project, common


def _overview(programme, adviser):
    (row,) = programme_overview_rows(programme=programme, access=access_for(adviser), today=TODAY)
    return row


def test_a_common_measure_filed_against_a_project_counts_in_its_rag(adviser, council, setting):
    programme, project, common = setting
    for kind, value in (("target", "100"), ("actual", "20")):  # a higher-is-better measure far below target
        ReadingFactory(metric=common, council=council, project=project, kind=kind, value=Decimal(value),
                       period_end=dt.date(2018, 12, 31))  # fmt: skip
    row = _overview(programme, adviser)
    assert (row["red"], row["green"], row["no_rag"]) == (1, 0, 0)


def test_common_figures_filed_against_no_project_leave_the_project_unrated(adviser, council, setting):
    programme, _, common = setting
    for kind, value in (("target", "100"), ("actual", "20")):
        ReadingFactory(metric=common, council=council, project=None, kind=kind, value=Decimal(value),
                       period_end=dt.date(2018, 12, 31))  # fmt: skip
    with CaptureQueriesContext(connection) as captured:
        row = _overview(programme, adviser)
    assert (row["red"], row["no_rag"]) == (0, 1)
    # No measure has a figure filed against a project, so no query looks for such figures' picks.
    assert not [q for q in captured.captured_queries if "DISTINCT" in q["sql"]]
