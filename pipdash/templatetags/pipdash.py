"""Template filters for the domain's formats: UK dates, financial years, values with units."""

from django import template

from metrics.units import format_value
from pipdash import dates

register = template.Library()


@register.filter
def uk_date(value):
    """20 July 2018."""
    return dates.uk_date(value)


@register.filter
def financial_year(value):
    return dates.financial_year_of(value).label if value else ""


@register.filter
def with_unit(value, unit):
    return format_value(value, unit)


@register.filter
def money(value):
    return format_value(value, "gbp")


@register.filter
def partial_date(value, precision):
    """A date no more precise than its source gave it: "2016", "Autumn 2017", "July 2018", "20 July 2018"."""
    return dates.partial_date(value, precision or dates.Precision.DAY)


@register.filter
def status_since(project):
    """When the project's current status began, as precisely as its source said ("2017", not
    "1 January 2017"): the precision is on the status change it came from. A page of many projects
    annotates it on them as `status_changed_precision` (None: no such change recorded); otherwise
    the project's status changes are read, so prefetch them."""
    if project.status_changed_on is None:
        return ""
    if "status_changed_precision" in project.__dict__:
        precision = project.status_changed_precision or dates.Precision.DAY
        return dates.partial_date(project.status_changed_on, precision)
    for change in project.status_changes.all():
        if change.changed_on == project.status_changed_on and change.status == project.status:
            return change.changed_label
    return dates.uk_date(project.status_changed_on)
