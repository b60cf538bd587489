"""The project page's tables: pipdash/dashboards/tables.py's, their rows made cell by cell in one step.

A project's figures table shows a hundred figures a page and its measures table a row a measure; their
records are figures and measures' summaries, not model instances, so each cell can be made directly
(pipdash/web/table_rows.py) rather than through django-tables2's per-cell search, with the same cells.
"""

from __future__ import annotations

from pipdash.dashboards import tables
from pipdash.web.table_rows import direct_rows


def project_page_tables(page) -> dict:
    """tables.project_page_tables(page), every table's rows made directly (a model's row falls back by itself)."""
    return {name: direct_rows(table) for name, table in tables.project_page_tables(page).items()}
