"""Ledger: claims -> drafts of entries (claims that state the same fact), partition by partition.

A partition holds the claims of one type, one actor (or one set of actors, one set of partners,
one ranked subject) and one dimension. Inside it, claims are taken in date order and each joins
the first draft whose slot it fits and whose every claim states the same amount (see
`values.agreement`); otherwise it opens a new draft. The slot is the money kind, the year and
the period: an unknown kind (`other`), year or period fits any, and a draft takes the most
specific slot of its claims. A claim without any actor stays in its own source's partition:
two anonymous figures from different articles are never taken for the same fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from .model import Claim
from .values import Agreement, agreement, dimension, in_usd, native

UNKNOWN_KINDS = (None, "other")
NEAR_BUCKETS = 4  # 0.4 decade: a factor of 2.5, more than any agreement allows
LATEST = dt.date.max


@dataclass(frozen=True, slots=True)
class Slot:
    """What a figure is about beyond its actor: money kind, year, period (None when unknown)."""

    kind: str | None
    year: int | None
    period: str | None

    def fits(self, other: Slot, periods: bool = True) -> bool:
        """Every known part equals the other's known part (the period only when `periods`);
        two multi-year periods (4 years, until 2029) fit each other, since one span is written
        in many ways."""
        kinds = self.kind in UNKNOWN_KINDS or other.kind in UNKNOWN_KINDS
        periods = (
            not periods
            or self.period is None
            or other.period is None
            or self.period == other.period
            or (multi_year_period(self.period) and multi_year_period(other.period))
        )
        return (
            (kinds or self.kind == other.kind)
            and (self.year is None or other.year is None or self.year == other.year)
            and periods
        )

    def pinned(self, other: Slot) -> bool:
        """Both slots are fully known and the same (kind, year and period)."""
        return (
            self.kind not in UNKNOWN_KINDS
            and self.year is not None
            and self.period is not None
            and self == other
        )

    def join(self, other: Slot) -> Slot:
        return Slot(
            self.kind if self.kind not in UNKNOWN_KINDS else other.kind or self.kind,
            self.year if self.year is not None else other.year,
            self.period if self.period is not None else other.period,
        )


_MULTI_YEAR = re.compile(r"^(?:until|through|by) \d{4}$|\d+ years|\d{4}\s*[-~–]\s*\d{4}", re.I)


def multi_year_period(period: str | None) -> bool:
    """A period over several years: until 2027, 4 years, next 3 years, 2025-2027."""
    return bool(period and _MULTI_YEAR.search(period))


def slot(claim: Claim) -> Slot:
    return Slot(claim.kind, claim.year, claim.period)


@dataclass(slots=True)
class Draft:
    """An entry being built: its partition, slot and claims (date order), and how each later
    claim agreed with the ones before it."""

    partition: tuple[str, str, str]
    slot: Slot
    claims: list[Claim] = field(default_factory=list)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    memo: dict[object, Any] = field(default_factory=dict)  # cleared whenever a claim joins

    def add(self, claim: Claim, how: Agreement) -> None:
        self.claims.append(claim)
        self.slot = self.slot.join(slot(claim))
        self.agreements[claim.key] = how
        self.memo.clear()

    @property
    def first(self) -> Claim:
        return self.claims[0]

    @property
    def groups(self) -> frozenset[str]:
        if "groups" not in self.memo:
            self.memo["groups"] = frozenset(c.doc.group for c in self.claims)
        found: frozenset[str] = self.memo["groups"]
        return found

    @property
    def published(self) -> dt.date | None:
        return self.first.doc.published

    def main(self, avoid: frozenset[str] = frozenset()) -> Claim:
        """The claim whose value the draft stands for: the value most sources state, an exact
        figure before a hedged one, then the earliest; claims in `avoid` only as a last resort.
        """
        key = ("main", avoid)
        if key in self.memo:
            cached: Claim = self.memo[key]
            return cached
        groups: dict[tuple[object, ...], set[str]] = {}
        for c in self.claims:
            groups.setdefault((c.unit, c.low, c.high), set()).add(c.doc.group)
        candidates = [c for c in self.claims if c.key not in avoid] or self.claims

        def rank(c: Claim) -> tuple[int, bool, tuple[dt.date, str, int]]:
            return (-len(groups[(c.unit, c.low, c.high)]), c.approx, order(c))

        self.memo[key] = min(candidates, key=rank)
        return self.memo[key]  # type: ignore[no-any-return]


def order(claim: Claim) -> tuple[dt.date, str, int]:
    """Date order (undated last), then document id and place: never the storage order."""
    return (claim.doc.published or LATEST, claim.doc.id, claim.seq)


def actor_key(claim: Claim) -> str:
    """Whose fact it is: the actor, the sorted group, the partners, the ranked subject."""
    if claim.type == "partnership":
        return "parties:" + ",".join(claim.parties)
    if claim.type == "ranking":
        who = claim.subject or f"?{claim.doc.group}"
        return f"subject:{who}:{(claim.index or '').casefold()}"
    if claim.actor:
        return claim.actor
    if claim.group:
        return "group:" + ",".join(claim.group)
    return f"?{claim.doc.group}"


def partition(claim: Claim) -> tuple[str, str, str]:
    return (claim.type, actor_key(claim), dimension(claim) or "")


def _same_other(a: Claim, b: Claim) -> Agreement | None:
    """Partnerships, launches and rankings: the same partners; product and date; rank."""
    if a.type == "partnership":
        return "equal"
    if a.type == "launch":
        same = product_key(a) == product_key(b) and a.date == b.date
        return "equal" if same else None
    if a.type == "ranking":
        return "equal" if (a.rank, a.year) == (b.rank, b.year) else None
    return None


def product_key(claim: Claim) -> str:
    return "".join((claim.product or "").casefold().split())


def _agrees(draft: Draft, claim: Claim) -> Agreement | None:
    if claim.type not in ("money", "compute"):
        return _same_other(draft.first, claim)
    if not draft.slot.fits(slot(claim)):
        return None
    found: Agreement | None = None
    for earlier in draft.claims:
        how = agreement(earlier, claim)
        if how is None or (how == "fx" and not _same_known_kind(earlier, claim)):
            return None  # across currencies a near value is a coincidence unless kinds agree
        found = found or how
    return found


def _same_known_kind(a: Claim, b: Claim) -> bool:
    return a.kind not in UNKNOWN_KINDS and a.kind == b.kind


def _decade_tenths(value: Decimal) -> int:
    return int((value.log10() * 10).to_integral_value(rounding=ROUND_FLOOR))


def _buckets(claim: Claim) -> list[tuple[str, int]]:
    """Where a claim's amount sits: tenths of a decade in its own unit and in USD. Claims that
    can agree are at most a factor of 2.5 apart, so within NEAR_BUCKETS of each other in one
    of these; a claim without an amount has no bucket."""
    out = []
    span = native(claim) if claim.type in ("money", "compute") else None
    if span is not None and span.lo > 0:
        out.append((span.unit, _decade_tenths(span.lo)))
    usd = in_usd(claim) if claim.type == "money" else None
    if usd is not None and usd.lo > 0:
        out.append(("USD*", _decade_tenths(usd.lo)))
    return out


def cluster(claims: Sequence[Claim]) -> list[Draft]:
    """The drafts of one partition's claims, in the order they were opened.

    A claim with an amount is only compared with drafts opened by claims of a nearby amount
    (see `_buckets`), so a partition of many figures is not compared all against all.
    """
    drafts: list[Draft] = []
    near: dict[tuple[str, int] | None, list[int]] = {}
    for claim in sorted(claims, key=order):
        buckets: list[tuple[str, int] | None] = [*_buckets(claim)]
        keys: list[tuple[str, int] | None] = [
            (key[0], key[1] + d)
            for key in buckets
            if key is not None
            for d in range(-NEAR_BUCKETS, NEAR_BUCKETS + 1)
        ] or [None]
        for i in sorted({i for k in keys for i in near.get(k, ())}):
            how = _agrees(drafts[i], claim)
            if how is not None:
                drafts[i].add(claim, how)
                break
        else:
            for key in buckets or [None]:
                near.setdefault(key, []).append(len(drafts))
            drafts.append(Draft(partition(claim), slot(claim), [claim]))
    return drafts


def partitions(claims: Iterable[Claim]) -> dict[tuple[str, str, str], list[Claim]]:
    """Claims by partition, partitions in sorted order."""
    out: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        out[partition(claim)].append(claim)
    return dict(sorted(out.items()))
