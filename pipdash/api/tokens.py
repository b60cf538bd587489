"""Creating and revoking personal API tokens. The secret is returned once and never stored."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone

from pipdash.api.models import ApiToken, token_hash

PREFIX = "pd_"
LIFETIMES = {"30": 30, "90": 90, "365": 365}


def token_create(*, user, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`: (the stored token, the secret to show once)."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": ["Enter a name for the token, saying what will use it"]})
    if ApiToken.objects.filter(user=user, name__iexact=name).exists():
        raise ValidationError({"name": ["You already have a token with that name"]})
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=secret[: len(PREFIX) + 6],
        key_hash=token_hash(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return token, secret


def token_revoke(*, user, pk: int) -> ApiToken | None:
    """Revoke one of the user's own tokens; from now on it is refused. None if it is not theirs."""
    token = ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).first()
    if token is not None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
