import sys

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from pipdash.middleware import is_database_unavailable, service_unavailable
from pipdash.returns.tables import LateReturnsTable
from pipdash.returns.tasks import tasks_for
from pipdash.web.exports import configure_tables, table_export_response
from programmes.selectors import participating_council_list


@require_GET
def home(request):
    """The councils taking part, under the user's own task list (returns due, returned, to approve)."""
    tasks = tasks_for(request.user)
    late = None
    if tasks.adviser_rows is not None:
        late = LateReturnsTable(
            tasks.adviser_rows, caption="Overdue and late returns, every council", export_key="late-returns"
        )
        configure_tables(request, late)
        if response := table_export_response(request, late):
            return response
    return render(request, "home.html", {"councils": participating_council_list(), "tasks": tasks, "late": late})


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
