"""The approval queue (/returns/approvals/): every figure, progress update and milestone awaiting
this approver, with approve and return for updates and milestones (figures keep their own pages)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pipdash.returns.forms import ReturnForm
from pipdash.returns.models import ReminderPreference
from pipdash.returns.selectors import approval_queues
from pipdash.web.errors import EditConflict, EntryError
from pipdash.web.versioning import posted_version
from programmes.access import access_for
from projects import services
from projects.models import Milestone, ProgressUpdate

KINDS = {"updates": (ProgressUpdate, "Progress update"), "milestones": (Milestone, "Milestone")}


def _item(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    model, _ = KINDS[kind]
    item = get_object_or_404(model.objects.select_related("project__council"), pk=pk)
    if not access_for(request.user).approves(item.project.council):
        raise PermissionDenied
    return item


def _refused(request, error) -> None:
    if isinstance(error, EditConflict):
        messages.error(request, "Someone changed it after you opened the page. Check it again.")
    else:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


@require_GET
def approvals(request):
    queues = approval_queues(request.user)
    if not queues:
        raise PermissionDenied
    return render(request, "returns/approvals.html", {"queues": queues, "kinds": KINDS})


@require_POST
def approve(request, kind, pk):
    item = _item(request, kind, pk)
    try:
        services.signoff_approve(user=request.user, item=item, expected_version=posted_version(request))
    except (EntryError, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, f"{KINDS[kind][1]} approved. Everyone can now see it.")
    return redirect("returns-approvals")


@require_http_methods(["GET", "POST"])
def return_item(request, kind, pk):
    item = _item(request, kind, pk)
    form = ReturnForm(request.POST if request.method == "POST" else None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.signoff_return(
                user=request.user,
                item=item,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except EntryError as error:
            _refused(request, error)
            return redirect("returns-approvals")
        else:
            messages.success(request, f"{KINDS[kind][1]} returned to the programme manager.")
            return redirect("returns-approvals")
    noun = KINDS[kind][1].lower()
    return render(request, "returns/return_form.html", {"form": form, "item": item, "noun": noun})


@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    """/account/reminders/: each person chooses whether to get the daily reminder email."""
    preference, _ = ReminderPreference.objects.get_or_create(user=request.user)
    if request.method == "POST":
        preference.opted_out = request.POST.get("reminders") == "no"
        preference.save(update_fields=["opted_out"])
        messages.success(
            request, "You will not get reminder emails." if preference.opted_out else "You will get reminder emails."
        )
        return redirect("reminder-settings")
    return render(request, "returns/reminder_settings.html", {"preference": preference})
