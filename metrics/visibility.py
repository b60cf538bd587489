"""Which figures a user may see, and as what: the one place pages, downloads and the API all read from.

Every signed-in user sees every council's approved figures as approved (their published snapshot);
a council's own managers and approvers also see its drafts, submitted and returned figures as they
stand (DOMAIN.md, "Who sees what"; programmes/access.py says who is who).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from metrics.models import SNAPSHOT_FIELDS, Reading

# What a page reads of a reading; audit columns (who entered it, when) stay in the database and
# are read from the reading's history only where its source needs them (metrics/provenance.py).
READING_FIELDS = (
    "id",
    "metric_id",
    "council_id",
    "project_id",
    "kind",
    "unit",
    "value",
    "qualifier",
    "missing_reason",
    "published_value",
    "status",
    "period_start",
    "period_end",
    "source_document_id",
    "source_location",
    "release_id",
    "note",
    "explanation",
    "recovery_action",
    "action_owner",
    "version",
    # The approved snapshot, which is all that readers outside the council are shown.
    *SNAPSHOT_FIELDS,
    "published_at",
)


def visible_readings(*, access, councils: Iterable | None, project=None):
    """Readings of these councils (None: every council) the user may see: approved ones, plus drafts of
    councils they manage or approve. Every page, download and the API read figures through here."""
    if councils is None:
        readings = Reading.objects.all()
        draft_ids = access.draft_council_ids
    else:
        council_ids = [c if isinstance(c, int) else c.pk for c in councils]
        readings = Reading.objects.filter(council_id__in=council_ids)
        draft_ids = [cid for cid in council_ids if access.can_see_drafts(cid)]
    # A published gap (an official figure suppressed, with its reason) is shown as a gap, never dropped.
    published_gap = Q(published_at__isnull=False, published_value__isnull=True) & ~Q(published_missing_reason="")
    readings = readings.filter(Q(published_value__isnull=False) | published_gap | Q(council_id__in=draft_ids))
    if project is not None:
        readings = readings.filter(Q(project=project) | Q(metric__project=project))
    return readings.only(*READING_FIELDS).order_by("metric_id", "period_end", "kind")


def filter_as_seen(readings, *, access, kind=None, status=None, period_from=None, period_to=None):
    """Narrow visible readings by what this user is shown of them: the draft's kind, dates and status for
    the council's own managers and approvers, the approved snapshot's for everyone else (who see
    every figure as approved)."""
    own = Q(council_id__in=access.draft_council_ids)
    as_seen = []
    if kind:
        as_seen.append((Q(kind=kind), Q(published_kind=kind)))
    if period_from:
        as_seen.append((Q(period_end__gte=period_from), Q(published_period_end__gte=period_from)))
    if period_to:
        as_seen.append((Q(period_end__lte=period_to), Q(published_period_end__lte=period_to)))
    if status:
        as_seen.append((Q(status=status), Q() if status == Reading.Status.APPROVED else Q(pk__in=[])))
    for drafts, published in as_seen:
        readings = readings.filter((own & drafts) | (~own & published))
    return readings




def approved_as_at(readings, when):
    """The approved figures among `readings` as they were published at `when` (an aware datetime):
    (readings whose snapshot has not changed since, a queryset to stream; older snapshots of those
    approved again since, rebuilt from their history, a list).

    Only approval changes a snapshot, and approval stamps published_at, so a snapshot older than
    `when` is the one readers saw then."""
    unchanged = readings.filter(published_at__lte=when)
    later = readings.filter(published_at__gt=when).values("pk")
    rows = (
        Reading.history.filter(id__in=later, history_date__lte=when, published_at__isnull=False)
        .order_by("id", "-history_date", "-history_id")
        .iterator(chunk_size=2000)
    )
    earlier, seen = [], set()
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            earlier.append(row.instance)
    return unchanged, earlier
