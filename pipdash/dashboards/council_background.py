"""The council page's background sections, stored per council (issue 20 point 4: the council page cold in at most
15 queries).

Programmes taken part in, funding, Ofsted judgements with their area grades and improvement partnerships cost
four queries, and the common write (a figure saved, every two seconds in a return week) never changes them,
yet every cold build after it read them again. So they are stored, pickled as the model instances the page uses
(CouncilBackground, pipdash/dashboards/models.py), and read with the council itself (council_get's `select`): a
current row costs no query.

A row is good only under the key it was made for: the background version of every council of the council's
series (a predecessor's Ofsted history and partnerships are on the page, so a predecessor's write must remake
it; a change of the series itself changes the councils named), `RECIPE` and Django's version (pickled model
instances are Django's own format). Every write that can change a background moves the background version of
each council whose background shows it (`councils_changed(background=...)`, pipdash/dashboards/signals.py: a
partnership moves both its councils', a council's rename its partners', any of them its successions); a
figure's does not. Any other key, or a payload that does not unpickle or is not signed with the site's secret
key, is remade from the live data and stored for the next reader; storing never fails the page (a read-only
replica still serves it). Who was inspected, and under which code each partnership is filed, are worked out
afresh on every read from the page's lineage: they are not stored.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import pickle
from dataclasses import dataclass

import django
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, transaction
from django.db.models import F, Q

from pipdash.dashboards.models import CouncilBackground
from programmes.continuity import Lineage
from programmes.models import (
    Council,
    Funding,
    ImprovementPartnership,
    OfstedJudgement,
    OfstedSubJudgement,
    Participation,
)

logger = logging.getLogger(__name__)

# Raise whenever what is stored, or how it is read, changes: every row made by older code is then remade.
RECIPE = 1


@dataclass
class Background:
    """The council page's background sections, marked for this council's page."""

    participations: list
    funding: list
    judgements: list  # the series', newest first, each with its grades as `sub_judgements.all()` gives them
    partnerships_given: list
    partnerships_received: list


def council_background(council: Council, lineage: Lineage) -> Background:
    """The council's background: the stored one when current (no query if it came with the council), else read
    from the live data (four queries) and stored (one more)."""
    key = background_key(lineage)
    found = _unpickled(_stored(council), key)
    if found is None:
        found = _read(council, lineage.series_ids)
        _store(council, key, found)
    return _marked(found, council, lineage)


def background_key(lineage: Lineage) -> str:
    versions = ",".join(f"{c.pk}:{c.background_version}" for c in lineage.series)
    return f"r{RECIPE}.dj{django.get_version()}.{versions}"


def _stored(council: Council) -> CouncilBackground | None:
    # Read with the council (council_get(select=("stored_background",))), else asked for here: one query.
    if Council.stored_background.is_cached(council):
        try:
            return council.stored_background
        except ObjectDoesNotExist:
            return None
    return CouncilBackground.objects.filter(council=council).first()


def _unpickled(stored: CouncilBackground | None, key: str) -> dict | None:
    if stored is None or stored.key != key:
        return None
    try:
        payload = bytes(stored.payload)
        signature, pickled = payload[:_SIGNATURE], payload[_SIGNATURE:]
        if not hmac.compare_digest(signature, _signed(pickled)):
            raise ValueError("not signed by this site")
        found = pickle.loads(pickled)  # noqa: S301 - signed above: written by _store, nothing else
        if set(found) != {"participations", "funding", "judgements", "partnerships"}:
            raise ValueError("not a stored background")
        return found
    except Exception:  # any payload that does not read back whole is remade, never shown
        logger.warning("council %s: stored background unreadable, remade", stored.council_id, exc_info=True)
        return None


def _read(council: Council, series: list[int]) -> dict:
    """The four lists from the live data, unmarked, as stored: four queries."""
    return {
        "participations": list(
            Participation.objects.filter(council=council).select_related("programme", "source_document")
        ),
        "funding": list(
            Funding.objects.filter(council=council)
            .select_related("programme", "project", "source_document")
            .order_by("financial_year", "received_on")
        ),
        "judgements": _judgements_and_grades(series),
        "partnerships": list(
            ImprovementPartnership.objects.filter(Q(supporting_id__in=series) | Q(supported_id__in=series))
            .select_related("supporting", "supported", "programme", "source_document")
        ),
    }


def _store(council: Council, key: str, found: dict) -> None:
    """One upsert, pickled before the page marks anything. The key holds the versions read with the council,
    before the lists were read, so a row made while a write landed is stored under the older key and remade by
    the next reader. Never failing the page: a row not stored is made again by the next reader."""
    pickled = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
    row = CouncilBackground(council=council, key=key, payload=_signed(pickled) + pickled)
    try:
        with transaction.atomic():
            CouncilBackground.objects.bulk_create(
                [row], update_conflicts=True, unique_fields=["council"], update_fields=["key", "payload", "made_at"]
            )
    except DatabaseError:
        logger.exception("council %s: background not stored", council.pk)


# Unpickling runs code: a payload is unpickled only if this site signed it, so that a row written to the
# database by anything but _store (a restored dump, a compromised replica) is remade, never run.
_SIGNATURE = hashlib.sha256().digest_size


def _signed(pickled: bytes) -> bytes:
    key = f"pipdash.council_background:{settings.SECRET_KEY}".encode()
    return hmac.new(key, pickled, hashlib.sha256).digest()


def _marked(found: dict, council: Council, lineage: Lineage) -> Background:
    """The lists as this council's page shows them: each partnership and judgement marked with the council of
    the series it was filed under or held by, where that is not this council."""
    series = lineage.series_ids
    partnerships = found["partnerships"]
    for partnership in partnerships:
        party = partnership.supporting if partnership.supporting_id in series else partnership.supported
        partnership.filed_as = party if party.pk != council.pk else None
        party.carried_on = party.pk != lineage.live.pk  # recoded, not abolished: the partnership did not end
    judgements = [_with_grades(judgement, grades) for judgement, grades in found["judgements"]]
    for judgement in judgements:
        # Who was inspected: the council of the series that operated then, whatever code it is filed under.
        held = lineage.held_on(judgement.inspected_on or judgement.published_on, filed_under=judgement.council)
        judgement.filed_as = held if held.pk != council.pk else None
    return Background(
        participations=found["participations"],
        funding=found["funding"],
        judgements=judgements,
        partnerships_given=[p for p in partnerships if p.supporting_id in series],
        partnerships_received=[p for p in partnerships if p.supported_id in series],
    )


def _judgements_with_grades(series) -> list[OfstedJudgement]:
    """The series' Ofsted judgements, newest first, each with its area grades as `sub_judgements.all()`
    gives them: one query, the grades joined to their judgement (a row per grade) rather than prefetched."""
    return [_with_grades(judgement, grades) for judgement, grades in _judgements_and_grades(series)]


def _judgements_and_grades(series) -> list[tuple[OfstedJudgement, list[OfstedSubJudgement]]]:
    rows = (
        OfstedJudgement.objects.filter(council_id__in=series)
        .select_related("council", "source_document")
        .annotate(sub_id=F("sub_judgements__id"), sub_area=F("sub_judgements__area"))
        .annotate(sub_grade=F("sub_judgements__grade"))
        .order_by("-inspected_on", "-published_on", "pk", "sub_judgements__id")
    )
    judgements: dict[int, OfstedJudgement] = {}
    grades: dict[int, list] = {}
    for row in rows:
        judgement = judgements.setdefault(row.pk, row)
        found = grades.setdefault(row.pk, [])
        if row.sub_id is not None:
            found.append(OfstedSubJudgement(id=row.sub_id, judgement=judgement, area=row.sub_area, grade=row.sub_grade))
    return [(judgement, grades[pk]) for pk, judgement in judgements.items()]


def _with_grades(judgement: OfstedJudgement, grades: list) -> OfstedJudgement:
    # As prefetch_related leaves them: the related manager's .all() answers from this, with no query.
    shown = OfstedSubJudgement.objects.filter(judgement_id=judgement.pk)
    shown._result_cache, shown._prefetch_done = grades, True
    judgement._prefetched_objects_cache = {"sub_judgements": shown}
    return judgement
