"""The project page's figures table written by its own template (issue 20 point 4), whose rows are made in one
step rather than by a loop over every cell, is the page's table template's HTML: the same cells, escaped the same,
with the same headers, source notes, pages and downloads. Only whitespace between tags may differ."""

import datetime as dt
import re

import pytest
from django.template import engines

from metrics.models import Reading
from pipdash.dashboards.project_selectors import project_page_get
from pipdash.dashboards.project_tables import project_page_tables
from pipdash.web.exports import configure_tables
from programmes.access import access_for
from tests.pages.test_project_page_speed import VIEWERS, project  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

FIGURES_TABLE = "projects/includes/figures_table.html"


def _rendered(table, request, template_name=None) -> str:
    template = (
        "{% load django_tables2 %}{% render_table table " + (f'"{template_name}"' if template_name else "") + " %}"
    )
    html = engines["django"].from_string(template).render({"table": table, "request": request})
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _tables(page, request) -> dict:
    tables = project_page_tables(page)
    configure_tables(request, *tables.values())
    return tables


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("query", ["", "readings-sort=-value", "readings-sort=status"])
def test_the_figures_table_is_the_table_templates_html(viewer, query, request, council, project, rf):  # noqa: F811
    # A note a reader sees as written, however it reads as HTML.
    Reading.objects.filter(project=project, status=Reading.Status.APPROVED).update(
        note='Fell: <b>staff</b> & "agency"', published_note='Fell: <b>staff</b> & "agency"'
    )
    access = access_for(request.getfixturevalue(viewer))
    page = project_page_get(project=project, access=access, today=dt.date(2019, 6, 1))
    http = rf.get(f"/councils/{council.gss_code}/projects/{project.slug}/?{query}")
    for name in _tables(page, http):
        shown = _rendered(_tables(page, http)[name], http, FIGURES_TABLE)
        assert shown == _rendered(_tables(page, http)[name], http), name
    if page.figures:
        assert "Fell: &lt;b&gt;staff&lt;/b&gt; &amp; &quot;agency&quot;" in _rendered(
            _tables(page, http)["readings"], http, FIGURES_TABLE
        )
