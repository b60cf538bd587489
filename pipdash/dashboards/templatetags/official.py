"""Official statistics beside a council's own figures (owned by the compare feature).

Usage on the council page: {% load official %}{% official_figures council %}
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from metrics.compare.own_figures import official_beside_own

register = template.Library()


@register.inclusion_tag("metrics/includes/official_figures.html", takes_context=True)
def official_figures(context, council):
    """The council's official (DfE) figures, each beside its own figures for the same thing, never merged."""
    # England's figures come with the page's own benchmarks when it has them (today's page).
    page = context.get("page")
    rows = official_beside_own(council=council, england=getattr(page, "official_england", None))
    for row in rows:
        query = urlencode({"metric": row.metric.slug, "council": council.gss_code, "region": council.region.gss_code})
        row.compare_url = f"{reverse('compare')}?{query}"
    return {"council": council, "rows": rows}
