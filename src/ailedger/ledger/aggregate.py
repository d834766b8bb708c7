"""Ledger: entries -> league tables (by actor or country) and an actor's timeline. Pure.

An actor's figure in a league table is its largest current entry among those selected, not
the sum of them: an actor's smaller figures of one kind are usually parts of its larger one (a
quarter, a country's share, a phase) and the ledger cannot tell a part from an addition. A
country's figure is the sum of its actors' figures. Superseded and disputed entries and stated
totals over several actors never count. Every row cites the entries it adds up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .model import Entry

By = Literal["actor", "country"]
Currency = Literal["USD", "KRW"]


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """One line of a league table: who, how much (a range when an entry is one), and the
    entries behind it."""

    rank: int
    key: str
    low: Decimal
    high: Decimal
    entries: tuple[Entry, ...]

    @property
    def sources(self) -> int:
        """Independent sources behind the cited entries."""
        return len({s.group for e in self.entries for s in e.sources})


def amount(entry: Entry, currency: Currency) -> tuple[Decimal, Decimal] | None:
    """An entry's converted value (low, high) in USD or KRW, or None without a conversion."""
    m = entry.money
    if m is None:
        return None
    low, high = (m.usd_min, m.usd_max) if currency == "USD" else (m.krw_min, m.krw_max)
    return (low, high) if low is not None and high is not None else None


def select(
    entries: Iterable[Entry],
    *,
    kind: str | None = "investment",
    year: int | None = None,
    currency: Currency = "USD",
) -> list[Entry]:
    """Current money entries of one actor each, of `kind` (None: any) and `year` (None: any),
    that have a value in `currency`."""
    return [
        e
        for e in entries
        if e.type == "money"
        and e.status == "current"
        and e.actor is not None
        and amount(e, currency) is not None
        and (kind is None or e.kind == kind)
        and (year is None or e.year == year)
    ]


def league(
    entries: Iterable[Entry],
    *,
    by: By = "actor",
    kind: str | None = "investment",
    year: int | None = None,
    currency: Currency = "USD",
    country_of: Callable[[str], str | None] | None = None,
) -> list[LeagueRow]:
    """The league table of the selected entries (see `select`), largest first (by the low end
    of ranges, then the high end).

    Args:
        entries: the ledger's entries.
        by: "actor", or "country" (an actor's country from `country_of`; actors without one
            stand for themselves).
        kind: the money kind, None for any.
        year: the year the money is for, None for any.
        currency: USD or KRW, each entry converted at its own source's rate.
        country_of: entity id -> country entity id.
    """
    best: dict[str, Entry] = {}
    for e in select(entries, kind=kind, year=year, currency=currency):
        assert e.actor is not None
        top = best.get(e.actor)
        if top is None or _key(e, currency) > _key(top, currency):
            best[e.actor] = e
    groups: dict[str, list[Entry]] = {}
    for actor, e in best.items():
        where = (country_of(actor) if country_of else None) or actor
        groups.setdefault(where if by == "country" else actor, []).append(e)
    rows = []
    for key, cited in groups.items():
        values = [amount(e, currency) for e in cited]
        low = sum((v[0] for v in values if v), Decimal(0))
        high = sum((v[1] for v in values if v), Decimal(0))
        cited.sort(key=lambda e: (-_key(e, currency)[0], e.id))
        rows.append((key, low, high, tuple(cited)))
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))  # what is at least stated comes first
    return [LeagueRow(n, *row) for n, row in enumerate(rows, 1)]


def _key(entry: Entry, currency: Currency) -> tuple[Decimal, Decimal, str]:
    """Larger is larger at its low end first: a vague range (수백억) counts as its floor."""
    low, high = amount(entry, currency) or (Decimal(0), Decimal(0))
    return (low, high, entry.id)


def involves(entry: Entry, actor: str) -> bool:
    """The actor acts in the entry, alone, in a group, as a partner or as the ranked subject."""
    return actor in (entry.actor, entry.subject) or actor in entry.group or actor in entry.parties


def timeline(entries: Sequence[Entry], actor: str) -> list[Entry]:
    """Every entry the actor takes part in, by first report (undated last), then id."""
    found = [e for e in entries if involves(e, actor)]
    return sorted(found, key=lambda e: (e.published or dt.date.max, e.id))
