from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pipdash.reports.forms import PackForm
from pipdash.reports.models import ReportPack
from pipdash.reports.selectors import council_report_get, pack_list, programme_report_rows
from pipdash.reports.services import can_open, pack_request, produced_by
from programmes.access import access_for
from programmes.selectors import council_get, previous_committee_date, programme_get

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _form(request, council=None):
    today = timezone.localdate()
    if "committee" in request.GET:
        return PackForm(request.GET)
    last = previous_committee_date(council, today) if council is not None else None
    return PackForm(initial=PackForm.initial_for(today, last))


@require_http_methods(["GET", "POST"])
def council_report(request, gss_code):
    """The committee pack as a page; "Prepare the PDF and Word files" queues them (POST, same fields)."""
    council = council_get(gss_code=gss_code)
    access = access_for(request.user)
    if request.method == "POST":
        form = PackForm(request.POST)
        if form.is_valid():
            pack = pack_request(council=council, user=request.user, dates=form.dates())
            return redirect(pack)
    else:
        form = _form(request, council)
    report = None
    if form.is_bound and form.is_valid():
        report = council_report_get(
            council=council, access=access, dates=form.dates(), produced_by=produced_by(request.user)
        )
    context = {
        "council": council,
        "form": form,
        "report": report,
        "charts": report.charts if report else [],
        "packs": [p for p in pack_list(council=council) if can_open(p, access)],
    }
    return render(request, "reports/council_report.html", context)


@require_GET
def programme_report(request, slug):
    programme = programme_get(slug=slug)
    access = access_for(request.user)
    form = _form(request)
    rows = None
    if form.is_bound and form.is_valid():
        rows = programme_report_rows(programme=programme, access=access, dates=form.dates())
    context = {"programme": programme, "form": form, "rows": rows, "query": request.GET.urlencode()}
    return render(request, "reports/programme_report.html", context)


def _pack_for(request, pk) -> ReportPack:
    pack = get_object_or_404(ReportPack.objects.select_related("council", "requested_by"), pk=pk)
    if not can_open(pack, access_for(request.user)):
        raise PermissionDenied("This pack includes figures not yet approved.")
    return pack


@require_GET
def pack_detail(request, pk):
    """Being prepared (the page reloads itself), failed, or ready with its files."""
    pack = _pack_for(request, pk)
    return render(request, "reports/pack_detail.html", {"pack": pack, "council": pack.council})


@login_required
@require_GET
def pack_file(request, pk, kind):
    if kind not in CONTENT_TYPES:
        raise Http404("A pack is a PDF or a Word document.")
    pack = _pack_for(request, pk)
    data = getattr(pack, kind) if pack.is_ready else None
    if data is None:
        return redirect(pack)
    response = HttpResponse(bytes(data), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}.{kind}"'
    return response
