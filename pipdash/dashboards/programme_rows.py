"""A programme overview's rows, each council's cached on its own (issue 20).

A row (projects by status and RAG, funding, partnerships, overdue milestones) depends only on its own
council's data, what this viewer may see of it (drafts) and the day, so it is cached under that council's
data version: after one council's write the overview rebuilds that council's row and reads the other 152
from the cache, in one round trip.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from pipdash.dashboards.programme_selectors import programme_overview_rows
from pipdash.web.page_cache import PAGE_CACHE_SECONDS
from programmes.models import Participation


def _row_key(programme, council, access, today) -> str:
    drafts = "1" if access.can_see_drafts(council) else "0"
    return f"programme-row:{programme.pk}:{council.pk}:{council.data_version}:{drafts}:{today.isoformat()}"


def programme_rows_cached(*, programme, access, today=None) -> list[dict]:
    """The overview's rows in council order: cached ones read together, missing ones built together."""
    today = today or timezone.localdate()
    participations = list(
        Participation.objects.filter(programme=programme).select_related("council__region").order_by("council__name")
    )
    keys = {p.council_id: _row_key(programme, p.council, access, today) for p in participations}
    found = cache.get_many(list(keys.values()))
    missing = [p for p in participations if keys[p.council_id] not in found]
    if missing:
        built = programme_overview_rows(programme=programme, access=access, today=today, participations=missing)
        fresh = {keys[row["council"].pk]: row for row in built}
        cache.set_many(fresh, PAGE_CACHE_SECONDS)
        found |= fresh
    return [found[keys[p.council_id]] for p in participations if keys[p.council_id] in found]
