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
