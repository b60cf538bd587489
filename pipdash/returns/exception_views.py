"""Exceptions to locks (/returns/exceptions/): the current ones for the councils this approver (or admin)
may grant for, and the form to grant one. The rules are the service's (metrics.schedule_locks)."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from metrics.schedule_locks import current_exceptions, lock_exception_grant
from pipdash.dates import uk_date
from pipdash.returns.exception_forms import LockExceptionForm
from pipdash.returns.selectors import approver_council_ids
from pipdash.web.errors import NotAllowed
from programmes.access import access_for
from programmes.models import Council


def _grantable_councils(user) -> list[Council]:
    access = access_for(user)
    councils = Council.objects.all() if access.is_admin else Council.objects.filter(pk__in=approver_council_ids(access))
    return list(councils.order_by("name"))


def _initial(query) -> dict:
    """A figure's page links here with its council, measure and period filled in."""
    initial = {key: query[key] for key in ("council", "metric") if query.get(key, "").isdigit()}
    with contextlib.suppress(ValueError):  # a mistyped link just leaves the period blank
        initial["period_end"] = dt.date.fromisoformat(query.get("period_end", ""))
    return initial


@require_http_methods(["GET", "POST"])
def lock_exceptions(request):
    councils = _grantable_councils(request.user)
    if not councils:
        raise PermissionDenied
    form = LockExceptionForm(
        request.POST if request.method == "POST" else None,
        councils=councils,
        initial=_initial(request.GET),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            granted = lock_exception_grant(
                user=request.user,
                grantee=data["user"],
                council=data["council"],
                metric=data["metric"],
                period_end=data["period_end"],
                reason=data["reason"],
                ends_on=data["ends_on"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except NotAllowed as error:
            form.add_error("council", str(error))
        else:
            messages.success(
                request,
                f"Exception granted: {granted.user_name} may change {granted.covers} of {granted.council.name} "
                f"until {uk_date(granted.ends_on)}.",
            )
            return redirect("returns-exceptions")
    return render(
        request,
        "returns/exceptions.html",
        {"form": form, "exceptions": list(current_exceptions(request.user)), "several": len(councils) > 1},
    )
