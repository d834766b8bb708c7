"""Ledger: entries -> derived ratios, each dividing figures of ledger entries it cites. Pure,
apart from reading data/derived.yaml (which companies are Big Tech, which country is home).

- spend per GPU: an actor's capex for a year (its league row: distinct figures added up) over
  the largest GPU count it states for the same year;
- Big Tech vs the national budget: a stated total over the Big Tech companies for a year (빅테크
  4개사 합계), else the sum of the largest `big_tech_count` of their league rows, over the home
  country's largest national budget figure (that year's when there is one), in KRW;
- growth: an actor's capex for a year over its capex for the year before (league rows that
  hold a figure for the whole year, so a quarter is not set against a year), and a revised
  plan over the plan it revised.

A ratio's figures are converted at each source's own rate; `top` and `base` cite every entry
they add up, so every number a ratio states can be traced to its articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from .. import datafiles
from .aggregate import Currency, amount, league
from .coverage import coverage, months
from .model import Entry, Revision

RatioName = Literal["spend_per_gpu", "big_tech_vs_budget", "growth", "revision"]


@dataclass(frozen=True, slots=True)
class Part:
    """One side of a ratio: a figure (a sum of distinct figures) in `unit`, and its entries."""

    value: Decimal
    unit: str
    entries: tuple[Entry, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries)


@dataclass(frozen=True, slots=True)
class Ratio:
    """`top` over `base` (`value`), about `key` (an actor id, or the home country) in `year`."""

    name: RatioName
    key: str
    year: int | None
    top: Part
    base: Part
    value: Decimal

    @property
    def change(self) -> Decimal:
        """The growth the ratio stands for (1.25 -> 0.25)."""
        return self.value - 1


@dataclass(frozen=True, slots=True)
class Settings:
    big_tech: frozenset[str]
    big_tech_count: int
    home: str
    budget_kind: str
    capex_kind: str
    gpu_unit: str


@cache
def settings() -> Settings:
    """data/derived.yaml (with the user's overlay)."""
    d = datafiles.load("derived.yaml")
    return Settings(
        frozenset(map(str, d["big_tech"])),
        int(d["big_tech_count"]),
        str(d["home"]),
        str(d["budget_kind"]),
        str(d["capex_kind"]),
        str(d["gpu_unit"]),
    )


def ratio(name: RatioName, key: str, year: int | None, top: Part, base: Part) -> Ratio | None:
    """top / base, or None when the base is zero."""
    if base.value == 0:
        return None
    return Ratio(name, key, year, top, base, top.value / base.value)


def money_part(entries: Sequence[Entry], currency: Currency = "KRW") -> Part | None:
    """The sum of the entries' low ends in `currency`, or None when one lacks a conversion."""
    values = [amount(e, currency) for e in entries]
    if not entries or any(v is None for v in values):
        return None
    return Part(sum((v[0] for v in values if v), Decimal(0)), currency, tuple(entries))


def _current_money(entries: Sequence[Entry], kind: str) -> list[Entry]:
    return [e for e in entries if e.type == "money" and e.status == "current" and e.kind == kind]


def spend_per_gpu(entries: Sequence[Entry], currency: Currency = "USD") -> list[Ratio]:
    """Each actor's capex for a year over the largest GPU count it states for that year."""
    s = settings()
    gpus: dict[tuple[str, int], Entry] = {}
    for e in entries:
        if e.type != "compute" or e.unit != s.gpu_unit or e.status != "current":
            continue
        if e.actor and e.year is not None and e.low:
            best = gpus.get((e.actor, e.year))
            if best is None or (e.low, e.id) > (best.low or 0, best.id):
                gpus[(e.actor, e.year)] = e
    out = []
    for (actor, year), gpu in sorted(gpus.items()):
        mine = [e for e in entries if e.actor == actor]
        rows = league(mine, kind=s.capex_kind, year=year, currency=currency)
        if rows and gpu.low:
            top = Part(rows[0].low, currency, rows[0].entries)
            found = ratio("spend_per_gpu", actor, year, top, Part(gpu.low, "gpu", (gpu,)))
            out += [found] if found else []
    return out


def stated_total(entries: Sequence[Entry], members: frozenset[str] | None = None) -> Entry | None:
    """The largest current stated total over several actors (빅테크 4개사 합계) of the capex
    kind with a KRW value, over `members` only when given."""
    totals = [
        e
        for e in _current_money(entries, settings().capex_kind)
        if not e.actor
        and len(e.group) > 1
        and (members is None or set(e.group) <= members)
        and amount(e, "KRW") is not None
    ]
    return max(totals, key=lambda e: (_won(e), e.id)) if totals else None


def _won(entry: Entry) -> Decimal:
    found = amount(entry, "KRW")
    return found[0] if found else Decimal(0)


def big_tech(entries: Sequence[Entry], year: int | None = None) -> Part | None:
    """The Big Tech capex of `year` (any year: their stated total, else the latest year with
    figures) in KRW: a stated total over them, else their largest league rows added up."""
    s = settings()
    dated = [e for e in entries if year is None or e.year == year]
    total = stated_total(dated, s.big_tech)
    if total is not None:
        return money_part([total])
    years = sorted({e.year for e in _current_money(entries, s.capex_kind) if e.year}, reverse=True)
    for y in [year] if year is not None else years:
        rows = [r for r in league(entries, year=y, currency="KRW") if r.key in s.big_tech]
        if len(rows) >= min(2, s.big_tech_count):
            return money_part([e for r in rows[: s.big_tech_count] for e in r.entries])
    return None


def national_budget(entries: Sequence[Entry], year: int | None = None) -> Entry | None:
    """The home country's largest current budget figure with a KRW value (of `year` when the
    ledger has one for it)."""
    s = settings()
    found = [
        e
        for e in _current_money(entries, s.budget_kind)
        if e.actor == s.home and amount(e, "KRW") is not None
    ]
    same = [e for e in found if year is not None and e.year == year]
    pool = same or found
    return max(pool, key=lambda e: (_won(e), e.id)) if pool else None


def compare(top: Entry, base: Entry, name: RatioName = "big_tech_vs_budget") -> Ratio | None:
    """One entry's KRW value over another's (their low ends), about the base's actor."""
    a, b = money_part([top]), money_part([base])
    return ratio(name, base.actor or "", base.year, a, b) if a and b else None


def big_tech_vs_budget(entries: Sequence[Entry], year: int | None = None) -> Ratio | None:
    """The Big Tech capex (see `big_tech`) over the home country's national budget, in KRW."""
    top = big_tech(entries, year)
    base = national_budget(entries, year)
    part = money_part([base]) if base else None
    if top is None or part is None:
        return None
    return ratio("big_tech_vs_budget", settings().home, year, top, part)


def growth(
    entries: Sequence[Entry], revisions: Sequence[Revision] = (), currency: Currency = "USD"
) -> list[Ratio]:
    """Capex growth: each actor's league row of a year over that of the year before, then each
    money revision (the new plan over the old one)."""
    kind = settings().capex_kind
    by_year: dict[str, dict[int, Part]] = {}
    for y in sorted({e.year for e in _current_money(entries, kind) if e.year is not None}):
        for row in league(entries, kind=kind, year=y, currency=currency):
            if any(coverage(e) == months(y, None) for e in row.entries):  # a whole year's
                by_year.setdefault(row.key, {})[y] = Part(row.low, currency, row.entries)
    out = []
    for actor, years in sorted(by_year.items()):
        for y in sorted(years):
            if y - 1 in years:
                found = ratio("growth", actor, y, years[y], years[y - 1])
                out += [found] if found else []
    by_id = {e.id: e for e in entries}
    for r in revisions:
        old, new = by_id.get(r.old), by_id.get(r.new)
        if old is None or new is None or old.type != "money" or not old.actor:
            continue
        a, b = money_part([new], currency), money_part([old], currency)
        found = ratio("revision", old.actor, new.year, a, b) if a and b else None
        out += [found] if found else []
    return out
