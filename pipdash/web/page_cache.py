"""Cached page content, keyed on the council's data version (programmes.data_versions).

A council's pages are expensive to build at national scale and change only when someone writes.
Every write that changes what they show bumps `Council.data_version` (signals for ordinary saves,
explicit calls after bulk writes, which send no signals), so a cached fragment is never stale:
its key names the version it was built from. The version lives in the database, not in process
memory, so every gunicorn process and host agrees on it; the cache itself may be Redis or local
memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

PAGE_CACHE_SECONDS = 60 * 60


def page_cache_key(*, page: str, council, access, query: str = "", today: dt.date | None = None) -> str:
    """What a cached fragment depends on: the data, what this viewer may see, the URL's query, the day."""
    today = today or timezone.localdate()
    viewer = "".join(
        "1" if flag else "0"
        for flag in (access.can_see_drafts(council), access.can_see_risks(council), access.can_edit(council))
    )
    query_hash = hashlib.sha256(query.encode()).hexdigest()[:16]
    return f"{page}:{council.pk}:{council.data_version}:{viewer}:{today.isoformat()}:{query_hash}"


def shared_page_cache_key(*, page: str, version: int, query: str = "", depends_on: str = "") -> str:
    """The key of a fragment that every viewer sees alike, built from data across councils.

    `depends_on` names what the query string does not pin down, such as the councils a saved group holds today.
    """
    digest = hashlib.sha256(f"{query}|{depends_on}".encode()).hexdigest()[:16]
    return f"{page}:all:{version}:{digest}"


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
