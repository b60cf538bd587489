"""Which readings a RAG needs, chosen in the database (issue 8).

A RAG reads, per metric and council, only the two newest actuals, the target it is judged against
(the first due on or after the newest actual, else the last; the first when there is no actual yet)
and the newest baseline before that target. Each is one correlated subquery walking the index
(metric, kind, period_end) backwards a step or two, so a page judges ten years of monthly figures by
reading a handful of rows per metric, in one query whatever the amount of history.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from metrics.models import Reading

# The subqueries each pick one reading; their names are the annotations on the outer query.
PICKS = ("newest", "previous", "next_target", "last_target", "baseline")


def shown_readings(*, access, council_ids):
    """Readings whose value this user sees and which have one: the published value, or for the
    council's own managers and approvers the value being worked on."""
    draft_ids = [cid for cid in council_ids if access.can_see_drafts(cid)]
    return Reading.objects.filter(
        Q(council_id__in=draft_ids, value__isnull=False)
        | (Q(published_value__isnull=False) & ~Q(council_id__in=draft_ids))
    )


def annotate_picks(outer, *, shown, council, metric):
    """`outer` with one reading id per PICKS name. `council` and `metric` are expressions naming the
    outer row's council and metric (an OuterRef, or a Value when every row is the same council)."""
    own = shown.filter(council_id=council, metric_id=metric).order_by()
    actuals = own.filter(kind=Reading.Kind.ACTUAL).order_by("-period_end")
    targets = own.filter(kind=Reading.Kind.TARGET)
    # With no actual yet, the "next" target is the first (the RAG names it: "no figure yet; target ...").
    next_target = targets.filter(period_end__gte=Coalesce(OuterRef("newest_end"), Value(dt.date.min))).order_by(
        "period_end"
    )
    last_target = targets.order_by("-period_end")
    # Dates a later pick depends on are annotated first, so that each subquery refers to the outer
    # row (a subquery nested in another would resolve OuterRef against the wrong row).
    outer = outer.annotate(newest_end=Subquery(actuals.values("period_end")[:1]))
    outer = outer.annotate(
        judged_end=Coalesce(
            Subquery(next_target.values("period_end")[:1]), Subquery(last_target.values("period_end")[:1])
        )
    )
    return outer.annotate(
        newest=Subquery(actuals.values("pk")[:1]),
        previous=Subquery(actuals.values("pk")[1:2]),
        next_target=Subquery(next_target.values("pk")[:1]),
        last_target=Subquery(last_target.values("pk")[:1]),
        baseline=Subquery(
            own.filter(kind=Reading.Kind.BASELINE, period_end__lt=OuterRef("judged_end"))
            .order_by("-period_end")
            .values("pk")[:1]
        ),
    )


def picked_ids(*outers) -> set[int]:
    """The ids of every reading the annotated querysets picked: one short query each, whose rows are
    the outer rows (metrics), not readings."""
    ids = set()
    for outer in outers:
        for row in outer.values_list(*PICKS):
            ids.update(row)
    ids.discard(None)
    return ids
