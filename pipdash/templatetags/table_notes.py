"""A table's sources said once under it, not on every row (issue 14, point 7).

`{% source_notes table as notes %}` renders the rows shown once and reads the source column's cells:
one source for every row drops the column for a line under the table; a source repeated across rows
becomes "Note 1" in its cells and a numbered list under the table; all different, the cells stay as
they are. Downloads are untouched: they take each row's own source (pipdash/web/exports.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# The columns, by name, that cite where a row came from (pipdash/web/tables.SourceColumn, the pages' tables).
SOURCE_COLUMNS = {"source", "sources", "source_document"}
# Cells that say a row has no source: kept in their row, not numbered as if they were a document.
NO_SOURCE = {"", "—", "No figure yet", "Not recorded"}


@dataclass
class SourceNotes:
    rows: list = field(default_factory=list)  # each a list of (bound column, rendered cell, note number or None)
    notes: list = field(default_factory=list)  # the numbered notes' contents, in order of first use
    single: object = None  # the one source of every row, when they share it
    hidden: str = ""  # the name of the source column dropped because `single` says it once
    header: str = ""  # the source column's header ("Source", "Sources"), which introduces the notes
    # The rows as the template writes them: each shown cell's extra td class (" govuk-table__cell--numeric"
    # or "") and its content, a note's number in place of its source. Worked out here, once a column, since
    # reading `column.attrs` in the template cost more than the cell itself on long tables (issue 20).
    cells: list = field(default_factory=list)


def _notes(table) -> SourceNotes:
    result = SourceNotes()
    columns = [column for column in table.columns if column.name in SOURCE_COLUMNS]
    rows = [list(row.items()) for row in table.paginated_rows]
    source = columns[0].name if len(columns) == 1 else None
    result.header = str(columns[0].header) if source else ""
    cells = [str(cell) for row in rows for column, cell in row if column.name == source]
    cited = [cell for cell in cells if strip_tags(cell).strip() not in NO_SOURCE]
    distinct = list(dict.fromkeys(cited))
    number = {}
    if source and rows and len(cited) == len(rows) and len(distinct) == 1:
        result.single, result.hidden = _cell(rows, source, distinct[0]), source
    elif source and len(distinct) < len(cited):
        result.notes = [_cell(rows, source, text) for text in distinct]
        number = {text: index for index, text in enumerate(distinct, start=1)}
    result.rows = [
        [(column, cell, number.get(str(cell)) if column.name == source else None) for column, cell in row]
        for row in rows
    ]
    result.cells = _shown_cells(table, result)
    return result


def _shown_cells(table, result: SourceNotes) -> list:
    """Every row's shown cells as (" td class" or "", content): the column a single source dropped left out.
    The td class is the column's, read once after every row is rendered (as the template read it before)."""
    classes = {}
    for column in table.columns:
        if column.name != result.hidden:
            td_class = column.attrs["td"].get("class")
            classes[column.name] = f" {td_class}" if td_class else ""
    return [
        [
            (classes[name], f"Note {note}" if note else cell)
            for column, cell, note in row
            if (name := column.name) in classes
        ]
        for row in result.rows
    ]


def _cell(rows, source, text):
    """The rendered cell itself (kept safe for the template) whose text is `text`."""
    return next(cell for row in rows for column, cell in row if column.name == source and str(cell) == text)


@register.simple_tag
def source_notes(table):
    return _notes(table)


ROW = '<tr class="govuk-table__row">\n{}\n</tr>'
CELL = '<td class="govuk-table__cell{}">{}</td>'


@register.simple_tag(takes_context=True)
def table_body(context, notes):
    """Every row of `notes.cells` as the table's <tr> elements, each cell as `{{ cell }}` renders it
    (render_value_in_context: localised, escaped unless already safe) in a GOV.UK cell with its column's class.
    One tag rather than a template loop over every cell: a council page's tables have some 500 cells and a
    project page's figures table 700, and the loop cost the template more than making the cells (issue 20)."""
    rows = []
    for cells in notes.cells:
        tds = [CELL.format(conditional_escape(css), render_value_in_context(cell, context)) for css, cell in cells]
        rows.append(ROW.format("\n".join(tds)))
    # Each class and cell is escaped above, as the template's {{ }} escaped them.
    return mark_safe("\n".join(rows))  # noqa: S308
