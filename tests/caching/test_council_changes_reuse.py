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
    return Known(projects=[b.project for b in blocks], summaries=measures)


@pytest.mark.parametrize("viewer", ["scrutiny", "other_manager", "manager"])
def test_reusing_the_pages_rows_gives_the_same_changes_in_fewer_queries(viewer, request, council, history):  # noqa: F811
    access = access_for(request.getfixturevalue(viewer))
    with CaptureQueriesContext(connection) as asked:
        alone = changes_since(council, SINCE, access, today=TODAY)
    known = _known(council, access)
    with CaptureQueriesContext(connection) as reused:
        given = changes_since(council, SINCE, access, today=TODAY, known=known)
    assert [(i.what, i.on, i.text, i.project) for i in given] == [(i.what, i.on, i.text, i.project) for i in alone]
    assert {i.what for i in given} >= {c.FIGURE_ADDED, c.MILESTONE_DONE, c.UPDATE_ADDED}
    assert len(reused.captured_queries) <= 5 < len(asked.captured_queries)
