"""Sign-in throttling and the audit log of sign-ins.

django-axes records every attempt in the database (Access attempts, Access logs and Access failures in
the admin) and locks a username and address pair out after too many failures; the `pipdash.security`
logger writes the same events to the service's log, where an operator's alerting reads them.
"""

import hashlib
import logging

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.views import PasswordResetConfirmView, PasswordResetView
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import render

from pipdash.reset_email import QueuedPasswordResetForm

security_log = logging.getLogger("pipdash.security")


class ThrottledSignInBackend(AxesStandaloneBackend):
    """Axes' check, for sign-ins that come through a request (the sign-in page and the admin's).

    Axes refuses any authenticate() call without a request; the test client's login() and management
    commands make such calls and have no address to throttle, so they pass on to the password check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _address(request) -> str:
    if request is None:
        return "-"
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "-")


@receiver(user_logged_in, dispatch_uid="pipdash-security-signed-in")
def signed_in(sender, request, user, **kwargs):
    security_log.info("sign-in succeeded user=%s address=%s", user.get_username(), _address(request))


@receiver(user_logged_out, dispatch_uid="pipdash-security-signed-out")
def signed_out(sender, request, user, **kwargs):
    name = user.get_username() if user is not None else "-"
    security_log.info("sign-out user=%s address=%s", name, _address(request))


@receiver(user_login_failed, dispatch_uid="pipdash-security-sign-in-failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the username is logged.
    locked = bool(getattr(request, "axes_locked_out", False))
    security_log.warning(
        "sign-in failed user=%s address=%s%s",
        credentials.get("username", "-"),
        _address(request),
        " (locked out)" if locked else "",
    )


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page's look, saying for how long, as 429 Too Many Requests."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 15
    context = {"username": get_client_username(request, credentials) or "", "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


class UnlockingPasswordResetConfirmView(PasswordResetConfirmView):
    """Setting a new password through the emailed link also lifts a lockout: the lockout page points
    people to the reset, and proving control of the account's email is what the lockout waits for."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_attempts(username=form.user.get_username())
        security_log.info("password reset user=%s address=%s", form.user.get_username(), _address(self.request))
        return response


class ThrottledPasswordResetView(PasswordResetView):
    """Django's reset by email, sending at most PASSWORD_RESET_LIMIT emails an hour to one address and
    answering at most PASSWORD_RESET_CLIENT_LIMIT requests an hour from one client address.

    Over a limit the visitor sees the usual "check your email" page, so the limit tells nobody
    whether an account exists; nothing is sent and the security log says why. The counts are in the
    shared cache (Redis in production): if it cannot be reached, resets still work, unthrottled.
    The email itself is sent by the task runner (pipdash/reset_email.py).
    """

    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        address = _address(self.request)
        over = [
            name
            for name, key, limit in (
                ("email", "email:" + hashlib.sha256(email.encode()).hexdigest(), settings.PASSWORD_RESET_LIMIT),
                ("client", "client:" + address, settings.PASSWORD_RESET_CLIENT_LIMIT),
            )
            if _count(key) > limit
        ]
        if over:
            security_log.warning("password reset throttled (%s) address=%s", ", ".join(over), address)
            return HttpResponseRedirect(self.get_success_url())
        security_log.info("password reset requested address=%s", address)
        return super().form_valid(form)


def _count(key: str) -> int:
    """This hour's requests for `key`, this one included; 0 when the cache cannot be reached."""
    key = "password-reset:" + key
    try:
        cache.add(key, 0, timeout=60 * 60)
        return cache.incr(key)
    except Exception:  # noqa: BLE001 - a missing or unreachable cache must not stop a reset
        security_log.warning("password reset throttle unavailable: the cache did not answer")
        return 0
