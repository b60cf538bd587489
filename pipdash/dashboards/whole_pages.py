"""A council's pages kept whole per session (pipdash/web/response_cache.py): found before any database read."""

from __future__ import annotations

from django.core.cache import cache

from pipdash.web.exports import EXPORT_PARAM
from pipdash.web.page_cache import PAGE_CACHE_SECONDS, viewer_kind
from pipdash.web.response_cache import EVERY, WholePage, whole_page
from programmes.access import access_for


def _council_id_key(gss_code: str) -> str:
    return f"council-id:{gss_code}"


def council_whole_page(request, *, page: str, gss_code: str) -> WholePage:
    """The council's page `page` as this session last had it, if nothing it shows has changed since."""
    id_key = _council_id_key(gss_code)
    access = access_for(request.user)

    def viewer(read):
        # What this viewer may see turns on the council's id, which only the database or the cache knows.
        return None if id_key not in read else viewer_kind(access, read[id_key])

    return whole_page(
        request, page=page, scopes=[gss_code, EVERY], viewer=viewer, read_with=(id_key,), skip=(EXPORT_PARAM,)
    )


def keep_council_page(whole: WholePage, response, *, council, access, stale: bool) -> None:
    if whole.base is None:
        return
    cache.set(_council_id_key(council.gss_code), council.pk, PAGE_CACHE_SECONDS)
    whole.keep(response, viewer=viewer_kind(access, council), stale=stale)
