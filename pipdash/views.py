import dataclasses
import sys

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views import defaults
from django.views.decorators.http import require_GET

from metrics import schedule
from pipdash.middleware import is_database_unavailable, service_unavailable
from pipdash.returns.home_parts import (
    councils_list_version,
    every_councils_late_rows,
    note_codes,
    users_tasks,
    whole_page_scopes,
)
from pipdash.returns.selectors import council_versions
from pipdash.returns.tables import LateReturnsTable
from pipdash.web.exports import EXPORT_PARAM, configure_tables, table_export_response
from pipdash.web.page_cache import fragment_to_serve, render_fragment_page, shared_fragment_parts
from pipdash.web.response_cache import whole_page
from programmes.access import access_for
from programmes.selectors import participating_council_list


@require_GET
def home(request):
    """The user's own task list (returns due, returned, to approve; every council's late returns for an
    adviser) above the councils taking part: each part cached under the versions of what it shows
    (pipdash/returns/home_parts.py), the councils list as one fragment for every viewer, read without building
    the list when cached. Kept whole for the session too (response_cache.py): an adviser's moves on with any
    council's write, anyone else's with their own councils' and the councils list's; a role given or taken
    away is another key."""
    access = access_for(request.user)
    roles = _roles_named(access)
    whole = whole_page(
        request,
        page=f"home:{schedule.today()}",
        scopes=whole_page_scopes(access),
        viewer=lambda read: roles,
        skip=(EXPORT_PARAM,),
    )
    if whole.response is not None:
        return whole.response
    on = schedule.today()  # the returns cycle's day (the demo may move it): overdue is by the day
    versions = council_versions()
    councils = versions.councils
    note_codes(access, councils)
    tasks = users_tasks(request.user, access, roles, councils, on)
    # Read only when the councils list's fragment is not cached (not even the query built otherwise).
    context = {"councils": SimpleLazyObject(participating_council_list)}
    if access.is_adviser:
        rows, rows_digest = every_councils_late_rows(councils, on)
        tasks = dataclasses.replace(tasks, adviser_rows=rows)
        # Built only for a download or when its rendered copy is not cached: a table costs more to make
        # (its columns are copied) than the rest of a cached home page.
        late = SimpleLazyObject(lambda: _late_returns_table(request, rows))
        if request.GET.get(EXPORT_PARAM) and (response := table_export_response(request, late)):
            return response
        # Every adviser sees the same rows: the rendered table is kept too, per address (its sort and page are
        # in the query) and per content of the rows (issue 20: the home page's cost).
        context.update(late=late, late_cache_key=f"{rows_digest}:{on.isoformat()}:{request.GET.urlencode()}")
    base, version = shared_fragment_parts(page="home", version=councils_list_version(versions))
    fragment = fragment_to_serve(request, name="home_councils", base=base, version=version)
    response = render_fragment_page(request, "home.html", {**context, "tasks": tasks}, fragment=fragment)
    whole.keep(response, viewer=roles, stale=fragment.stale)
    return response


def _roles_named(access) -> str:
    return f"{int(access.is_adviser)}:" + ";".join(
        f"{council_id}={'+'.join(sorted(r))}" for council_id, r in sorted(access.roles.items())
    )


def _late_returns_table(request, rows) -> LateReturnsTable:
    table = LateReturnsTable(rows, caption="Overdue and late returns, every council", export_key="late-returns")
    configure_tables(request, table)
    return table


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
