"""Ledger: entries -> league tables (by actor, country or kind), totals per year and period,
and an actor's timeline. Pure.

What a league row adds up (the "distinct figures" rule): the current money entries of one
spender of the selected kind and year, converted at each source's own rate, taken largest
first; a figure is added when the months it covers (see `coverage`) share none with a figure
already added, and is otherwise left out as covered (listed in `covered`). So a plan and its
revision count once (the old one is superseded), a year's total and its quarters count once
(the total covers them), and figures for different quarters or years add up. Figures for the
same months are not added to each other: the ledger cannot tell a part (a data centre within a
capex plan) from an addition, and double counting is the worse error. For one year, only
figures within that year count (a multi-year plan is not one year's spend). Stated totals over
several actors (빅테크 4개사 합계), superseded and disputed entries never count.

A country's row is the sum of its spenders' rows, where a company group and its members are
one spender (so a group's figure and its subsidiary's are not both added); a kind's row is the
sum of every actor's row of that kind. With every kind pooled (`kind=None`), figures of
different kinds for the same months overlap too. Every row cites the entries it adds up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .coverage import Coverage, coverage, months, multi_year
from .model import Entry

By = Literal["actor", "country", "kind"]
Currency = Literal["USD", "KRW"]
Lookup = Callable[[str], str | None]
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """One line of a league table: who (or which kind), how much (a range when an entry is
    one), the entries added up and the entries left out as covered by them."""

    rank: int
    key: str
    low: Decimal
    high: Decimal
    entries: tuple[Entry, ...]
    covered: tuple[Entry, ...] = ()

    @property
    def sources(self) -> int:
        """Independent sources behind the cited entries."""
        return len({s.group for e in self.entries for s in e.sources})


@dataclass(frozen=True, slots=True)
class Sum:
    """A sum of distinct figures in one currency, with the entries added and those covered."""

    low: Decimal
    high: Decimal
    entries: tuple[Entry, ...]
    covered: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class TotalRow:
    """The total of one year (`period` None) or one stated period, in USD and in KRW (None when
    no figure of it has that conversion)."""

    year: int | None
    period: str | None
    usd: Sum | None
    krw: Sum | None

    @property
    def label(self) -> str:
        return self.period or (str(self.year) if self.year is not None else "-")


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
    """Current money entries of one actor each, of `kind` (None: any) and `year` (None: any;
    a year keeps only figures within it), that have a value in `currency`."""
    return [
        e
        for e in entries
        if e.type == "money"
        and e.status == "current"
        and e.actor is not None
        and amount(e, currency) is not None
        and (kind is None or e.kind == kind)
        and (year is None or (e.year == year and not multi_year(e)))
    ]


def distinct(entries: Iterable[Entry], currency: Currency) -> Sum:
    """The distinct figures of one spender (the module's rule): largest first, each added when
    it overlaps no figure already added."""
    added: list[tuple[Entry, Coverage]] = []
    covered: list[Entry] = []
    for e in sorted(entries, key=lambda e: _key(e, currency), reverse=True):
        months = coverage(e)
        if any(months.overlaps(c) for _, c in added):
            covered.append(e)
        else:
            added.append((e, months))
    values = [amount(e, currency) or (_ZERO, _ZERO) for e, _ in added]
    return Sum(
        sum((v[0] for v in values), _ZERO),
        sum((v[1] for v in values), _ZERO),
        tuple(e for e, _ in added),
        tuple(covered),
    )


def _spenders(
    chosen: Sequence[Entry], by: By, country_of: Lookup | None, owner_of: Lookup | None
) -> dict[str, dict[str, list[Entry]]]:
    """Row key -> spender -> entries: by actor each actor; by country each top owner (a group
    and its members together) under its country; by kind each actor under its kind."""
    out: dict[str, dict[str, list[Entry]]] = {}
    for e in chosen:
        actor = e.actor or ""
        if by == "country":
            spender = (owner_of(actor) if owner_of else None) or actor
            key = (country_of(actor) if country_of else None) or spender
        elif by == "kind":
            key, spender = e.kind or "other", actor
        else:
            key = spender = actor
        out.setdefault(key, {}).setdefault(spender, []).append(e)
    return out


def league(
    entries: Iterable[Entry],
    *,
    by: By = "actor",
    kind: str | None = "investment",
    year: int | None = None,
    currency: Currency = "USD",
    country_of: Lookup | None = None,
    owner_of: Lookup | None = None,
) -> list[LeagueRow]:
    """The league table of the selected entries (see `select` and the module's rule), largest
    first (by the low end of ranges, then the high end, then the key).

    Args:
        entries: the ledger's entries.
        by: "actor", "country" (from `country_of`; actors without one stand for themselves)
            or "kind".
        kind: the money kind, None for every kind pooled.
        year: the year the money is for, None for any.
        currency: USD or KRW, each entry converted at its own source's rate.
        country_of: entity id -> country entity id.
        owner_of: entity id -> the group that owns it (for countries: one spender).
    """
    chosen = select(entries, kind=kind, year=year, currency=currency)
    rows = []
    for key, spenders in _spenders(chosen, by, country_of, owner_of).items():
        sums = [distinct(group, currency) for group in spenders.values()]
        cited = sorted((e for s in sums for e in s.entries), key=lambda e: _rank(e, currency))
        covered = sorted((e for s in sums for e in s.covered), key=lambda e: _rank(e, currency))
        low = sum((s.low for s in sums), _ZERO)
        high = sum((s.high for s in sums), _ZERO)
        rows.append((key, low, high, tuple(cited), tuple(covered)))
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))  # what is at least stated comes first
    return [LeagueRow(n, *row) for n, row in enumerate(rows, 1)]


def _key(entry: Entry, currency: Currency) -> tuple[Decimal, Decimal, str]:
    """Larger is larger at its low end first: a vague range (수백억) counts as its floor."""
    low, high = amount(entry, currency) or (_ZERO, _ZERO)
    return (low, high, entry.id)


def _rank(entry: Entry, currency: Currency) -> tuple[Decimal, str]:
    return (-_key(entry, currency)[0], entry.id)


def _total(rows: Sequence[LeagueRow]) -> Sum | None:
    if not rows:
        return None
    return Sum(
        sum((r.low for r in rows), _ZERO),
        sum((r.high for r in rows), _ZERO),
        tuple(e for r in rows for e in r.entries),
        tuple(e for r in rows for e in r.covered),
    )


def totals(
    entries: Sequence[Entry], *, kind: str | None = "investment", periods: bool = False
) -> list[TotalRow]:
    """Totals over every actor per year (the sum of the actors' league rows for it), in USD
    and KRW; with `periods`, per stated period instead (H1 2025, until 2027: each actor's
    distinct figures for exactly that period label). Years and periods in order of their
    first month."""
    money = [e for e in entries if e.type == "money"]
    out = []
    if not periods:
        for y in sorted({e.year for e in money if e.year is not None}):
            usd = league(money, kind=kind, year=y, currency="USD")
            krw = league(money, kind=kind, year=y, currency="KRW")
            if usd or krw:
                out.append(TotalRow(y, None, _total(usd), _total(krw)))
        return out
    labels = {e.period: months(e.year, e.period) for e in money if e.period}
    for p in sorted(labels, key=lambda p: (labels[p].first, labels[p].last, p)):
        chosen = [e for e in money if e.period == p]
        usd = league(chosen, kind=kind, currency="USD")
        krw = league(chosen, kind=kind, currency="KRW")
        if usd or krw:
            out.append(TotalRow(None, p, _total(usd), _total(krw)))
    return out


def involves(entry: Entry, actor: str) -> bool:
    """The actor acts in the entry, alone, in a group, as a partner or as the ranked subject."""
    return actor in (entry.actor, entry.subject) or actor in entry.group or actor in entry.parties


def timeline(entries: Sequence[Entry], actor: str) -> list[Entry]:
    """Every entry the actor takes part in, by first report (undated last), then id."""
    found = [e for e in entries if involves(e, actor)]
    return sorted(found, key=lambda e: (e.published or dt.date.max, e.id))
