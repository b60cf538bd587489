"""A cached page rebuilt by the task runner, not by the reader who found it out of date (issue 20).

A reader who finds a page's fragment older than the data (page_cache.fragment_to_serve) is served the
previous one at once and queues this task, which renders the same address as the same user, so the
fragment it stores is the one that user's viewer kind may see (drafts, risk logs, editing): nothing
another kind of viewer may not see is ever stored under their key. The page's view runs as for any
request, with the request marked as the rebuild, so it builds rather than serves the stale fragment;
its response is thrown away: what is kept is the fragment its template caches.

Run the task runner at a lower CPU priority than the web processes where they share a host (`nice`):
a rebuild then takes the time requests leave, and requests never queue behind one.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import resolve
from django_tasks import task

from pipdash.web.page_cache import REBUILDING

logger = logging.getLogger("pipdash.cache")


def rebuild_later(request, *, lock_key: str) -> None:
    """Queue the rebuild of the page `request` asked for; the lock (taken by the caller) is released when
    it is done, or lapses if the task runner never gets to it."""
    rebuild_page.enqueue(
        path=request.get_full_path(),
        user_id=request.user.pk,
        host=request.get_host(),
        secure=request.is_secure(),
        lock_key=lock_key,
    )


@task()
def rebuild_page(*, path: str, user_id: int, host: str, secure: bool, lock_key: str) -> None:
    try:
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None:  # gone or deactivated since: nobody of their kind to build it for
            return
        request = RequestFactory().get(path, HTTP_HOST=host, secure=secure)
        request.user = user
        request._messages = CookieStorage(request)  # nothing is kept: the response is thrown away
        setattr(request, REBUILDING, True)
        match = resolve(request.path_info)
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200:
            logger.warning("page rebuild of %s answered %s", path, response.status_code)
    finally:
        cache.delete(lock_key)
