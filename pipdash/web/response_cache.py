"""Whole signed-in pages served from the cache with no database query (issue 20 point 5).

A council's page is cached in parts (page_cache.py) keyed on its data versions, which live in the database:
reading them is a query, and rendering the page around its cached part costs more than a whole small page.
So the most read pages are also kept whole, for one signed-in session, under *generations*: counters held in
the cache itself (shared by every process and host through Redis) that move on with every write that moves a
council's data versions (programmes.data_versions.councils_changed bumps them). A reader reads a page's
generations before anything from the database, so whatever it then builds is at least as new as the
generations it is stored under; a writer bumps them once at the write, so that no reader keeps what it shows,
and again after the commit, so that nothing built from the database before the commit is served after it.
A generation missing from the cache (evicted, or Redis restarted) starts again at the clock's nanoseconds,
never a value it had before.

Django's own per-view cache cannot do this: it will not keep a private response and knows nothing of data
versions. Kept only where the cache is shared by every process (`settings.CACHE_WHOLE_PAGES`: on with Redis),
since a process-local cache would never hear of another process's writes. Kept briefly (a write whose bump
was lost to a Redis fault is seen within RESPONSE_SECONDS) and never with a message on it (a stale notice,
"saved"), a download, or for a session without a CSRF secret (the page's forms carry the session's token).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

log = logging.getLogger(__name__)

RESPONSE_SECONDS = 120
EVERY = "every"  # moves on when every council's pages change (an official figure, a benchmark)
ANY = "any"  # moves on when any council's pages change (pages drawn from every council's figures)
BACKGROUNDS = "backgrounds"  # moves on when any council's background changes (its name, region, programmes, projects)


def generation_key(scope: str) -> str:
    return f"page-generation:{scope}"


def bump_generations(scopes) -> None:
    """Move these generations on (the councils' GSS codes, EVERY, ANY); one that is not cached starts afresh
    when next read, so there is nothing to move."""
    for scope in scopes:
        with contextlib.suppress(ValueError):
            cache.incr(generation_key(scope))


def read_generations(scopes: list[str], *, read_with: tuple[str, ...] = ()) -> tuple[str, dict]:
    """The current generations of these scopes as one string for a key (those not cached are started), and
    whichever of the keys `read_with` are cached, read in the same round trip."""
    keys = [generation_key(scope) for scope in scopes]
    found = cache.get_many([*keys, *read_with])
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key, "unread")
    return ".".join(str(found[key]) for key in keys), {key: found[key] for key in read_with if key in found}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass
class WholePage:
    """Where this request's whole page is kept, if it may be: `response` is set when it was found."""

    base: str | None  # None: this request's page is never kept whole
    response: HttpResponse | None = None

    def key(self, viewer: str) -> str:
        return f"{self.base}:{viewer}"

    def keep(self, response, *, viewer: str, stale: bool = False) -> None:
        """Keep the page this request rendered, unless it was out of date or is not an ordinary page."""
        if self.base is None or stale or response.status_code != 200 or response.streaming:
            return
        if response.has_header("Content-Disposition"):
            return
        cache.set(self.key(viewer), response.content, RESPONSE_SECONDS)


def whole_page(request, *, page: str, scopes: list[str], viewer, read_with=(), skip=()) -> WholePage:
    """The whole page `page` as this session last had it at the scopes' current generations, if kept.

    `viewer(found)` names what this viewer may see of the page (page_cache.viewer_kind), given the keys
    `read_with` found in the cache; None when that cannot be known without the database, so that the page
    can be kept but not yet served. Call before any database read.
    """
    if not _may_keep(request, skip):
        return WholePage(None)
    user = request.user
    who = _digest(
        f"{request.session.session_key}|{request.META['CSRF_COOKIE']}|{user.pk}|{user.get_username()}|"
        f"{user.get_full_name()}|{user.is_staff}|{user.is_superuser}"
    )
    generations, read = read_generations(scopes, read_with=tuple(read_with))
    address = _digest(f"{request.path}?{request.GET.urlencode()}")
    found = WholePage(f"page-response:{page}:{who}:{address}:{generations}:{timezone.localdate()}")
    kind = viewer(read)
    if kind is not None and (body := cache.get(found.key(kind))) is not None:
        found.response = HttpResponse(body)
    return found


def _may_keep(request, skip) -> bool:
    if not getattr(settings, "CACHE_WHOLE_PAGES", False) or request.method != "GET":
        return False
    if any(name in request.GET for name in skip):
        return False
    if not request.user.is_authenticated or not request.META.get("CSRF_COOKIE"):
        return False
    session = getattr(request, "session", None)  # a rebuild on the task runner has none (page_rebuild.py)
    if session is None or session.session_key is None:
        return False
    return len(messages.get_messages(request)) == 0
