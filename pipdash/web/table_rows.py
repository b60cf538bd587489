"""Table rows whose cells are made without django-tables2's per-cell search, for records that are not
model instances (issue 20 point 4).

For every cell BoundRow.get_cell finds the column again by name (a walk of the table's columns), builds
two accessors, resolves the record's path twice (once to see whether it ends on a model field with
choices, to show its get_FOO_display) and gathers every argument a render method might take. On the
project page's table of a hundred figures that was several times the cells' own work. `direct_rows(table)`
gives the table rows that make each cell in one step, what get_cell makes of it:

- the value is the column's accessor resolved on the record (Accessor.resolve), None if that fails;
- an empty value (the column's `empty_values`) shows the column's default;
- otherwise the column's render (the table's render_FOO, else the column's) with the arguments it names.

The get_FOO_display step is for a record that is a model instance (its path ends on a field with choices):
such a row, and any column with a link, a link column or a many-to-many column, is made by django-tables2
itself. Downloads (`get_cell_value`) are unchanged. tests/pages/test_project_page_speed.py holds the cells
equal to django-tables2's.
"""

from __future__ import annotations

from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.columns.manytomanycolumn import ManyToManyColumn
from django_tables2.rows import BoundRow, BoundRows
from django_tables2.utils import Accessor

from pipdash.web.table_cells import remembered_signature

# What BoundRow._optional_cell_arguments offers a render method, in its order.
ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


def direct_rows(table):
    """Give `table` rows that make their cells directly (before it is ordered and paged); returns it."""
    table.rows = DirectRows(data=table.rows.data, table=table, pinned_data=table.rows.pinned_data)
    return table


class DirectRows(BoundRows):
    def __iter__(self):
        yield from self.generator_pinned_row(self.pinned_data.get("top"))
        plans = _plans(self.table)  # once a rendering, not once a row
        for record in self.data:
            yield DirectRow(record, table=self.table, plans=plans)
        yield from self.generator_pinned_row(self.pinned_data.get("bottom"))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return DirectRows(data=self.data[key], table=self.table, pinned_data=self.pinned_data)
        return DirectRow(record=self.data[key], table=self.table, plans=_plans(self.table))


def _plans(table) -> list:
    """Each shown column with how its cells are made directly (None: by django-tables2)."""
    return [(column, _plan(column)) for column in table.columns]


def _plan(bound_column):
    """How a column's cells are made directly: (accessor, its parts, render, argument names), or None."""
    column = bound_column.column
    if bound_column.link or isinstance(column, BaseLinkColumn | ManyToManyColumn) or not bound_column.accessor:
        return None
    names, catch_all = remembered_signature(bound_column.render)
    names = ARGUMENTS if catch_all else tuple(names)
    if not set(names) <= set(ARGUMENTS):
        return None  # a render method django-tables2 would not call (it gives None): left to it
    accessor = Accessor(bound_column.accessor)
    return accessor, tuple(accessor.bits), bound_column.render, names


def _resolve(accessor, bits, record):
    """accessor.resolve(record), for paths through objects that cannot be subscripted as it finds them:
    where Accessor.resolve tries `obj[bit]` first, such an object raises TypeError, so the attribute is
    what it reads. Anything subscriptable on the way (a dict, a string, a list, a class) is left to
    Accessor.resolve, as is a lookup that fails (it raises as it would have)."""
    current = record
    for bit in bits:
        if hasattr(type(current), "__getitem__") or isinstance(current, type):
            return accessor.resolve(record)
        try:
            current = getattr(current, bit)
        except (TypeError, AttributeError):
            return accessor.resolve(record)  # raises as it does
        if callable(current):
            if getattr(current, "alters_data", False):
                return accessor.resolve(record)  # raises as it does
            if not getattr(current, "do_not_call_in_templates", False):
                current = current(*accessor.callable_args, **accessor.callable_kwargs)
        if current is None:
            break
    return current


class DirectRow(BoundRow):
    def __init__(self, record, table, plans):
        super().__init__(record, table=table)
        self._direct_plans = plans

    def items(self):
        record = self.record
        if hasattr(record, "_meta"):  # a model instance: its choices are shown by django-tables2's own path
            yield from super().items()
            return
        for bound_column, plan in self._direct_plans:
            cell = self.get_cell(bound_column.name) if plan is None else self._direct_cell(bound_column, plan)
            bound_column.current_value = cell
            bound_column.current_record = record
            yield bound_column, cell

    def _direct_cell(self, bound_column, plan):
        accessor, bits, render, names = plan
        record = self.record
        try:
            value = _resolve(accessor, bits, record)
        except Exception:  # as get_cell: a path that does not resolve is an empty value
            value = None
        if value in bound_column.column.empty_values:
            return bound_column.default
        offered = {
            "value": value, "record": record, "column": bound_column.column, "bound_column": bound_column,
            "bound_row": self, "table": self.table,
        }  # fmt: skip
        return render(**{name: offered[name] for name in names})
