"""Reads for the import pages. Selectors never write."""

from metrics.imports.lookups import importable_metrics
from metrics.models import ImportBatch

RECENT_IMPORTS = 10


def import_batch_list(*, council, limit: int = RECENT_IMPORTS):
    """The council's confirmed imports, newest first, without loading the files themselves."""
    return (
        ImportBatch.objects.filter(council=council, confirmed_at__isnull=False)
        .select_related("user")
        .defer("content")
        .order_by("-confirmed_at")[:limit]
    )


def import_batches_unfinished(*, council, user, limit: int = RECENT_IMPORTS):
    """The user's own uploads not yet saved (being checked, checked, being saved), to come back to."""
    return (
        ImportBatch.objects.filter(council=council, user=user, confirmed_at__isnull=True)
        .exclude(state=ImportBatch.State.FAILED)
        .defer("content", "checked_preview")
        .order_by("-created_at")[:limit]
    )


def template_metric_count(*, council) -> int:
    return importable_metrics(council=council).count()
