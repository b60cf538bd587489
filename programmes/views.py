from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmes.selectors import council_get, programme_get


@require_GET
def council_detail(request, gss_code):
    council = council_get(gss_code=gss_code)
    return render(request, "programmes/council_detail.html", {"council": council})


@require_GET
def programme_detail(request, slug):
    programme = programme_get(slug=slug)
    return render(request, "programmes/programme_detail.html", {"programme": programme})
