import sys

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from pipdash.middleware import is_database_unavailable, service_unavailable
from pipdash.web.page_cache import fragment_to_serve, render_fragment_page, shared_fragment_parts
from programmes.data_versions import all_councils_version
from programmes.selectors import participating_council_list


@require_GET
def home(request):
    """Every viewer sees the same list: one fragment for all, under every council's data version (a project,
    programme or participation bumps its council's), read without building the list when cached."""
    base, version = shared_fragment_parts(page="home", version=all_councils_version())
    fragment = fragment_to_serve(request, name="home_councils", base=base, version=version)
    return render_fragment_page(request, "home.html", {"councils": participating_council_list()}, fragment=fragment)


@require_GET
@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")


def server_error(request):
    """handler500: a database outage that surfaced outside a view still gets the 503 page."""
    exception = sys.exc_info()[1]
    if is_database_unavailable(exception):
        return service_unavailable(request)
    return defaults.server_error(request)
