"""/healthz for load balancers: can this instance reach its database and its cache?"""

import logging
import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger("pipdash.security")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure to reach the database is "failed", never a 500
        log.exception("healthz: database check failed")
        # A broken connection must not be reused by the next request.
        connection.close_if_unusable_or_obsolete()
        return False


def _cache_ok() -> bool:
    # With IGNORE_EXCEPTIONS a dead Redis swallows errors, so check the value round-trips.
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
        return ok
    except Exception:
        log.exception("healthz: cache check failed")
        return False


@login_not_required
@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    body = {name: "ok" if ok else "failed" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
