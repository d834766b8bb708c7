"""Ledger: the value types of the ledger stage -> SourceDoc, Claim, Entry, Conflict, Revision.

A Claim is one stored fact as the ledger reads it (with the document it came from); an Entry is
one real-world fact with every claim that states it; a Conflict records two claims that
disagree about the same fact, with a typed explanation; a Revision links a plan to the later
article that changed it. Claims are keyed by `document id:seq`, never by a database row id, so
the same facts give the same ledger whatever order they were stored in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

Status = Literal["current", "superseded", "disputed"]
Role = Literal["first", "re-report", "same-source"]
ConflictKind = Literal[
    "scale_slip",
    "currency_mixup",
    "fx_rate",
    "rounding",
    "hedge",
    "scope",
    "time_basis",
    "unexplained",
]
CONFLICT_KINDS: tuple[ConflictKind, ...] = get_args(ConflictKind)
Field = Literal["value", "krw_stated"]


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """The document a claim comes from: `group` is its dedup group (near duplicates share it)."""

    id: str
    group: str
    published: dt.date | None
    name: str
    title: str | None = None
    url: str | None = None
    source: str = ""
    lang: str = "ko"


@dataclass(frozen=True, slots=True)
class Fx:
    """The rates a claim was converted with (from the fact: stated by the article, else ECB)."""

    usd_rate: Decimal
    krw_rate: Decimal
    date: dt.date
    source: str


class Ranged:
    """An exact value, or a range `min`..`max` (a vague amount): `low` and `high` are its ends
    either way."""

    __slots__ = ()
    value: Decimal | None
    min: Decimal | None
    max: Decimal | None

    @property
    def low(self) -> Decimal | None:
        return self.value if self.value is not None else self.min

    @property
    def high(self) -> Decimal | None:
        return self.value if self.value is not None else self.max


@dataclass(frozen=True, slots=True)
class Claim(Ranged):
    """One stored fact of one document, as the ledger compares it.

    `unit` is the currency code of a money fact or the unit of a compute fact (gpu, GW, MW,
    datacenter); `value` or `min`/`max` are exact, in base units. `actor` and `group` are entity
    ids (`group` sorted, for a stated total over several actors).
    """

    doc: SourceDoc
    seq: int
    type: str
    span: str
    sentence: str
    start: int
    end: int
    actor: str | None = None
    actor_name: str | None = None
    actor_ko: str | None = None
    group: tuple[str, ...] = ()
    kind: str | None = None
    year: int | None = None
    period: str | None = None
    unit: str | None = None
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    approx: bool = False
    krw_stated: Decimal | None = None
    fx: Fx | None = None
    parties: tuple[str, ...] = ()
    product: str | None = None
    date: str | None = None
    subject: str | None = None
    index: str | None = None
    rank: int | None = None
    confidence: float = 1.0

    @property
    def key(self) -> str:
        """The claim's stable id: `document id:seq`."""
        return f"{self.doc.id}:{self.seq}"


@dataclass(frozen=True, slots=True)
class Source:
    """One independent source of an entry: a dedup group, with the claims its documents make.

    `role` is "first" for the first reporter, "re-report" for every later group.
    """

    group: str
    docs: tuple[str, ...]
    published: dt.date | None
    claims: tuple[str, ...]
    role: Role


@dataclass(frozen=True, slots=True)
class Money:
    """An entry's value in USD and KRW (a range keeps both ends), with the rates used.

    A leg is None when no rate gives it: an undated article's amount has no ECB rate, so only
    its own currency and the KRW restatement it states itself are known (`fx_source` "own").
    """

    usd_min: Decimal | None
    usd_max: Decimal | None
    krw_min: Decimal | None
    krw_max: Decimal | None
    fx_date: dt.date | None
    fx_source: str


@dataclass(frozen=True, slots=True)
class Entry(Ranged):
    """One real-world fact: every claim stating it, its sources in date order, its value.

    The value is the one most sources state (ties: an exact figure before a hedged one, then the
    first reporter); `money` converts it at the rate of the claim that states it. `revises`
    names the entry this one revised; `status` is "superseded" once a later entry revised it
    and "disputed" when it lost a conflict that has a one-sided explanation (a scale slip).
    """

    id: str
    type: str
    actor: str | None
    actor_name: str | None
    actor_ko: str | None
    group: tuple[str, ...]
    kind: str | None
    year: int | None
    period: str | None
    unit: str | None
    value: Decimal | None
    min: Decimal | None
    max: Decimal | None
    approx: bool
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    status: Status = "current"
    revises: str | None = None
    money: Money | None = None
    parties: tuple[str, ...] = ()
    product: str | None = None
    date: str | None = None
    subject: str | None = None
    index: str | None = None
    rank: int | None = None

    @property
    def first(self) -> Claim:
        """The first reporter's claim."""
        return self.claims[0]

    @property
    def published(self) -> dt.date | None:
        """When the fact was first reported (None when no source is dated)."""
        return self.sources[0].published if self.sources else None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two claims from different sources that disagree about one fact, and why.

    `a` is the earlier claim. `field` says what differs: the amount itself, or its KRW
    restatement. `detail` is a one-line explanation; `factor` is b / a when it is meaningful.
    """

    id: str
    kind: ConflictKind
    field: Field
    entry_a: str
    entry_b: str
    a: Claim
    b: Claim
    detail: str
    factor: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """A later entry that changes an earlier plan: both values and dates stay in the ledger."""

    old: str
    new: str
    old_published: dt.date | None
    new_published: dt.date | None
    cue: str


@dataclass(frozen=True, slots=True)
class Ledger:
    """The whole ledger: entries, conflicts and revisions, each in a deterministic order."""

    entries: tuple[Entry, ...]
    conflicts: tuple[Conflict, ...]
    revisions: tuple[Revision, ...]

    def entry(self, entry_id: str) -> Entry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise KeyError(entry_id)
