"""Writes for the compare feature: a user's own comparison group."""

from __future__ import annotations

import logging
import secrets

from django.db import transaction
from django.utils.text import slugify

from programmes.models import ComparisonGroup

logger = logging.getLogger(__name__)


@transaction.atomic
def comparison_group_save(*, user, name: str, councils) -> ComparisonGroup:
    """A user's own named set of councils, seen only by that user."""
    slug = f"{slugify(name)[:150] or 'group'}-{secrets.token_hex(4)}"
    group = ComparisonGroup(name=name, slug=slug, kind=ComparisonGroup.Kind.SAVED, owner=user)
    group.full_clean()
    group.save()
    group.councils.set(councils)
    logger.info("User %s saved comparison group %s", user.pk, slug)
    return group
