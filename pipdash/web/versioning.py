"""Saving any record with its history and its version, so two people's edits never overwrite each other.

Every editable record (a figure, a milestone, a progress update, a risk) has a `version`; a form
posts the version it was opened at, and save_versioned refuses the save if someone saved since.
"""

from __future__ import annotations

import logging

from django.db.models import F

from pipdash.web.errors import EditConflict

logger = logging.getLogger(__name__)


def posted_version(request) -> int | None:
    """The version the user's form was opened at, or None when the form did not say."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def save_new(*, instance, user, reason: str):
    """full_clean and insert one new record with its first history entry."""
    instance.full_clean()
    instance._history_user = user
    instance._change_reason = reason
    instance.save()
    return instance


def save_versioned(*, instance, expected_version: int, changes: dict, user, reason: str, also: dict | None = None):
    """Apply `changes` (what the user typed) and `also` (what follows from it) if nobody saved in between.

    The version is claimed with a conditional UPDATE, so of two concurrent saves the second
    finds no row at the version it started from and is refused with EditConflict.
    """
    model = type(instance)
    fields = {**changes, **(also or {})}
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    claimed = model.objects.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        theirs = model.objects.get(pk=instance.pk)
        logger.info("Edit conflict on %s %s at version %s", model.__name__, instance.pk, expected_version)
        raise EditConflict(theirs=theirs, ours=changes)
    instance.version = expected_version + 1
    instance._history_user = user
    instance._change_reason = reason
    instance.save(update_fields=[*fields, "version"])
    return instance
