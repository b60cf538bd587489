"""The signed-in user and their roles read from the cache, not the database, on every request (issue 20).

`CachedAuthenticationMiddleware` takes the place of Django's AuthenticationMiddleware: the session names
the user (sessions are cached_db, so read from Redis), and the user with their roles (programmes.access)
is kept in the cache under the user's id. It is served only while the session's auth hash still matches
the cached user's (a changed password signs other sessions out, as Django's get_user does) and dropped
whenever the user or any of their memberships is saved or deleted, so a changed role applies at once.
A miss falls back to Django's own `get_user`, which also flushes a session whose hash no longer matches.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from programmes.access import access_for
from programmes.models import Membership

SIGNED_IN_SECONDS = 15 * 60


def _key(user_id) -> str:
    return f"signed-in:{user_id}"


def cached_user(request):
    """The session's user with their roles: from the cache when it holds this user and the session's
    hash still matches, else from the database (and then cached)."""
    session = request.session
    user_id = session.get(auth.SESSION_KEY)
    backend = session.get(auth.BACKEND_SESSION_KEY)
    if user_id is not None and backend in settings.AUTHENTICATION_BACKENDS:
        user = cache.get(_key(user_id))
        if (
            user is not None
            and str(user.pk) == str(user_id)
            and constant_time_compare(session.get(auth.HASH_SESSION_KEY, ""), user.get_session_auth_hash())
        ):
            user.backend = backend
            return user
    user = auth.get_user(request)
    if user.is_authenticated:
        access_for(user)  # the roles, kept on the user object and cached with it
        cache.set(_key(user.pk), user, SIGNED_IN_SECONDS)
    return user


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # also sets request.auser, as Django's does
        request.user = SimpleLazyObject(lambda: cached_user(request))


def forget_signed_in(user_id) -> None:
    cache.delete(_key(user_id))


@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def user_changed(sender, instance, **kwargs):
    forget_signed_in(instance.pk)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def roles_changed(sender, instance, **kwargs):
    forget_signed_in(instance.user_id)
