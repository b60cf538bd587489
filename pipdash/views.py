import sys

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views import defaults
from django.views.decorators.http import require_GET

from metrics import schedule
from pipdash.middleware import is_database_unavailable, service_unavailable
from pipdash.returns.tables import LateReturnsTable
from pipdash.returns.tasks import adviser_rows, tasks_for
from pipdash.web.exports import EXPORT_PARAM, configure_tables, table_export_response
from pipdash.web.page_cache import PAGE_CACHE_SECONDS, fragment_to_serve, render_fragment_page, shared_fragment_parts
from pipdash.web.response_cache import ANY, whole_page
from programmes.access import access_for
from programmes.data_versions import all_councils_version
from programmes.selectors import participating_council_list


@require_GET
def home(request):
    """The user's own task list (returns due, returned, to approve; every council's late returns for an
    adviser), cached per user and roles, above the councils taking part: one fragment for every viewer,
    under every council's data version (a project, programme or participation bumps its council's),
    read without building the list when cached. Kept whole for the session too (response_cache.py): any
    council's write moves the page on, and a role given or taken away is another key."""
    access = access_for(request.user)
    roles = _roles_named(access)
    whole = whole_page(
        request, page=f"home:{schedule.today()}", scopes=[ANY], viewer=lambda read: roles, skip=(EXPORT_PARAM,)
    )
    if whole.response is not None:
        return whole.response
    every_version = all_councils_version()
    tasks = _users_tasks(request.user, every_version)
    late = None
    if tasks.adviser_rows is not None:
        # Built only for a download or when its rendered copy is not cached: a table costs more to make
        # (its columns are copied) than the rest of a cached home page.
        late = SimpleLazyObject(lambda: _late_returns_table(request, tasks.adviser_rows))
        if request.GET.get(EXPORT_PARAM) and (response := table_export_response(request, late)):
            return response
    base, version = shared_fragment_parts(page="home", version=every_version)
    fragment = fragment_to_serve(request, name="home_councils", base=base, version=version)
    context = {"councils": participating_council_list(), "tasks": tasks, "late": late}
    if late is not None:
        # Every adviser sees the same rows (cached under the same version and day): the rendered table is
        # kept too, per address, since its sort and page are in the query (issue 20: the home page's cost).
        context["late_cache_key"] = f"{every_version}:{schedule.today().isoformat()}:{request.GET.urlencode()}"
    response = render_fragment_page(request, "home.html", context, fragment=fragment)
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


def _users_tasks(user, version: int):
    """The user's task list, built once per version of every council's data, per day and per set of roles.

    Every input of a task list (figures and their states, measures, reporting rules, returned or submitted
    updates and milestones) is a watched write that raises its council's data version (pipdash/dashboards/
    signals.py; bulk writers call councils_changed), so the sum of every council's version moves on with any
    of them, and a manager sees their own save at once. The key names the user (an approver's queue leaves
    out what they entered) and their roles, so a role given or taken away is a new key (issue 20)."""
    on = schedule.today()  # the returns cycle's day (the demo may move it): overdue is by the day
    key = f"home-tasks:{user.pk}:{_roles_named(access_for(user))}:{version}:{on.isoformat()}"
    tasks = cache.get(key)
    if tasks is None:
        tasks = tasks_for(user, on, every_council=lambda day: _every_councils_returns(version, day))
        cache.set(key, tasks, PAGE_CACHE_SECONDS)
    return tasks


def _every_councils_returns(version, on=None) -> list[dict]:
    """Every council's overdue, missed and late returns: the same for every adviser, so built once per version of
    every council's data (a figure, measure or reporting rule bumps its council's) and per day (overdue days)."""
    on = on or schedule.today()  # the returns cycle's day (the demo may move it)
    key = f"home-every-councils-returns:{version}:{on.isoformat()}"
    rows = cache.get(key)
    if rows is None:
        rows = adviser_rows(on)
        cache.set(key, rows, PAGE_CACHE_SECONDS)
    return rows


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
