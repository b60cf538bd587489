"""Official statistics beside a council's own figures (owned by the compare feature)."""

from django import template

register = template.Library()


@register.inclusion_tag("metrics/includes/official_figures.html", takes_context=True)
def official_figures(context, council):
    """The council's official (DfE) figures that sit beside its own, each with source and definition."""
    return {"council": council, "rows": []}
