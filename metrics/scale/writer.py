"""Batched bulk inserts with a running count per model."""

from collections import Counter, defaultdict


class Writer:
    """Buffers new objects per model and writes them with `bulk_create` in batches.

    `bulk_create` skips `save()` and its signals, so django-simple-history writes no history
    rows: synthetic figures have no edit history worth keeping, and a history row per reading
    would double the 1.1 million inserts. Callers therefore set every field `save()` would
    (a reading's unit, for instance) themselves.
    """

    def __init__(self, batch_size: int = 5000):
        self.batch_size = batch_size
        self.counts: Counter = Counter()
        self._pending: dict[type, list] = defaultdict(list)

    def save(self, objects: list) -> list:
        """Write now and return the objects with their primary keys (needed as foreign keys)."""
        if not objects:
            return []
        model = type(objects[0])
        self._flush(model)  # keep insert order per model, oldest first
        created = model.objects.bulk_create(objects, batch_size=self.batch_size)
        self.counts[model._meta.label] += len(created)
        return created

    def add(self, obj) -> None:
        # bulk_create skips approval, so a published figure gets its reader-facing snapshot here.
        if getattr(obj, "published_at", None) is not None and hasattr(obj, "take_snapshot"):
            obj.take_snapshot(obj.published_at)
        pending = self._pending[type(obj)]
        pending.append(obj)
        if len(pending) >= self.batch_size:
            self._flush(type(obj))

    def flush(self) -> None:
        for model in list(self._pending):
            self._flush(model)

    def _flush(self, model) -> None:
        pending = self._pending.pop(model, [])
        if pending:
            model.objects.bulk_create(pending, batch_size=self.batch_size)
            self.counts[model._meta.label] += len(pending)
