"""Cheaper table cells (issue 20): each render method's signature read once, each column's td class worked
out once a table; what every cell and row shows is unchanged."""

import django_tables2 as tables
from django.template import engines
from django.test import RequestFactory
from django_tables2 import utils

from pipdash.web import table_cells
from pipdash.web.tables import NUMERIC, GovukTable


class _Table(GovukTable):
    name = tables.Column("Name")
    value = tables.Column("Value", attrs=NUMERIC)
    source = tables.Column("Source", orderable=False)

    def render_value(self, value, record):
        return f"{value} ({record['name']})"


def _rows(*sources):
    return [{"name": f"row {i}", "value": i, "source": s} for i, s in enumerate(sources)]


def test_the_remembered_signature_is_installed_and_answers_as_django_tables2_does():
    assert utils.signature is table_cells.remembered_signature
    table = _Table(_rows("A"), caption="T", export_key="t")

    def plain(value, **kwargs):
        return value

    for fn in (table.render_value, _Table.render_value, plain, lambda record: record):
        assert table_cells.remembered_signature(fn) == table_cells._original_signature(fn)
        assert table_cells.remembered_signature(fn) == table_cells._original_signature(fn)  # from memory
    # A bound method leaves out `self`; the same function unbound keeps it: never mixed up.
    assert table_cells.remembered_signature(table.render_value)[0] == ("value", "record")
    assert table_cells.remembered_signature(_Table.render_value)[0] == ("self", "value", "record")


def test_each_cell_keeps_its_column_class_and_note_numbers():
    table = _Table(_rows("Paper A", "Paper B", "Paper A", "Paper B"), caption="T", export_key="t")
    html = _render(table)
    assert html.count('<td class="govuk-table__cell govuk-table__cell--numeric">') == 4
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2 (row 2)</td>' in html
    assert html.count('<td class="govuk-table__cell">Note 1</td>') == 2
    assert html.count('<td class="govuk-table__cell">Note 2</td>') == 2


def test_a_single_source_column_is_dropped_from_every_row():
    table = _Table(_rows("Paper A", "Paper A"), caption="T", export_key="t")
    html = _render(table)
    assert "<td" in html and "Paper A</td>" not in html
    assert html.count("<td") == 4  # two rows of name and value
    assert '<p class="app-source">Source: Paper A</p>' in html


def _render(table):
    template = engines["django"].from_string("{% load django_tables2 %}{% render_table table %}")
    return template.render({"table": table}, RequestFactory().get("/"))
