"""A programme overview's per-council rows and summary parts, stored in the database (issue 20 point 4).

A cold overview read every council's picked figures and judged some 4,000 measures in Python: most of a
second at national scale. Here each council's row and part are stored once made (ProgrammeCouncilRow,
pipdash/dashboards/models.py), in the variant this viewer sees (with the council's drafts or as published),
and a cold overview reads them all in one query. A stored row is used only if it was made from the council's
version this viewer sees, today and by this recipe: any other (a write since, yesterday's, older code) is
remade here from the live data, for those councils only, before the page is shown, and stored for the next
reader. So a manager sees their own save at once (their save moved the council's data version, so its
with-drafts row no longer matches), nobody is shown a row of drafts they may not see (the variant is chosen
by what this viewer may see, never by what is stored), and a write costs nothing more: the row is remade by
the next reader who needs it, which for a cached page is the task runner's rebuild (pipdash/web/page_rebuild.py).
`manage.py refresh_programme_rows` makes every row for the day ahead of the first reader (cron, after midnight).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import fields
from decimal import Decimal

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from pipdash.dashboards.models import ProgrammeCouncilRow
from pipdash.dashboards.programme_selectors import programme_overview_parts
from pipdash.dashboards.programme_summary import MilestoneLine, OffTrackLine, ProgrammeSummary
from programmes.models import Participation

logger = logging.getLogger(__name__)

# Raise whenever what a row or part holds, or the rules that make them, change: every stored row made by
# older code is then remade rather than shown.
RECIPE = 1

# The row's own figures: the council and its participation are joined afresh on every read, not stored.
ROW_FIGURES = ("projects", "active", "finished", "green", "amber", "red", "no_rag", "partnerships", "overdue")
_OFF_TRACK = [f.name for f in fields(OffTrackLine)]
_MILESTONE = [f.name for f in fields(MilestoneLine)]


def programme_parts(*, programme, access, today: dt.date | None = None) -> list[tuple[dict, ProgrammeSummary]]:
    """(row, summary part) of each council taking part, in council order, as this viewer may see them: the
    stored ones that are current, the rest made now (and stored). Two queries when every row is current."""
    today = today or timezone.localdate()
    participations = list(
        Participation.objects.filter(programme=programme).select_related("council__region").order_by("council__name")
    )
    if not participations:
        return []
    by_council = {p.council_id: p for p in participations}
    # Each council's variant (with its drafts or as published) and the version of it this viewer sees.
    wanted = {
        p.council_id: (access.can_see_drafts(p.council), p.council.version_seen_by(access)) for p in participations
    }
    found = {}
    for council_id, with_drafts, version, row, part in _stored(programme, wanted, today):
        if wanted[council_id] == (with_drafts, version):
            found[council_id] = (_row_of(by_council[council_id], row), _part_of(part, today))
    missing = [p for p in participations if p.council_id not in found]
    if missing:
        made = programme_overview_parts(programme=programme, access=access, today=today, participations=missing)
        store(programme=programme, wanted=wanted, today=today, made=made)
        found |= {row["council"].pk: (row, part) for row, part in made}
    return [found[p.council_id] for p in participations]


def _stored(programme, wanted: dict, today: dt.date):
    """The stored rows in the variant this viewer sees of each council, one query."""
    drafts = [council_id for council_id, (with_drafts, _) in wanted.items() if with_drafts]
    variant = Q(with_drafts=False) & ~Q(council_id__in=drafts) | Q(with_drafts=True, council_id__in=drafts)
    return (
        ProgrammeCouncilRow.objects.filter(programme=programme, judged_on=today, recipe=RECIPE)
        .filter(variant if drafts else Q(with_drafts=False))
        .values_list("council_id", "with_drafts", "version", "row", "part")
    )


def store(*, programme, wanted: dict, today: dt.date, made) -> None:
    """Keep the rows and parts just made, one upsert; the versions are those read before the figures were,
    so a row made while a write landed is stored under the older version and remade by the next reader."""
    rows = []
    for row, part in made:
        council_id = row["council"].pk
        with_drafts, version = wanted[council_id]
        rows.append(
            ProgrammeCouncilRow(
                programme=programme,
                council_id=council_id,
                with_drafts=with_drafts,
                version=version,
                judged_on=today,
                recipe=RECIPE,
                row=_row_figures(row),
                part=_part_data(part),
            )
        )
    # In one order for every writer, so two readers storing the same councils' rows at once wait for each
    # other rather than deadlock; and never failing the page: a row not stored is made again by the next reader.
    rows.sort(key=lambda stored: (stored.council_id, stored.with_drafts))
    try:
        with transaction.atomic():
            ProgrammeCouncilRow.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["programme", "council", "with_drafts"],
                update_fields=["version", "judged_on", "recipe", "row", "part", "made_at"],
            )
    except DatabaseError:
        logger.exception("programme %s: %s council rows not stored", programme.pk, len(rows))


def _row_figures(row: dict) -> dict:
    figures = {name: row[name] for name in ROW_FIGURES}
    # Pounds kept exactly, as text; None is "not stated", never £0.
    figures["funding"] = None if row["funding"] is None else str(row["funding"])
    return figures


def _row_of(participation, figures: dict) -> dict:
    funding = figures["funding"]
    return {
        "council": participation.council,
        "joined_on": participation.joined_on,
        "joined_label": participation.joined_label,
        **{name: figures[name] for name in ROW_FIGURES},
        "funding": None if funding is None else Decimal(funding),
    }


def _part_data(part: ProgrammeSummary) -> dict:
    """The part as JSON: each line its fields in order (dataclasses.astuple, which deep-copies, cost most of a
    second for a national programme's lines)."""

    def milestones(lines):
        return [_milestone(line) for line in lines]

    return {
        "projects": part.projects,
        "measures": part.measures,
        "off_track": [[getattr(line, name) for name in _OFF_TRACK] for line in part.off_track],
        "due": milestones(part.due),
        "missed": milestones(part.missed),
    }


def _milestone(line: MilestoneLine) -> list:
    return [line.due_on.isoformat() if name == "due_on" else getattr(line, name) for name in _MILESTONE]


def _part_of(data: dict, today: dt.date) -> ProgrammeSummary:
    at = _MILESTONE.index("due_on")

    def milestones(lines):
        return [MilestoneLine(*line[:at], dt.date.fromisoformat(line[at]), *line[at + 1 :]) for line in lines]

    return ProgrammeSummary(
        today=today,
        projects=[tuple(count) for count in data["projects"]],
        measures=[tuple(count) for count in data["measures"]],
        off_track=[OffTrackLine(*line) for line in data["off_track"]],
        due=milestones(data["due"]),
        missed=milestones(data["missed"]),
    )
