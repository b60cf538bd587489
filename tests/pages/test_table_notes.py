"""Less clutter (issue 14, point 7): a table's shared source is said once under it, with numbered notes
when rows share some sources; an empty table is one sentence; a section heading is not repeated by its
table's caption. Downloads still carry every row's own source."""

import csv
import io
import re

import django_tables2 as tables

from pipdash.templatetags.table_notes import source_notes
from pipdash.web.tables import GovukTable
from tests.conftest import client_for
from tests.factories import RiskFactory
from tests.pages.test_council_headings import _Headings

PAPER = "Lincolnshire PiP update, Scrutiny Committee, 20 July 2018"
DRAFT = "Draft return, Scrutiny Committee, 20 July 2018"
FIGURES = 'aria-label="Every figure and its source"'


def _table(html, label):
    """A table's region, the notes under it and its download links: up to the next table or the section's end."""
    start = html.index(label)
    ends = [html.find(mark, start) for mark in ('<div class="app-table-wrapper">', "</section>")]
    return html[start : min(end for end in ends if end != -1)]


def _headers(html):
    """The column headers' words, "Source" among them if the table keeps its source column."""
    head = html[html.index("<thead") : html.index("</thead>")]
    return re.findall(r">\s*([A-Z][^<]*?)\s*<", head)


def test_a_source_every_row_shares_is_said_once_under_the_table_not_on_each_row(scrutiny, lincs_data):
    project = lincs_data[1][0]
    figures = _table(client_for(scrutiny).get(project.get_absolute_url()).content.decode(), FIGURES)
    assert figures.count("<tbody") == 1 and figures.count('<tr class="govuk-table__row">') == 6  # 5 rows + head
    assert figures.count(PAPER) == 1
    assert f'<p class="app-source">Source: {PAPER}</p>' in figures
    assert "Measure" in _headers(figures) and "Source" not in _headers(figures) and "Note 1" not in figures


def test_sources_repeated_across_rows_become_numbered_notes_under_the_table(manager, lincs_data):
    project = lincs_data[1][0]  # the manager also sees the draft figure, from its own document
    figures = _table(client_for(manager).get(project.get_absolute_url()).content.decode(), FIGURES)
    assert "Source" in _headers(figures)
    cells = figures[figures.index("<tbody") : figures.index("</tbody>")]
    assert cells.count(">Note 1</td>") == 5 and cells.count(">Note 2</td>") == 1
    assert PAPER not in cells and DRAFT not in cells
    notes = figures[figures.index("<ol") : figures.index("</ol>")]
    assert notes.index(PAPER) < notes.index(DRAFT)  # numbered in the order the rows first cite them
    assert notes.count("<li>") == 2 and figures.count(PAPER) == 1


def test_the_download_still_gives_each_row_its_own_source(manager, lincs_data):
    project = lincs_data[1][0]
    response = client_for(manager).get(f"{project.get_absolute_url()}?_export=csv&_table=readings")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 6
    assert sorted(row["Source"] for row in rows) == [DRAFT] + [PAPER] * 5


def test_an_empty_risk_log_is_one_sentence_not_an_empty_table(adviser, lincs_data):
    project = lincs_data[1][0]
    project.risks.all().delete()
    html = client_for(adviser).get(project.get_absolute_url()).content.decode()
    risks = html[html.index('id="risks"') :]
    assert "No risks recorded." in risks
    assert 'aria-label="Risks"' not in html and "Likelihood" not in risks


def test_a_risk_log_with_risks_is_still_a_table(adviser, lincs_data):
    project = lincs_data[1][0]
    RiskFactory(project=project, description="Trainers leave before the cohort ends")
    html = client_for(adviser).get(project.get_absolute_url()).content.decode()
    assert 'aria-label="Risks"' in html and "Trainers leave before the cohort ends" in html
    assert "No risks recorded." not in html


def test_each_project_section_heading_is_said_once_not_again_by_its_tables_caption(adviser, lincs_data):
    parser = _Headings()
    parser.feed(client_for(adviser).get(lincs_data[1][0].get_absolute_url()).content.decode())
    texts = [text for _, text in parser.found]
    for heading in ["Measures", "Milestones", "Risks", "Status history"]:
        assert texts.count(heading) <= 1, f"{heading!r} shows {texts.count(heading)} times: {texts}"
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False)), texts


def test_the_council_pages_project_card_does_not_repeat_its_project_name_in_a_caption(scrutiny, lincs_data):
    project = lincs_data[1][0]
    parser = _Headings()
    parser.feed(client_for(scrutiny).get(project.council.get_absolute_url()).content.decode())
    assert ("caption", f"Measures: {project}") not in parser.found
    assert ("h3", str(project)) in parser.found


class _Rows(GovukTable):
    name = tables.Column()
    source = tables.Column()


def _notes(*sources):
    table = _Rows([{"name": f"Row {n}", "source": s} for n, s in enumerate(sources)], caption="Rows", export_key="r")
    notes = source_notes(table)
    return notes, [[note or str(cell) for column, cell, note in row if column.name == "source"] for row in notes.rows]


def test_notes_rule_one_source_for_all_rows_drops_the_column():
    notes, cells = _notes("Paper A", "Paper A", "Paper A")
    assert (notes.single, notes.hidden, notes.notes) == ("Paper A", "source", [])


def test_notes_rule_shared_sources_are_numbered_by_first_use_and_a_missing_source_stays_in_its_row():
    notes, cells = _notes("Paper B", "Paper A", "No figure yet", "Paper B")
    assert notes.single is None and notes.hidden == ""
    assert notes.notes == ["Paper B", "Paper A"]
    assert cells == [[1], [2], ["No figure yet"], [1]]


def test_notes_rule_sources_all_different_stay_in_their_rows():
    notes, cells = _notes("Paper A", "Paper B")
    assert (notes.single, notes.notes) == (None, [])
    assert cells == [["Paper A"], ["Paper B"]]
