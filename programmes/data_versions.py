"""Each council's data version: the number every cached page of that council is keyed on.

Every write that changes what a council's pages show bumps `Council.data_version` (signals in
pipdash.dashboards.signals for ordinary saves; bulk writers, which send no signals, call
councils_changed). The version lives in the database, not in process memory, so every gunicorn
process and host agrees on it.
"""

from __future__ import annotations

from django.db.models import F, Sum

from programmes.models import Council


def councils_changed(*, council_ids=None) -> None:
    """Mark councils' pages out of date; None means every council (an official figure changed)."""
    councils = Council.objects.all() if council_ids is None else Council.objects.filter(pk__in=set(council_ids))
    councils.update(data_version=F("data_version") + 1)


def all_councils_version() -> int:
    """A version of everything any council's pages show, for pages drawn across councils (compare, a
    programme's overview): the sum of every council's data version rises whenever any one of them does."""
    return Council.objects.aggregate(total=Sum("data_version"))["total"] or 0
