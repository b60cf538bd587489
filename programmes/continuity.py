"""Councils that readers think of as one across a change of code (DOMAIN.md, "Continuity").

Where one council replaced exactly one other over the same area (Barnsley and Sheffield recoded on
1 May 2025; North Yorkshire and Somerset becoming unitary in 2023), the two are one series: each
one's page and compare rows show the whole chain's figures, Ofsted history and partnerships, each
marked with the code it was filed under. A split (Northamptonshire 2021, Cumbria 2023) or a merger
(Bournemouth, Christchurch and Poole 2019) is never a series: its councils are linked, not merged.

The successor links are a small table (a few dozen rows), read whole in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from programmes.models import Council


@dataclass(frozen=True)
class Lineage:
    """One council's place among the councils before and after it."""

    council: Council
    series: tuple[Council, ...]  # every council of its one-to-one chain, oldest first, itself included
    predecessors: tuple[Council, ...]  # the councils it directly replaced, one-to-one or not
    successors: tuple[Council, ...]  # the councils that directly replaced it

    @property
    def series_ids(self) -> list[int]:
        return [c.pk for c in self.series]

    @property
    def others_in_series(self) -> list[Council]:
        return [c for c in self.series if c.pk != self.council.pk]

    @property
    def linked_predecessors(self) -> list[Council]:
        """Predecessors that are not one series with this council (it was made from a split or a merger)."""
        return [c for c in self.predecessors if c.pk not in self.series_ids]

    @property
    def linked_successors(self) -> list[Council]:
        return [c for c in self.successors if c.pk not in self.series_ids]

    @property
    def live(self) -> Council:
        """The council that carries the series today (the newest of the chain)."""
        return self.series[-1]

    def held_on(self, day: dt.date | None, filed_under: Council | None = None) -> Council:
        """The council of the series that operated on a day: who a figure or an inspection then was."""
        if day is not None:
            for council in self.series:
                if _operated_on(council, day):
                    return council
        return filed_under or self.council


def _operated_on(council: Council, day: dt.date) -> bool:
    return (council.operational_from is None or council.operational_from <= day) and (
        council.operational_to is None or day <= council.operational_to
    )


class _Links:
    """The whole successor table: who replaced whom."""

    def __init__(self):
        self.successors: dict[int, list[Council]] = defaultdict(list)
        self.predecessors: dict[int, list[Council]] = defaultdict(list)
        through = Council.successors.through.objects.select_related("from_council__region", "to_council__region")
        for link in through:
            self.successors[link.from_council_id].append(link.to_council)
            self.predecessors[link.to_council_id].append(link.from_council)

    def one_to_one_after(self, council_id: int) -> Council | None:
        following = self.successors.get(council_id, [])
        if len(following) == 1 and len(self.predecessors.get(following[0].pk, [])) == 1:
            return following[0]
        return None

    def one_to_one_before(self, council_id: int) -> Council | None:
        earlier = self.predecessors.get(council_id, [])
        if len(earlier) == 1 and len(self.successors.get(earlier[0].pk, [])) == 1:
            return earlier[0]
        return None

    def series(self, council: Council) -> list[Council]:
        chain, seen = [council], {council.pk}
        before = self.one_to_one_before(council.pk)
        while before is not None and before.pk not in seen:
            chain.insert(0, before)
            seen.add(before.pk)
            before = self.one_to_one_before(before.pk)
        after = self.one_to_one_after(council.pk)
        while after is not None and after.pk not in seen:
            chain.append(after)
            seen.add(after.pk)
            after = self.one_to_one_after(after.pk)
        return chain


def lineage_of(council: Council) -> Lineage:
    """The council's series, predecessors and successors: one query."""
    links = _Links()
    return Lineage(
        council=council,
        series=tuple(links.series(council)),
        predecessors=tuple(sorted(links.predecessors.get(council.pk, []), key=lambda c: c.name)),
        successors=tuple(sorted(links.successors.get(council.pk, []), key=lambda c: c.name)),
    )


def series_by_live_council(councils) -> tuple[dict[int, Council], dict[int, list[Council]]]:
    """For councils chosen to compare: each one's live council (a replaced one is shown as the council that
    carries its series), and each live council's earlier councils. One query, whatever the number."""
    links = _Links()
    live_of: dict[int, Council] = {}
    earlier: dict[int, list[Council]] = {}
    for council in councils:
        chain = links.series(council)
        live_of[council.pk] = chain[-1]
        earlier[chain[-1].pk] = chain[:-1]
    return live_of, earlier
