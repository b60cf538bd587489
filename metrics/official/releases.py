"""Releases of a publication: which one each figure came from, so that an older release never replaces a newer.

DfE revises figures in later releases (England's 2017 caseload was 17.8, revised to 17.7). Loading an
older file again must not put the superseded figure back: the older value is skipped and reported,
unless the user says `--replace-newer`. A release with no date cannot be shown to be newer than a dated
one, so it does not replace a dated release's figures either (it is said, with how to let it); a figure
stored with no dated release is replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from metrics.models import OfficialRelease, Reading
from pipdash.dates import uk_date


@dataclass(frozen=True)
class Release:
    name: str = ""  # "Reporting year 2025", as EES names it
    published_on: dt.date | None = None
    replace_newer: bool = False

    def label(self, file_name: str) -> str:
        if self.name:
            return self.name
        if self.published_on:
            return f"published {uk_date(self.published_on)}"
        return file_name or "unnamed release"


def release_save(publication_key: str, release: Release, file_name: str, *, write: bool = True) -> OfficialRelease:
    """The release, recorded (or its date and file refreshed); on a dry run found or made, never written."""
    name = release.label(file_name)[:200]
    fields = {"published_on": release.published_on, "file_name": file_name[:255]}
    if write:
        return OfficialRelease.objects.update_or_create(publication_key=publication_key, name=name, defaults=fields)[0]
    found = OfficialRelease.objects.filter(publication_key=publication_key, name=name).first()
    return found or OfficialRelease(publication_key=publication_key, name=name, **fields)


def newer_kept(
    stored_release_id, incoming: OfficialRelease | None, release: Release | None, dates: dict
) -> OfficialRelease | None:
    """The stored figure's release when it is newer than the incoming one and must be kept; else None."""
    if incoming is None or release.replace_newer or stored_release_id in (None, incoming.pk):
        return None
    stored_on = dates.get(stored_release_id)
    # A dated figure is kept from a release with no date: nothing shows that release to be the newer.
    if stored_on is None or (incoming.published_on is not None and stored_on <= incoming.published_on):
        return None
    return OfficialRelease(pk=stored_release_id, published_on=stored_on)


def release_dates(ids) -> dict:
    return dict(OfficialRelease.objects.filter(pk__in={i for i in ids if i}).values_list("pk", "published_on"))


def releases_by_metric(*, council_id: int, metric_ids) -> dict[int, list[OfficialRelease]]:
    """The releases a council's official figures came from, newest first for each measure: one query."""
    rows = (
        Reading.objects.filter(council_id=council_id, metric_id__in=list(metric_ids), release__isnull=False)
        .order_by()
        .values_list("metric_id", "release_id", "release__publication_key", "release__name", "release__published_on")
        .distinct()
    )
    found: dict[int, list[OfficialRelease]] = {}
    for metric_id, pk, publication_key, name, published_on in rows:
        release = OfficialRelease(pk=pk, publication_key=publication_key, name=name, published_on=published_on)
        found.setdefault(metric_id, []).append(release)
    for items in found.values():
        items.sort(key=lambda r: (r.published_on or dt.date.min, r.name), reverse=True)
    return found
