import sys

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from pipdash.middleware import is_database_unavailable, service_unavailable
from programmes.selectors import participating_council_list


@require_GET
def home(request):
    return render(request, "home.html", {"councils": participating_council_list()})


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
