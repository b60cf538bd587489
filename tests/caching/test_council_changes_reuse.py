"""The council page's "changes since" reuses what the page fetched (issue 20): the same changes, fewer queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pipdash.dashboards import changes as c
from pipdash.dashboards.changes import Known, changes_since
from pipdash.dashboards.selectors import council_page_get
from programmes.access import access_for
from tests.direction.test_changes_since import SINCE, TODAY, history  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _known(council, access):
    page = council_page_get(council=council, access=access, today=TODAY)
    blocks = [p for w in page.workstreams for p in w.projects]
    measures = page.council_metrics + [s for b in blocks for s in b.metrics]
    return Known(projects=[b.project for b in blocks], summaries=measures, risks=page.risks)


@pytest.mark.parametrize("viewer", ["scrutiny", "other_manager", "manager", "adviser"])
def test_reusing_the_pages_rows_gives_the_same_changes_in_fewer_queries(viewer, request, council, history):  # noqa: F811
    access = access_for(request.getfixturevalue(viewer))
    with CaptureQueriesContext(connection) as asked:
        alone = changes_since(council, SINCE, access, today=TODAY)
    known = _known(council, access)
    with CaptureQueriesContext(connection) as reused:
        given = changes_since(council, SINCE, access, today=TODAY, known=known)
    assert [(i.what, i.on, i.text, i.project) for i in given] == [(i.what, i.on, i.text, i.project) for i in alone]
    assert {i.what for i in given} >= {c.FIGURE_ADDED, c.MILESTONE_DONE, c.UPDATE_ADDED}
    # Today's readings of the measures touched since (the touched ones a subquery) and the two history reads of
    # the page as it stood: the risk log, its new risks included, is the page's own.
    assert len(reused.captured_queries) <= 3 < len(asked.captured_queries)


@pytest.mark.parametrize("viewer", ["scrutiny", "adviser"])
def test_the_new_risks_come_from_the_pages_own_risk_log(viewer, request, council, history):  # noqa: F811
    access = access_for(request.getfixturevalue(viewer))
    known = _known(council, access)
    assert known.risks is not None  # a viewer who may see the log: the page read it whole
    items = changes_since(council, SINCE, access, today=TODAY, known=known)
    assert (c.RISK_ADDED, "Trainers leave") in [(i.what, i.text) for i in items]


def test_a_viewer_who_may_not_see_the_risk_log_is_given_none_to_reuse(other_manager, council, history):  # noqa: F811
    known = _known(council, access_for(other_manager))
    assert known.risks is None
    items = changes_since(council, SINCE, access_for(other_manager), today=TODAY, known=known)
    assert not any(i.what == c.RISK_ADDED for i in items)
