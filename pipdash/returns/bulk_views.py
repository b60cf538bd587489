"""Bulk approve (from /returns/approvals/) and bulk submit (from a manager's task list on the home page).

Ticking items and choosing "Approve selected" opens a confirmation page (a GET: nothing changes)
listing exactly what will change, at the version shown; confirming posts those versions, and
pipdash.returns.services.bulk_step changes all of them or none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from metrics.models import Reading
from pipdash.dates import uk_date
from pipdash.returns.selectors import MODELS, NOUNS, Selected, approval_queues, label, parse_selection, still_eligible
from pipdash.returns.services import APPROVE, STEPS, SUBMIT, BulkRefused, bulk_step
from pipdash.returns.tasks import submittable_drafts
from programmes.access import access_for
from programmes.models import Council


@dataclass(frozen=True)
class Step:
    verb: str  # "Approve"
    past: str  # "approved"
    noun: str  # what the items are called together: "item"
    back: str  # the URL name of the page the items were chosen on
    done: str  # said after they all changed
    nothing: str  # the message when nothing was ticked
    gone_why: str  # why a chosen item may have dropped out since it was listed

    def count(self, n: int) -> str:
        return f"{n} {self.noun}{'' if n == 1 else 's'}"


PAGES = {
    APPROVE: Step(
        "Approve",
        "approved",
        "item",
        "returns-approvals",
        "Everyone can now see them.",
        "Select what to approve",
        "someone may have approved, returned or changed it since",
    ),
    SUBMIT: Step(
        "Submit",
        "submitted",
        "figure",
        "home",
        "They now await the council's approvers.",
        "Select figures to submit",
        "it may have been submitted or changed since",
    ),
}


def _council(request, step: str, gss_code) -> Council:
    council = get_object_or_404(Council, gss_code=gss_code or "")
    access = access_for(request.user)
    if not (access.approves(council) if step == APPROVE else access.manages(council)):
        raise PermissionDenied
    return council


def _row(item) -> dict:
    """One line of the confirmation page: the item, what it says, who submitted it."""
    if isinstance(item, Reading):
        detail = item.display_value
    elif hasattr(item, "summary"):
        detail = item.summary
    else:
        detail = f"Done {uk_date(item.done_on)}" if item.done_on else "Not done"
    who = item.submitted_by and (item.submitted_by.get_full_name() or item.submitted_by.username)
    return {"label": label(item), "detail": detail, "who": who or "", "item": item}


def _nothing_selected(request, step: str, council: Council):
    """Back to where the items were chosen, with the GOV.UK error summary and the message by the boxes."""
    page = PAGES[step]
    if step == APPROVE:
        queues = approval_queues(request.user)
        for queue in queues:
            queue.bulk_error = page.nothing if queue.council.pk == council.pk else ""
        return render(request, "returns/approvals.html", {"queues": queues, "bulk_errors": True})
    context = {"council": council, "drafts": submittable_drafts(council), "bulk_error": page.nothing}
    return render(request, "returns/submit_choose.html", context)


def _confirmation(request, step, council, items, gone=(), refusals=(), status=200):
    page = PAGES[step]
    context = {
        "page": page,
        "step": step,
        "council": council,
        "rows": [_row(item) for item in items],
        "tokens": [_token(item) for item in items],
        "question": f"{page.verb} {page.count(len(items))} for {council.name}?",
        "button": f"{page.verb} {page.count(len(items))}",
        "gone": [f"a {NOUNS[c.kind]} (number {c.pk})" for c in gone],
        "gone_count": page.count(len(gone)),
        "refusals": refusals,
        "action": "returns-approve-selected" if step == APPROVE else "returns-submit-selected",
    }
    return render(request, "returns/confirm_selected.html", context, status=status)


def _token(item) -> str:
    """'readings:12:3': the item and the version the user is shown, posted back to confirm."""
    kind = next(key for key, model in MODELS.items() if isinstance(item, model))
    return f"{kind}:{item.pk}:{item.version}"


def _confirm(request, step: str):
    data = request.POST if request.method == "POST" else request.GET
    council = _council(request, step, data.get("council"))
    selected = parse_selection(data.getlist("item"), STEPS[step])
    if not selected:
        return _nothing_selected(request, step, council)
    if request.method == "GET":
        items, gone = still_eligible(request.user, council, step, selected)
        return _confirmation(request, step, council, items, gone=gone)
    try:
        done = bulk_step(user=request.user, council=council, step=step, selected=selected)
    except BulkRefused as refused:
        # Nothing changed: list again what can still be done, at the versions as they are now.
        fresh = [Selected(c.kind, c.pk) for c in selected]
        items, _ = still_eligible(request.user, council, step, fresh)
        return _confirmation(request, step, council, items, refusals=refused.refusals, status=409)
    page = PAGES[step]
    messages.success(request, f"{page.count(len(done)).capitalize()} {page.past} for {council.name}. {page.done}")
    return redirect(page.back)


@require_http_methods(["GET", "POST"])
def approve_selected(request):
    return _confirm(request, APPROVE)


@require_http_methods(["GET", "POST"])
def submit_selected(request):
    return _confirm(request, SUBMIT)
