"""Cached page content, keyed on the council's data version (programmes.data_versions).

A council's pages are expensive to build at national scale and change only when someone writes.
Every write that changes what they show bumps `Council.data_version` (signals for ordinary saves,
explicit calls after bulk writes, which send no signals), so a cached fragment is never stale:
its key names the version it was built from. The version lives in the database, not in process
memory, so every gunicorn process and host agrees on it; the cache itself may be Redis or local
memory.

After a write no reader waits for a page to be rebuilt (`fragment_to_serve`): the first reader to find it out
of date takes a lock (`cache.add`) and queues its rebuild on the task runner (page_rebuild.py), and every reader
meanwhile is served the fragment this viewer kind was last served, with a notice that a change is on its way.
A page this viewer kind has never been served is built in the request, as is the page of a user who has saved
since the last one was built: they are never served a fragment older than their save. A fragment's key names
what it depends on apart from the data (page, viewer kind, query), and its version the data as this viewer
sees it (with the council's drafts or not: programmes/data_versions.py) and the day, so a key never goes cold
at midnight: the day's first reader queues its rebuild and is served yesterday's meanwhile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

# Versioned keys are never wrong, only unused: kept a day and a half so that the day's first rebuild has
# yesterday's fragment to serve meanwhile (Redis evicts the least used first when it is full).
PAGE_CACHE_SECONDS = 36 * 60 * 60
REBUILD_LOCK_SECONDS = 30  # a rebuild that dies leaves its lock for at most this long
# A rebuild queued this long ago and not yet done (the task runner is down or far behind) is built by the next
# reader instead: a page is never left out of date for long because no task runner is running.
BACKGROUND_PATIENCE_SECONDS = 30
STALE_NOTICE = "Updated a moment ago: a recent change is being added to this page. Refresh in a few seconds to see it."


def viewer_kind(access, council) -> str:
    """What this viewer may see of the council: drafts, risk logs, editing."""
    flags = (access.can_see_drafts(council), access.can_see_risks(council), access.can_edit(council))
    return "".join("1" if flag else "0" for flag in flags)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def page_cache_key(*, page: str, council, access, query: str = "", today: dt.date | None = None) -> str:
    """What a cached fragment depends on: the data, what this viewer may see, the URL's query, the day."""
    base, version = council_fragment_parts(page=page, council=council, access=access, query=query, today=today)
    return f"{base}:{version}"


def council_fragment_parts(*, page: str, council, access, query: str = "", today=None) -> tuple[str, str]:
    """(what the fragment is, which version of the data): the first never changes with a write."""
    today = today or timezone.localdate()
    version = council.version_seen_by(access)
    return f"{page}:{council.pk}:{viewer_kind(access, council)}:{_digest(query)}", f"{version}:{today}"


def _wrote_key(user_id) -> str:
    return f"page-cache-wrote:{user_id}"


def note_write(user) -> None:
    """Remember when this user last saved, so they are never served a fragment older than their save."""
    if getattr(user, "is_authenticated", False):
        cache.set(_wrote_key(user.pk), time.time(), REBUILD_LOCK_SECONDS * 2)


@dataclass
class Fragment:
    """Which cached fragment a page's template serves (`key`, its {% cache %} vary-on), and whether it is
    a stale one; `built()` after rendering records a rebuilt fragment as the latest and releases its lock."""

    key: str
    stale: bool = False
    latest_key: str | None = None
    lock_key: str | None = None

    def built(self) -> None:
        if self.latest_key:
            cache.set(self.latest_key, (self.key, time.time()), PAGE_CACHE_SECONDS)
        if self.lock_key:
            cache.delete(self.lock_key)


def fragment_to_serve(request, *, name: str, base: str, version: str) -> Fragment:
    """The fragment `name` (the template's {% cache %} name) to serve for `base` at `version`: the current
    one when it is cached; else the one this viewer kind was last served (with a notice on the page) while
    the task runner rebuilds it, unless this user saved since it was built; else this request builds it.
    One cache round trip when the current fragment is cached."""
    key = f"{base}:{version}"
    fragment_key = make_template_fragment_key(name, [key])
    latest_key = f"page-cache-latest:{name}:{base}"
    user_id = getattr(request.user, "pk", None)
    found = cache.get_many([fragment_key, latest_key, _wrote_key(user_id)])
    if fragment_key in found:
        return Fragment(key)
    lock_key = f"page-cache-lock:{fragment_key}"
    if getattr(request, REBUILDING, False):  # the background rebuild itself (page_rebuild.py)
        cache.add(lock_key, time.time(), REBUILD_LOCK_SECONDS)
        return Fragment(key, latest_key=latest_key, lock_key=lock_key)
    latest = found.get(latest_key)
    wrote = found.get(_wrote_key(user_id))
    if latest and latest[0] != key and (wrote is None or wrote < latest[1]):
        if not rebuilds_in_background():
            if cache.add(lock_key, time.time(), REBUILD_LOCK_SECONDS):
                return Fragment(key, latest_key=latest_key, lock_key=lock_key)  # built here, by this one request
        elif cache.add(lock_key, time.time(), BACKGROUND_PATIENCE_SECONDS * 4):
            from pipdash.web.page_rebuild import rebuild_later

            rebuild_later(request, lock_key=lock_key)
        elif _overdue(lock_key):
            return Fragment(key, latest_key=latest_key, lock_key=f"{lock_key}:overdue")
        messages.info(request, STALE_NOTICE)
        return Fragment(latest[0], stale=True)
    # Nothing older this viewer may be served, or this user saved since it was built: built here.
    locked = cache.add(lock_key, time.time(), REBUILD_LOCK_SECONDS)
    return Fragment(key, latest_key=latest_key, lock_key=lock_key if locked else None)


def _overdue(lock_key: str) -> bool:
    """Whether the rebuild queued under this lock is overdue, and this request the one to build it instead."""
    queued_at = cache.get(lock_key)
    overdue = queued_at is not None and time.time() - queued_at > BACKGROUND_PATIENCE_SECONDS
    return overdue and cache.add(f"{lock_key}:overdue", 1, REBUILD_LOCK_SECONDS)


# Set on the request a background rebuild makes (pipdash/web/page_rebuild.py): build, never serve stale.
REBUILDING = "page_cache_rebuilding"


def rebuilds_in_background() -> bool:
    """Whether a stale page is rebuilt by the task runner (the database queue) rather than by the request that
    found it stale: with the immediate backend (tests, a one-process trial) a task would run inside that request."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def shared_page_cache_key(*, page: str, version, query: str = "", depends_on: str = "") -> str:
    """The key of a fragment that every viewer sees alike, built from data across councils.

    `depends_on` names what the query string does not pin down, such as the councils a saved group holds today.
    """
    base, version = shared_fragment_parts(page=page, version=version, query=query, depends_on=depends_on)
    return f"{base}:{version}"


def shared_fragment_parts(*, page: str, version, query: str = "", depends_on: str = "") -> tuple[str, str]:
    return f"{page}:all:{_digest(f'{query}|{depends_on}')}", str(version)


class BuiltOnFirstUse:
    """A cached page's content, built (all of it, once) only when a template first uses a part of it:
    when the page's fragment is in the cache, nothing is built and none of its queries run."""

    def __init__(self, build):
        self._build = build
        self._parts: dict | None = None

    def get(self, name: str):
        if self._parts is None:
            self._parts = self._build()
        return self._parts[name]

    def lazy(self, *names: str) -> dict:
        """Template context entries that build the content on first use."""
        return {name: SimpleLazyObject(lambda name=name: self.get(name)) for name in names}


def render_fragment_page(
    request, template: str, context: dict, *, fragment: Fragment, key_name: str = "page_cache_key"
):
    """Render a page whose cached part is `fragment`, then record it as built (see Fragment.built)."""
    from django.shortcuts import render

    response = render(request, template, {**context, key_name: fragment.key, "page_cache_seconds": PAGE_CACHE_SECONDS})
    fragment.built()
    return response
