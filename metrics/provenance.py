"""Where a figure shown came from: a document (and the place in it), a spreadsheet import, or
what the person who entered it in pipdash gave as its source. Every figure shown can say which
(DOMAIN.md). Sources in their place (issue 13 rule 6): a manager's "where this figure comes from"
is the figure's Source; who entered it and when stays in its history (the project's History page).

The reading's source document alone is not enough: a figure entered in the browser has none, and a
paper's figure that a manager then edited keeps the paper as its document although its value is now
the manager's. A reading's history says who set its value and how. It is read, in one query for
all of them, only for readings that have been through pipdash's services since they were loaded
(version past 1) or that have no document; the others are as their document says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone

from metrics import history_reasons as reasons
from metrics.models import OfficialRelease, Reading
from pipdash.dates import partial_iso, uk_date
from programmes.models import SourceDocument


@dataclass(frozen=True)
class FigureSource:
    """One figure's source as readers see it."""

    document: SourceDocument | None = None
    location: str = ""
    entered_by: str = ""
    entered_on: dt.date | None = None
    given: str = ""  # what the person who entered the figure gave as its source
    release: OfficialRelease | None = None  # an official figure's release of its publication

    @classmethod
    def of_reading(cls, reading: Reading) -> FigureSource:
        """From the reading alone: its document and the place in it, if it has one, and its release
        where the caller fetched it (never a query of its own)."""
        release = Reading.release.field.get_cached_value(reading, None)
        return cls(document=reading.source_document, location=reading.source_location, release=release)

    @property
    def is_official(self) -> bool:
        return self.document is not None and self.document.kind == SourceDocument.Kind.OFFICIAL_STATISTICS

    @property
    def technical(self) -> str:
        """Where in an official file the figure is (its column and line): for a details element only,
        since readers cite the publication and its release, not a file's line (issue 13 rule 6)."""
        if not self.is_official or not self.location:
            return ""
        file_name = self.release.file_name if self.release is not None else ""
        return f"{self.location} of {file_name}" if file_name else self.location

    def _release_text(self) -> str:
        if self.release is None:
            return ""
        published = f", published {uk_date(self.release.published_on)}" if self.release.published_on else ""
        return f", {self.release.name}{published}"

    @property
    def is_imported(self) -> bool:
        return self.document is not None and self.document.kind == SourceDocument.Kind.SPREADSHEET

    @property
    def is_entered(self) -> bool:
        return self.document is None and self.entered_on is not None

    @property
    def pk(self) -> int | None:
        """The source document's id (None when there is none)."""
        return self.document.pk if self.document is not None else None

    @property
    def url(self) -> str:
        return self.document.url if self.document is not None else ""

    @property
    def name(self) -> str:
        """What the figures CSV's source_document column says; its date goes in source_date."""
        if self.is_imported:
            return f"Imported from {self.document.file_name or self.document.title}{self._given()}"
        if self.is_official:
            return f"{self.document.title}{self._release_text()}"
        if self.document is not None:
            return f"{self.document.title}, {self.location}" if self.location else self.document.title
        if self.is_entered:
            return self.given or NO_SOURCE_GIVEN
        return "Not recorded"

    @property
    def iso_date(self) -> str:
        """The date for a download, as precise as it is known: the document's, or the day entered."""
        if self.document is not None:
            return partial_iso(self.document.published_on, self.document.published_precision)
        # A source a manager typed has no date pipdash knows; the day it was entered is history.
        return ""

    @property
    def citation(self) -> str:
        """The sentence a page shows: 'Lincolnshire PiP update, Scrutiny Committee, 20 July 2018, Project 1',
        or what a manager gave ('Training team's register, June 2018')."""
        if self.is_imported:
            imported = self.document.file_name or self.document.title
            when = f", {self.document.date_label}" if self.document.published_on else ""
            return f"Imported from {imported}{when}{self._given()}"
        if self.is_official:
            return f"{self.document.citation}{self._release_text()}"
        if self.document is not None:
            return f"{self.document.citation}, {self.location}" if self.location else self.document.citation
        if self.is_entered:
            return self.given or NO_SOURCE_GIVEN
        return "Source not recorded"

    def _given(self) -> str:
        return f" (source given: {self.location})" if self.location else ""

    def __str__(self) -> str:
        return self.citation


NOT_RECORDED = FigureSource()
NO_SOURCE_GIVEN = "No source given when it was entered"


def needs_history(reading: Reading) -> bool:
    # Read from __dict__ so that a reading fetched without its version costs the history query, not
    # a query of its own to load the version.
    version = reading.__dict__.get("version")
    return reading.source_document_id is None or version is None or version > 1


def figure_sources(readings, *, documents: dict | None = None) -> dict[int, tuple[FigureSource, FigureSource]]:
    """For each reading whose history tells more than its document, (the source of its current
    value, the source of its published value). One query for the history, plus one for any
    document an older version cited that `documents` (id: document) lacks; none if no reading
    needs its history. Readings left out are as FigureSource.of_reading says."""
    wanted = {r.pk: r for r in readings if needs_history(r)}
    if not wanted:
        return {}
    documents = dict(documents or {})
    rows = list(
        Reading.history.filter(id__in=list(wanted))
        .order_by("id", "history_date", "history_id")
        .values_list(
            "id",
            "history_date",
            "history_type",
            "history_change_reason",
            "history_user__first_name",
            "history_user__last_name",
            "history_user__username",
            "source_document_id",
            "source_location",
            "published_value",
        )
    )
    missing = {row[7] for row in rows} - set(documents) - {None}
    if missing:
        documents.update(SourceDocument.objects.in_bulk(missing))
    by_reading: dict[int, list] = {}
    for row in rows:
        by_reading.setdefault(row[0], []).append(row)
    result = {}
    for pk, reading in wanted.items():
        current, published = _replay(by_reading.get(pk, []), documents)
        fallback = FigureSource.of_reading(reading) if reading.source_document_id else NOT_RECORDED
        # No history of how the published value was set (a reading written in bulk): its document.
        result[pk] = (_with_release(current or fallback, fallback), _with_release(published or fallback, fallback))
    return result


def _with_release(source: FigureSource, of_reading: FigureSource) -> FigureSource:
    """History does not record releases: a source that is the reading's own document and place is
    from the reading's release."""
    same = source.document is not None and source.document == of_reading.document
    if same and source.location == of_reading.location and source.release is None:
        return replace(source, release=of_reading.release)
    return source


def _replay(rows, documents) -> tuple[FigureSource | None, FigureSource | None]:
    """Walk one reading's history in order, following where its value and its published value came from."""
    current = published = None
    # History that starts after the reading was made (it was written in bulk) does not say where the
    # published value it starts with came from.
    previous_published = rows[0][-1] if rows and rows[0][2] != "+" else None
    for _, when, _, reason, first, last, username, document_id, location, published_value in rows:
        reason = reason or ""
        # Approval publishes the value; submitting and returning move it along without changing it.
        if reason == reasons.APPROVED:
            published = current
        elif reasons.step(reason) != reasons.SUBMITTED and not reasons.is_returned(reason):
            # A row written without a user (a loader, a shell) has no names: None, not "None None".
            who = " ".join(name for name in (first, last) if name) or username or ""
            if reasons.step(reason) in reasons.SETS_VALUE or (document_id is None and who):
                current = FigureSource(
                    entered_by=who, entered_on=timezone.localtime(when).date(), given=location or ""
                )
            elif document_id is not None:
                current = FigureSource(document=documents.get(document_id), location=location or "")
            else:
                current = NOT_RECORDED
            # A loader or an official import publishes the value as it sets it.
            if published_value is not None and published_value != previous_published:
                published = current
        previous_published = published_value
    return current, published
