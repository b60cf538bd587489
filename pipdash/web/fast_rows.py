"""Model instances from a query's rows without Model.__init__, each related object made once (issue 20 point 4).

`select_related` makes a related object for every row (282 England and regional benchmarks on a council page
are 282 copies of a handful of publications) and each object through Model.__init__, which walks every field
of its model. `instances(queryset, related=(...))` reads the same columns in one query and makes each row's
instance as Model.from_db would (every concrete field set, saved state), and each related object once per
primary key, shared by the rows that name it, as a cached relation. Skipping __init__ skips the pre_init and
post_init signals: only for models nothing listens to them for (tests/pages/test_fast_rows.py checks).
"""

from __future__ import annotations

from django.db.models.base import ModelState


def _made(model, names, values, db):
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    instance._state = state = ModelState()
    state.adding, state.db = False, db
    return instance


def instances(queryset, *, related: tuple[str, ...] = ()) -> list:
    """The queryset's rows as instances of its model, with each (forward, one-level) relation in `related`
    joined in the same query and made once per primary key."""
    model = queryset.model
    names = [f.attname for f in model._meta.concrete_fields]
    joins = []
    for name in related:
        field = model._meta.get_field(name)
        target = field.related_model
        joins.append((field, target, [f.attname for f in target._meta.concrete_fields]))
    columns = [*names, *(f"{field.name}__{attname}" for field, _, attnames in joins for attname in attnames)]
    db = queryset.db
    made_related: list[dict] = [{} for _ in joins]
    result = []
    width = len(names)
    for row in queryset.values_list(*columns):
        instance = _made(model, names, row[:width], db)
        offset = width
        for (field, target, attnames), found in zip(joins, made_related, strict=True):
            values = row[offset : offset + len(attnames)]
            offset += len(attnames)
            key = getattr(instance, field.attname)
            if key is None:
                field.set_cached_value(instance, None)
                continue
            if key not in found:
                found[key] = _made(target, attnames, values, db)
            field.set_cached_value(instance, found[key])
        result.append(instance)
    return result
