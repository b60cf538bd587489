"""Every table's rows written by one tag (table_notes.table_body, issue 20 point 4) rather than a template loop
over every cell are the loop's HTML: the same cells, escaped the same, with the same headers, source notes,
pages and downloads. Only whitespace between tags may differ. The project page's five tables are the test."""

import datetime as dt
import re

import pytest
from django.template import engines
from django.template.loader import get_template

from metrics.models import Reading
from pipdash.dashboards.project_selectors import project_page_get
from pipdash.dashboards.project_tables import project_page_tables
from pipdash.web.exports import configure_tables
from programmes.access import access_for
from projects.models import ProjectStatusChange
from tests.factories import MilestoneFactory, RiskFactory
from tests.pages.test_project_page_speed import VIEWERS, project  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# The table template as it was written before table_body: a loop over every row and cell.
CELL_LOOP = """{% for cells in notes.cells %}
      <tr class="govuk-table__row">
        {% for td_class, cell in cells %}
        <td class="govuk-table__cell{{ td_class }}">{{ cell }}</td>
        {% endfor %}
      </tr>
      {% endfor %}"""


def _looped_template():
    source = get_template("tables/govuk_table.html").template.source
    assert "{% table_body notes %}" in source
    return engines["django"].from_string(source.replace("{% table_body notes %}", CELL_LOOP))
TRICKY = 'Fell: <b>staff</b> & "agency"\'s'


def _rendered(table, request, looped=False) -> str:
    if looped:
        html = _looped_template().render({"table": table, "request": request})
    else:
        template = engines["django"].from_string("{% load django_tables2 %}{% render_table table %}")
        html = template.render({"table": table, "request": request})
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _tables(page, request) -> dict:
    tables = project_page_tables(page)
    configure_tables(request, *tables.values())
    return tables


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("query", ["", "readings-sort=-value", "readings-sort=status"])
def test_the_project_pages_tables_are_the_table_templates_html(viewer, query, request, council, project, rf):  # noqa: F811
    # Words a reader sees as written, however they read as HTML, in every table that has rows.
    ProjectStatusChange.objects.create(project=project, status="active", changed_on=dt.date(2018, 1, 2), note=TRICKY)
    MilestoneFactory(project=project, title=TRICKY, due_on=dt.date(2019, 1, 1))
    MilestoneFactory(project=project, due_on=dt.date(2018, 1, 1), done_on=dt.date(2018, 2, 1))
    RiskFactory(project=project, description=TRICKY, likelihood=None)
    Reading.objects.filter(project=project, status=Reading.Status.APPROVED).update(note=TRICKY, published_note=TRICKY)
    access = access_for(request.getfixturevalue(viewer))
    page = project_page_get(project=project, access=access, today=dt.date(2019, 6, 1))
    http = rf.get(f"/councils/{council.gss_code}/projects/{project.slug}/?{query}")
    for name in _tables(page, http):
        shown = _rendered(_tables(page, http)[name], http)
        assert shown == _rendered(_tables(page, http)[name], http, looped=True), name
    tables = _tables(page, http)
    shown = {name: _rendered(tables[name], http) for name in ("readings", "milestones", "status_history")}
    if "risks" in tables:
        shown["risks"] = _rendered(tables["risks"], http)
    for name, html in shown.items():
        assert "Fell: &lt;b&gt;staff&lt;/b&gt; &amp; &quot;agency&quot;&#x27;s" in html, name
