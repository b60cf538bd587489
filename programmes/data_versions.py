"""Each council's data versions: the numbers every cached page of that council is keyed on.

Every write that changes what a council's pages show bumps `Council.data_version` (signals in
pipdash.dashboards.signals for ordinary saves; bulk writers, which send no signals, call
councils_changed). A write that changes only what the council's own managers and approvers see (a draft
figure) bumps only that: `Council.published_version`, the version of everyone else's pages, moves on
only when what everyone sees changes, so a manager's drafts never send every reader's page to be rebuilt
(`Council.version_seen_by`).
The versions live in the database, not in process memory, so every gunicorn process and host agrees.
Every bump also moves the councils' generations in the shared cache (pipdash/web/response_cache.py), which
the whole pages kept in the cache are keyed on: read with no database query.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, Count, F, Sum, When

from pipdash.web.response_cache import ANY, BACKGROUNDS, EVERY, bump_generations
from programmes.models import Council


def councils_changed(*, council_ids=None, published: bool = True, background: bool = True) -> None:
    """Mark councils' pages out of date; None means every council (an official figure changed).
    `published=False`: only the pages of those who see the councils' drafts. `background=False`: a write
    that cannot change the council page's background sections (a figure, a milestone), which leaves the
    councils' stored backgrounds current (pipdash/dashboards/council_background.py). True by default, so
    that a caller who has not thought about it is safe."""
    if background and council_ids is not None:
        council_ids = _with_their_successions(council_ids)
    councils = Council.objects.all() if council_ids is None else Council.objects.filter(pk__in=set(council_ids))
    moves = {"data_version": F("data_version") + 1}
    if published:
        moves["published_version"] = F("published_version") + 1
    if background:
        moves["background_version"] = F("background_version") + 1
    councils.update(**moves)
    scopes = [EVERY, ANY] if council_ids is None else [*councils.values_list("gss_code", flat=True), ANY]
    if background:  # the pages listing every council (the home page's councils) move on only with these
        scopes.append(BACKGROUNDS)
    # Now, so that no reader keeps serving what this write changes, and after the commit, so that no page
    # built from the database before it is served after it.
    bump_generations(scopes)
    transaction.on_commit(lambda: bump_generations(scopes))


def _with_their_successions(council_ids) -> set[int]:
    """The councils and every council linked to them by succession, before or after: a council replaced
    one-to-one shows its whole series' Ofsted history and partnerships on each page (programmes/continuity.py),
    so a predecessor's background write changes its successor's page. One query of the small successor table,
    for background writes only (rare); a split's or a merger's linked councils are moved on too, harmlessly."""
    found = {pk for pk in council_ids if pk}
    links = list(Council.successors.through.objects.values_list("from_council_id", "to_council_id"))
    grew = bool(links)
    while grew:
        before = len(found)
        found |= {b for a, b in links if a in found} | {a for a, b in links if b in found}
        grew = len(found) > before
    return found


def all_councils_version(*, published: bool = False) -> int:
    """A version of everything any council's pages show, for pages drawn across councils (compare, a
    programme's overview): the sum of every council's data version rises whenever any one of them does.
    `published=True`: of what everyone sees, for a viewer who sees no council's drafts."""
    field = "published_version" if published else "data_version"
    return Council.objects.aggregate(total=Sum(field))["total"] or 0


def councils_version_for(access, councils=None) -> str:
    """A version of these councils' pages (None: every council's) as this viewer sees them: with the drafts of
    those whose drafts they see, without for the rest. One query; it rises whenever any one of them changes
    (and names how many they are, so that a council leaving the set never brings back an older version)."""
    drafts = list(access.draft_council_ids)
    seen = (
        Case(When(pk__in=drafts, then=F("data_version")), default=F("published_version"))
        if drafts
        else F("published_version")
    )
    councils = Council.objects.all() if councils is None else councils
    found = councils.aggregate(total=Sum(seen), count=Count("pk"))
    return f"{found['count']}.{found['total'] or 0}"
