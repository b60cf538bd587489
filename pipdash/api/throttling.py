"""Requests per token (per user for the browser's session), counted in the shared cache so that every
process counts together. The rate is settings.API_THROTTLE_RATE, read at each request."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from pipdash.api.models import ApiToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def allow_request(self, request, view):
        # The rate may change between requests (tests, a settings reload): parse it each time.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
