"""`Authorization: Bearer <token>`: a personal token finds its user, unless revoked or expired."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from pipdash.api.models import ApiToken, token_hash

logger = logging.getLogger("pipdash.security")

# A token's last use is written at most this often, so a busy script costs no write per request.
LAST_USED_EVERY = dt.timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as: Authorization: Bearer <token>")
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("That token is not valid.") from None
        token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(secret)).first()
        now = timezone.now()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("That token is not valid.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("That token has been revoked.")
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed("That token has expired: create a new one.")
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        # For the history of any record this request changes (pipdash/api/history.py).
        request._request.api_token = token
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token from /account/api-tokens/ (read or write scope).",
        }
