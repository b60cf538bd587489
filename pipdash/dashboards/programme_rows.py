"""A programme overview's rows and summary parts, each council's cached on its own (issue 20).

A council's row (projects by status and RAG, funding, partnerships, overdue milestones) and its part of the
summary depend only on its own council's data, what this viewer may see of it (drafts) and the day, so they
are made together (one judgement of its measures) and cached together under that council's data version:
after one council's write the overview rebuilds that council's row and part and reads the other 152 from
the cache, in one round trip.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from pipdash.dashboards.programme_selectors import programme_overview_parts
from pipdash.web.page_cache import PAGE_CACHE_SECONDS
from programmes.models import Participation


def _council_key(programme, council, access, today) -> str:
    drafts = "1" if access.can_see_drafts(council) else "0"
    version = council.version_seen_by(access)
    return f"programme-council:{programme.pk}:{council.pk}:{version}:{drafts}:{today.isoformat()}"


def programme_parts_cached(*, programme, access, today=None) -> list[tuple]:
    """(row, summary part) of each council in council order: cached ones read together, missing ones
    built together."""
    today = today or timezone.localdate()
    participations = list(
        Participation.objects.filter(programme=programme).select_related("council__region").order_by("council__name")
    )
    keys = {p.council_id: _council_key(programme, p.council, access, today) for p in participations}
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [p for p in participations if keys[p.council_id] not in found]
    if missing:
        built = programme_overview_parts(programme=programme, access=access, today=today, participations=missing)
        fresh = {keys[row["council"].pk]: (row, part) for row, part in built}
        cache.set_many(fresh, PAGE_CACHE_SECONDS)
        found |= fresh
    return [found[keys[p.council_id]] for p in participations if keys[p.council_id] in found]
