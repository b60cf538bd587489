"""Entering, editing, submitting, approving and returning figures; adding a metric to a project.

Views only connect: load through an access helper (404 if missing, 403 if not allowed), bind the
form, call one service, and turn its named exceptions into messages. NotAllowed is a
PermissionDenied, so Django answers it with a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from metrics import services
from metrics.entry.forms import MetricForm, ReadingForm, ReturnForm, reading_initial
from metrics.exceptions import DuplicateReading, NeedsExplanation, PeriodLocked
from metrics.models import Reading
from metrics.schedule_locks import can_grant, granter_names, lock_of
from pipdash.web.errors import EditConflict, WrongState
from pipdash.web.versioning import posted_version
from programmes.access import access_for
from programmes.models import Council
from projects.models import Project
from projects.selectors import project_for_editor

READING_FIELDS = [
    ("kind", "Kind", lambda r: r.get_kind_display(), lambda d: dict(Reading.Kind.choices).get(d["kind"], "")),
    ("value", "Value", lambda r: r.display_value, None),
    ("period", "Period", lambda r: r.period_label, None),
    ("source_location", "Where it comes from", lambda r: r.source_location, lambda d: d["source_location"]),
    ("explanation", "Explanation", lambda r: r.explanation, lambda d: d["explanation"]),
    ("recovery_action", "What is being done", lambda r: r.recovery_action, lambda d: d.get("recovery_action", "")),
    ("action_owner", "Action owner", lambda r: r.action_owner, lambda d: d.get("action_owner", "")),
]


def _reading_for(request, gss_code, pk, *, edit=False) -> Reading:
    """A figure the user may see in every state (its council's managers and approvers)."""
    reading = get_object_or_404(
        Reading.objects.select_related(
            "metric", "council", "project", "project__council", "entered_by", "submitted_by", "approved_by"
        ),
        pk=pk,
        council__gss_code=gss_code,
    )
    access = access_for(request.user)
    if not access.can_see_drafts(reading.council) or (edit and not access.can_edit(reading.council)):
        raise PermissionDenied
    return reading


def _conflict_rows(theirs: Reading, ours: dict) -> list[tuple[str, str, str]]:
    from metrics.units import format_value
    from pipdash.dates import period_label

    unit = theirs.unit or theirs.metric.unit
    ours_display = {
        "value": format_value(ours["value"], unit, ours.get("qualifier", "")) if ours.get("value") is not None else "",
        "period": period_label(ours.get("period_start"), ours["period_end"]) if ours.get("period_end") else "",
    }
    rows = []
    for key, label, show_theirs, show_ours in READING_FIELDS:
        mine = show_ours(ours) if show_ours else ours_display[key]
        rows.append((label, show_theirs(theirs), mine))
    return rows


def _save_reading(request, form, context, call):
    """Run a service for a valid form; put each refusal where the user will see it. Returns the reading or None."""
    try:
        return call()
    except ValidationError as error:
        form.add_service_errors(error)
    except DuplicateReading as error:
        context["duplicate"] = error.existing
    except PeriodLocked as error:
        form.add_error("period_end", str(error))
    except NeedsExplanation as error:
        context["warnings"] = error.warnings
        form.add_error("explanation", "This figure looks unusual: explain why it is right before saving it")
    except EditConflict as error:
        data = request.POST.copy()
        data["version"] = str(error.theirs.version)
        context["conflict"] = {"theirs": error.theirs, "rows": _conflict_rows(error.theirs, error.ours)}
        context["form"] = ReadingForm(data, reading=error.theirs)
        context["form"].is_valid()
    return None


@require_http_methods(["GET", "POST"])
def reading_add(request, gss_code, slug):
    project = project_for_editor(request, gss_code, slug)
    form = ReadingForm(
        request.POST if request.method == "POST" else None,
        project=project,
        council=project.council,
        initial={"metric": request.GET.get("metric")},
    )
    context = {"form": form, "project": project, "council": project.council}
    if request.method == "POST" and form.is_valid():
        reading = _save_reading(
            request,
            form,
            context,
            lambda: services.reading_create(
                user=request.user,
                council=project.council,
                metric=form.cleaned_data["metric"],
                project=project,
                **form.service_kwargs(),
            ),
        )
        if reading is not None:
            messages.success(request, "Figure saved as a draft. Submit it for approval when it is ready.")
            return redirect("reading-detail", gss_code=gss_code, pk=reading.pk)
    return render(request, "metrics/entry/reading_form.html", context)


@require_http_methods(["GET", "POST"])
def reading_edit(request, gss_code, pk):
    reading = _reading_for(request, gss_code, pk, edit=True)
    form = ReadingForm(
        request.POST if request.method == "POST" else None, reading=reading, initial=reading_initial(reading)
    )
    context = {
        "form": form,
        "reading": reading,
        "project": reading.project,
        "council": reading.council,
        "lock": lock_of(reading, request.user),
    }
    if context["lock"] is not None and context["lock"].blocks:
        context.update(locked_out=True, granters=granter_names(reading.council))
    if request.method == "POST" and form.is_valid():
        saved = _save_reading(
            request,
            form,
            context,
            lambda: services.reading_update(
                user=request.user,
                reading=reading,
                expected_version=form.cleaned_data["version"],
                **form.service_kwargs(),
            ),
        )
        if saved is not None:
            messages.success(request, "Figure changed. It is a draft again until it is submitted and approved.")
            return redirect("reading-detail", gss_code=gss_code, pk=reading.pk)
    return render(request, "metrics/entry/reading_form.html", context)


@require_GET
def reading_detail(request, gss_code, pk):
    reading = _reading_for(request, gss_code, pk)
    access = access_for(request.user)
    own = request.user.pk in (reading.entered_by_id, reading.submitted_by_id)
    lock = lock_of(reading, request.user)
    # A manager the lock stops is told whom to ask instead of offered buttons the service would refuse.
    locked_out = access.can_edit(reading.council) and lock is not None and lock.blocks
    context = {
        "reading": reading,
        "council": reading.council,
        "project": reading.project,
        "lock": lock,
        "locked_out": locked_out,
        "can_grant": lock is not None and can_grant(request.user, reading.council),
        "granters": granter_names(reading.council) if locked_out else [],
        "can_edit": access.can_edit(reading.council) and not locked_out,
        "can_submit": access.can_edit(reading.council) and reading.status in ("draft", "returned") and not locked_out,
        "can_review": access.approves(reading.council) and reading.status == "submitted" and not own,
        "reviews_own": access.approves(reading.council) and reading.status == "submitted" and own,
    }
    return render(request, "metrics/entry/reading_detail.html", context)


def _transition(request, gss_code, pk, call, done: str):
    reading = _reading_for(request, gss_code, pk)
    try:
        call(reading)
    except WrongState as error:
        messages.error(request, str(error))
    except EditConflict:
        messages.error(request, "Someone changed this figure after you opened it. Check it again.")
    else:
        messages.success(request, done)
    return redirect("reading-detail", gss_code=gss_code, pk=pk)


@require_POST
def reading_submit(request, gss_code, pk):
    version = posted_version(request)
    return _transition(
        request,
        gss_code,
        pk,
        lambda r: services.reading_submit(user=request.user, reading=r, expected_version=version),
        "Figure submitted for approval.",
    )


@require_POST
def reading_approve(request, gss_code, pk):
    version = posted_version(request)
    return _transition(
        request,
        gss_code,
        pk,
        lambda r: services.reading_approve(user=request.user, reading=r, expected_version=version),
        "Figure approved. Everyone can now see it.",
    )


@require_http_methods(["GET", "POST"])
def reading_return(request, gss_code, pk):
    reading = _reading_for(request, gss_code, pk)
    if not access_for(request.user).approves(reading.council):
        raise PermissionDenied
    form = ReturnForm(request.POST if request.method == "POST" else None, initial={"version": reading.version})
    if request.method == "POST" and form.is_valid():
        response = _transition(
            request,
            gss_code,
            pk,
            lambda r: services.reading_return(
                user=request.user,
                reading=r,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
            "Figure returned to the programme manager.",
        )
        return response
    return render(
        request, "metrics/entry/reading_return.html", {"form": form, "reading": reading, "council": reading.council}
    )


@require_GET
def readings_awaiting_approval(request, gss_code):
    council = get_object_or_404(Council, gss_code=gss_code)
    access = access_for(request.user)
    if not access.can_see_drafts(council):
        raise PermissionDenied
    readings = list(
        Reading.objects.filter(council=council)
        .exclude(status=Reading.Status.APPROVED)
        .select_related("metric", "project", "project__council", "entered_by", "submitted_by")
        .order_by("status", "-submitted_at", "metric__name", "period_end")
    )
    groups = [
        ("Awaiting approval", [r for r in readings if r.status == Reading.Status.SUBMITTED]),
        ("Returned to the programme manager", [r for r in readings if r.status == Reading.Status.RETURNED]),
        ("Drafts not yet submitted", [r for r in readings if r.status == Reading.Status.DRAFT]),
    ]
    return render(
        request,
        "metrics/entry/awaiting_approval.html",
        {
            "council": council,
            "groups": groups,
            "approves": access.approves(council),
        },
    )


@require_GET
def project_readings(request, gss_code, slug):
    project = get_object_or_404(Project.objects.select_related("council"), council__gss_code=gss_code, slug=slug)
    if not access_for(request.user).can_see_drafts(project.council):
        raise PermissionDenied
    readings = (
        Reading.objects.filter(project=project)
        .select_related("metric", "entered_by")
        .order_by("metric__name", "period_end", "kind")
    )
    return render(
        request,
        "metrics/entry/project_readings.html",
        {
            "project": project,
            "council": project.council,
            "readings": readings,
        },
    )


@require_http_methods(["GET", "POST"])
def metric_add(request, gss_code, slug):
    project = project_for_editor(request, gss_code, slug)
    form = MetricForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            metric = services.metric_create(
                user=request.user, council=project.council, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Metric '{metric.name}' added. You can now enter its figures.")
            url = reverse("reading-add", kwargs={"gss_code": gss_code, "slug": slug})
            return redirect(f"{url}?metric={metric.pk}")
    return render(
        request, "metrics/entry/metric_form.html", {"form": form, "project": project, "council": project.council}
    )
