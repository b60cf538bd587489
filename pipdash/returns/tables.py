import django_tables2 as tables

from pipdash.web.tables import NUMERIC, DateColumn, GovukTable


class LateReturnsTable(GovukTable):
    """A DfE adviser's view: every council's overdue, missed and late returns."""

    council = tables.Column("Council")
    measure = tables.Column("Measure")
    period = tables.Column("Period")
    due_on = DateColumn("Due")
    state = tables.Column("State")
    days = tables.Column("Days past due", attrs=NUMERIC)
