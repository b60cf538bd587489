"""Adding and changing a project's milestones, progress updates and risks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from pipdash.dates import uk_date
from pipdash.web.errors import EditConflict, WrongState
from pipdash.web.versioning import posted_version
from projects import services
from projects.forms import MilestoneForm, ProgressUpdateForm, RiskForm
from projects.models import Milestone, ProgressUpdate, Risk
from projects.selectors import project_for_editor


@dataclass(frozen=True)
class RecordKind:
    model: type
    form: type
    create: object
    update: object
    instance_kw: str
    noun: str


MILESTONE = RecordKind(
    Milestone, MilestoneForm, services.milestone_create, services.milestone_update, "milestone", "milestone"
)
UPDATE = RecordKind(
    ProgressUpdate,
    ProgressUpdateForm,
    services.progress_update_create,
    services.progress_update_update,
    "update",
    "progress update",
)
RISK = RecordKind(Risk, RiskForm, services.risk_create, services.risk_update, "risk", "risk")


def _show(form, name, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return uk_date(value)
    choices = dict(getattr(form.fields[name], "choices", []) or [])
    return str(choices.get(value, value))


def _conflict(request, kind, form, error):
    rows = [
        (
            bound.label,
            _show(form, bound.name, getattr(error.theirs, bound.name, None)),
            _show(form, bound.name, error.ours.get(bound.name)),
        )
        for bound in form
        if bound.name != "version"
    ]
    data = request.POST.copy()
    data["version"] = str(error.theirs.version)
    fresh = kind.form(data, instance=error.theirs)
    fresh.is_valid()
    return fresh, {"theirs": error.theirs, "rows": rows}


def _record_form(request, gss_code, slug, kind: RecordKind, pk=None):
    project = project_for_editor(request, gss_code, slug)
    instance = get_object_or_404(kind.model, pk=pk, project=project) if pk is not None else None
    form = kind.form(request.POST if request.method == "POST" else None, instance=instance)
    context = {"project": project, "council": project.council, "kind": kind, "instance": instance}
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                kind.create(user=request.user, project=project, **form.service_kwargs())
            else:
                kind.update(user=request.user, **{kind.instance_kw: instance}, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        except EditConflict as error:
            form, context["conflict"] = _conflict(request, kind, form, error)
        else:
            messages.success(request, f"{kind.noun.capitalize()} {'added' if instance is None else 'changed'}.")
            return redirect(project.get_absolute_url())
    context["form"] = form
    return render(request, "projects/entry/record_form.html", context)


@require_http_methods(["GET", "POST"])
def milestone_add(request, gss_code, slug):
    return _record_form(request, gss_code, slug, MILESTONE)


@require_http_methods(["GET", "POST"])
def milestone_edit(request, gss_code, slug, pk):
    return _record_form(request, gss_code, slug, MILESTONE, pk)


@require_POST
def milestone_done(request, gss_code, slug, pk):
    project = project_for_editor(request, gss_code, slug)
    milestone = get_object_or_404(Milestone, pk=pk, project=project)
    try:
        services.milestone_mark_done(user=request.user, milestone=milestone, expected_version=posted_version(request))
    except (WrongState, EditConflict, ValidationError) as error:
        message = (
            "Someone changed this milestone after you opened the page."
            if isinstance(error, EditConflict)
            else (" ".join(getattr(error, "messages", [str(error)])))
        )
        messages.error(request, message)
    else:
        messages.success(request, f"Milestone '{milestone.title}' marked as done.")
    return redirect(project.get_absolute_url())


@require_http_methods(["GET", "POST"])
def progress_update_add(request, gss_code, slug):
    return _record_form(request, gss_code, slug, UPDATE)


@require_http_methods(["GET", "POST"])
def progress_update_edit(request, gss_code, slug, pk):
    return _record_form(request, gss_code, slug, UPDATE, pk)


@require_http_methods(["GET", "POST"])
def risk_add(request, gss_code, slug):
    return _record_form(request, gss_code, slug, RISK)


@require_http_methods(["GET", "POST"])
def risk_edit(request, gss_code, slug, pk):
    return _record_form(request, gss_code, slug, RISK, pk)


def _submit(request, gss_code, slug, model, pk, noun):
    project = project_for_editor(request, gss_code, slug)
    item = get_object_or_404(model, pk=pk, project=project)
    try:
        services.signoff_submit(user=request.user, item=item, expected_version=posted_version(request))
    except (WrongState, EditConflict) as error:
        conflict = isinstance(error, EditConflict)
        messages.error(request, f"Someone changed this {noun} after you opened the page." if conflict else str(error))
    else:
        messages.success(request, f"{noun.capitalize()} submitted for approval.")
    return redirect(project.get_absolute_url())


@require_POST
def milestone_submit(request, gss_code, slug, pk):
    return _submit(request, gss_code, slug, Milestone, pk, "milestone")


@require_POST
def progress_update_submit(request, gss_code, slug, pk):
    return _submit(request, gss_code, slug, ProgressUpdate, pk, "progress update")
