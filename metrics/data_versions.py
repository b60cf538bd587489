"""Each measure's data version: the number a measure's cached compare results are keyed on (issue 20).

A write to one council's figure moves on its measure's version only, so the compare results of every other
measure stay cached. The compare page shows every council's name and each council's own figures for what an
official measure measures, so a council's own approved figure, or a council's or region's own change, moves
on every common measure's version (a few dozen rows). Kept in the database like Council.data_version.
"""

from __future__ import annotations

from django.db.models import F

from metrics.models import Metric


def measures_changed(*, metric_ids=None) -> None:
    """Mark measures' compare results out of date; None means every common (cross-council) measure."""
    measures = Metric.objects.filter(council=None) if metric_ids is None else Metric.objects.filter(pk__in=metric_ids)
    measures.update(data_version=F("data_version") + 1)
