"""The project page's table bodies, each written in one step (templates/projects/includes/table.html; issue 20).

`{% table_body notes %}` writes the rows source_notes worked out (pipdash/templatetags/table_notes.py) as
tables/govuk_table.html's loop writes them: each cell as `{{ cell }}` renders it (render_value_in_context:
localised, escaped unless already safe) in a GOV.UK cell with its column's class. On the figures table the
loop's 700 cells a page (a hundred figures of seven columns) cost the template more than making the cells.
"""

from __future__ import annotations

from django import template
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

ROW = '<tr class="govuk-table__row">\n{}\n</tr>'
CELL = '<td class="govuk-table__cell{}">{}</td>'


@register.simple_tag(takes_context=True)
def table_body(context, notes):
    """Every row of `notes.cells` (pairs of " td class" or "", content) as the table's <tr> elements."""
    rows = []
    for cells in notes.cells:
        tds = [CELL.format(conditional_escape(css), render_value_in_context(cell, context)) for css, cell in cells]
        rows.append(ROW.format("\n".join(tds)))
    # Each class and cell is escaped above, as the template's {{ }} escaped them.
    return mark_safe("\n".join(rows))  # noqa: S308
