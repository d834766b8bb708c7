"""Ledger: partnership entries -> the alliance graph (parties as nodes, one edge per pair of
parties of an entry, each edge citing its entries and their sources). Pure.

Only current entries count. With an actor, the graph keeps the edges that actor takes part in
(its partners), so `alliances(entries, "samsung-electronics")` answers "whom does Samsung work
with, according to which articles".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from .model import Entry


@dataclass(frozen=True, slots=True)
class AllianceEdge:
    """Two parties and the partnership entries that join them, in date order; `sources` are
    the names of the documents that first reported each entry."""

    a: str
    b: str
    entries: tuple[str, ...]
    sources: tuple[str, ...]
    first: dt.date | None


@dataclass(frozen=True, slots=True)
class AllianceNode:
    """A party: its entity id, how many partners it has and the entries it is in."""

    id: str
    degree: int
    entries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AllianceGraph:
    nodes: tuple[AllianceNode, ...]
    edges: tuple[AllianceEdge, ...]


def _edges(entries: Iterable[Entry]) -> dict[tuple[str, str], list[Entry]]:
    out: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.type == "partnership" and e.status == "current":
            for a, b in combinations(sorted(set(e.parties)), 2):
                out.setdefault((a, b), []).append(e)
    return out


def alliances(entries: Iterable[Entry], actor: str | None = None) -> AllianceGraph:
    """The alliance graph of the entries (only `actor`'s edges when given); nodes by degree
    (most partners first) then id, edges by first report then parties."""
    edges = []
    for (a, b), found in _edges(entries).items():
        if actor is not None and actor not in (a, b):
            continue
        found.sort(key=lambda e: (e.published or dt.date.max, e.id))
        sources = tuple(dict.fromkeys(e.first.doc.name for e in found))
        edges.append(AllianceEdge(a, b, tuple(e.id for e in found), sources, found[0].published))
    edges.sort(key=lambda x: (x.first or dt.date.max, x.a, x.b))
    partners: dict[str, set[str]] = {}
    cited: dict[str, dict[str, None]] = {}
    for x in edges:
        for one, other in ((x.a, x.b), (x.b, x.a)):
            partners.setdefault(one, set()).add(other)
            cited.setdefault(one, {}).update(dict.fromkeys(x.entries))
    nodes = sorted(
        (AllianceNode(n, len(p), tuple(cited[n])) for n, p in partners.items()),
        key=lambda n: (-n.degree, n.id),
    )
    return AllianceGraph(tuple(nodes), tuple(edges))
