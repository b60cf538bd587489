import sys

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from pipdash.middleware import is_database_unavailable, service_unavailable
from pipdash.returns.tables import LateReturnsTable
from pipdash.returns.tasks import tasks_for
from pipdash.web.exports import configure_tables, table_export_response
from pipdash.web.page_cache import fragment_to_serve, render_fragment_page, shared_fragment_parts
from programmes.data_versions import all_councils_version
from programmes.selectors import participating_council_list


@require_GET
def home(request):
    """The user's own task list (returns due, returned, to approve; every council's late returns for an
    adviser), built for each request, above the councils taking part: one fragment for every viewer,
    under every council's data version (a project, programme or participation bumps its council's),
    read without building the list when cached."""
    tasks = tasks_for(request.user)
    late = None
    if tasks.adviser_rows is not None:
        late = LateReturnsTable(
            tasks.adviser_rows, caption="Overdue and late returns, every council", export_key="late-returns"
        )
        configure_tables(request, late)
        if response := table_export_response(request, late):
            return response
    base, version = shared_fragment_parts(page="home", version=all_councils_version())
    fragment = fragment_to_serve(request, name="home_councils", base=base, version=version)
    context = {"councils": participating_council_list(), "tasks": tasks, "late": late}
    return render_fragment_page(request, "home.html", context, fragment=fragment)


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
