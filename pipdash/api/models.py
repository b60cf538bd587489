"""Personal API tokens: shown once, stored hashed, each with a name, a scope, an expiry and its last use."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def token_hash(secret: str) -> str:
    """SHA-256 of the whole token. A token is 256 random bits, so a fast hash is as safe as a slow one
    and lets each request find its token by an indexed lookup."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read: figures and everything else the pages show you"
        WRITE = "write", "Read and write: also enter and submit figures for your councils"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. 'Power BI refresh'.")
    # The token's first characters, shown on the tokens page so its owner can tell tokens apart.
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def label(self) -> str:
        """How history names the token: its name and id, which stay true after it is revoked."""
        return f"API token {self.pk} ‘{self.name}’"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_usable(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
