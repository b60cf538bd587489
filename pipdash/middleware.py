"""Cross-cutting response rules: browser permissions, private caching, NUL bytes, a database outage."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template import loader

log = logging.getLogger("pipdash.security")


class PermissionsPolicyMiddleware:
    """No page needs the camera, microphone, location and the rest: say so on every response, static too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RejectNulBytesMiddleware:
    """A NUL in the path or query is never a real address; PostgreSQL refuses it in a query (a 500).

    Answered with 400 before any view or lookup sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.path_info or self._query_has_nul(request):
            return HttpResponseBadRequest(
                "Bad request: the address contains a NUL character.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

    @staticmethod
    def _query_has_nul(request) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "%00" not in query and "\x00" not in query:
            return False
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())


class PrivatePagesMiddleware:
    """A signed-in user's pages and downloads may show drafts and risk logs: no shared or browser cache
    may keep them. Server-side page caches are unaffected (they store fragments, not responses);
    static files never reach here (WhiteNoise answers first) and keep their year-long headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._signed_in(request):
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        user = getattr(request, "user", None)
        if user is None:
            return False
        try:
            return user.is_authenticated
        except (OperationalError, InterfaceError):
            # The session could not be read (database down): assume the worst.
            return True


def service_unavailable(request=None) -> HttpResponse:
    """The 503 page, built without the database (no user, no context processors)."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(exception) -> bool:
    return isinstance(exception, (OperationalError, InterfaceError))


class DatabaseUnavailableMiddleware:
    """A database restart or outage shows a 503 with Retry-After instead of the generic 500 page.

    process_exception sees exceptions from views; those raised earlier (reading the session in
    another middleware) reach `pipdash.views.server_error`, which makes the same check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            log.error("database unavailable: %s %s: %s", request.method, request.path, exception)
            return service_unavailable(request)
        return None
