"""The home page's cached parts, each under the versions of what it shows (issue 20 point 4).

Any council's write (a figure saved every few seconds in a return week) moves that council's data version on,
and nothing else: so the adviser's late returns are kept council by council (only the councils whose version
moved are read again), the user's own tasks under the versions of their own councils, the councils list under
the background versions (its councils' names, regions, programmes and projects: pipdash/dashboards/signals.py
BACKGROUND) and the number of projects, and a whole page that shows no other council's figures under its own
councils' generations.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from pipdash.returns.selectors import CouncilVersion, CouncilVersions, scheduled_council_ids
from pipdash.returns.tasks import Tasks, late_rows_by_council, tasks_for
from pipdash.web.page_cache import PAGE_CACHE_SECONDS
from pipdash.web.response_cache import ANY, BACKGROUNDS, EVERY, RESPONSE_SECONDS
from programmes.models import Council


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:20]


def councils_list_version(versions: CouncilVersions) -> str:
    """The councils list's version: it rises whenever any council's background does (a council, region, programme
    or participation changed, a project changed or deleted), names how many projects there are (a new one moves
    no background) and how many councils, so that a council deleted never brings back an older version."""
    backgrounds = sum(c.background_version for c in versions.councils)
    return f"bg{len(versions.councils)}.{versions.projects}.{backgrounds}"


def every_councils_late_rows(councils: list[CouncilVersion], on) -> tuple[list[dict], str]:
    """Every council's overdue, missed and late returns in the councils' order, and a digest of them (the rendered
    table's key). Each council's rows are kept under its own data version and the day: one cache round trip
    when none moved; else one query for which of the councils whose version moved have a scheduled measure (a
    measure's save moves its council's version), and three for those that have (late_rows_by_council)."""
    day = on.isoformat()
    keys = {c.pk: f"home-late-rows:{c.pk}:{c.data_version}:{day}" for c in councils}
    found = cache.get_many(list(keys.values()))
    missing = [c for c in councils if keys[c.pk] not in found]
    if missing:
        scheduled = scheduled_council_ids([c.pk for c in missing])
        built = late_rows_by_council({c.pk: c.name for c in missing if c.pk in scheduled}, on) if scheduled else {}
        fresh = {keys[c.pk]: _with_digest(built.get(c.pk, [])) for c in missing}
        cache.set_many(fresh, PAGE_CACHE_SECONDS)
        found.update(fresh)
    rows, digests = [], []
    for council in councils:
        part, digest = found[keys[council.pk]]
        if part:
            rows.extend(part)
            digests.append(digest)
    return rows, _digest(digests)


def _with_digest(rows: list[dict]) -> tuple[list[dict], str]:
    return rows, _digest(rows)


def users_tasks(user, access, roles: str, councils: list[CouncilVersion], on) -> Tasks:
    """The user's own task list (returns due, returned, to approve), kept per user and roles under the data
    versions of the councils it draws from: those they manage or approve for (a figure, update or milestone
    bumps its council's; a programme's reporting rule every council's). A role given or taken away is a new key;
    a manager's own save moves their council's version, so it shows at once. Without the adviser's table."""
    own = set(access.draft_council_ids)
    versions = [(c.pk, c.data_version) for c in councils if c.pk in own]
    key = f"home-tasks:{user.pk}:{roles}:{_digest(versions)}:{on.isoformat()}"
    tasks = cache.get(key)
    if tasks is None:
        tasks = tasks_for(user, on, every_council=lambda day: None)
        cache.set(key, tasks, PAGE_CACHE_SECONDS)
    return tasks


def whole_page_scopes(access) -> list[str]:
    """The generations the user's whole home page is kept under: an adviser's shows every council's late returns
    (ANY); anyone else's only their own councils' tasks (their GSS codes; EVERY for a programme's reporting rule)
    above the councils list (BACKGROUNDS), so another council's figure leaves it kept."""
    if access.is_adviser:
        return [ANY]
    own = sorted(access.draft_council_ids)
    if not own:
        return [BACKGROUNDS]
    return [*_codes_of(own), EVERY, BACKGROUNDS]


def _codes_key(council_ids) -> str:
    return "home-council-codes:" + ",".join(map(str, council_ids))


def _codes_of(council_ids: list[int]) -> list[str]:
    """These councils' GSS codes, kept in the cache so that a kept page is served with no query. A code changed
    (a council's save, which moves BACKGROUNDS, so the next request rebuilds) is put right by note_codes."""
    key = _codes_key(council_ids)
    codes = cache.get(key)
    if codes is None:
        codes = list(Council.objects.filter(pk__in=council_ids).order_by("pk").values_list("gss_code", flat=True))
        cache.set(key, codes, RESPONSE_SECONDS)
    return codes


def note_codes(access, councils: list[CouncilVersion]) -> None:
    """On a rebuild, keep the user's councils' GSS codes as they now are, if the kept copy differs."""
    own = sorted(access.draft_council_ids)
    if access.is_adviser or not own:
        return
    codes = [c.gss_code for c in sorted(councils, key=lambda c: c.pk) if c.pk in set(own)]
    key = _codes_key(own)
    if cache.get(key) != codes:
        cache.set(key, codes, RESPONSE_SECONDS)
