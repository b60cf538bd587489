"""Signed in (by token or session), and a read-scope token only reads."""

from rest_framework import permissions

from pipdash.api.models import ApiToken


class SignedInWithinScope(permissions.BasePermission):
    message = "This token may only read: create a token with write scope to send figures."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write
