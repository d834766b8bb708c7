"""Web: the frozen values the dashboard's pages and their JSON twins show (queries and pages).

Amounts are exact Decimals in base units (they leave the server as decimal strings); a fact is
named by its key `DOCUMENT-SEQ` (its document's content-derived id and its place among that
document's facts), so a link stays valid when the same corpus is ingested into another store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ..brief.model import Briefing
from ..ledger.model import Conflict, Entry, Revision

Currency = Literal["USD", "KRW"]
FactSort = Literal["newest", "oldest", "usd_desc", "usd_asc", "confidence"]
PieceRole = Literal["text", "sentence", "evidence", "fact", "removed"]


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity of the entity table (or an unresolved name the extractor kept)."""

    id: str
    name: str
    ko: str | None = None


@dataclass(frozen=True, slots=True)
class FactQuery:
    """The filters, order and page of a facts list; None means "any"."""

    type: str | None = None
    actor: str | None = None
    kind: str | None = None
    year: int | None = None
    currency: str | None = None
    q: str | None = None
    doc: str | None = None
    sort: FactSort = "newest"
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FactItem:
    """One fact as a list row shows it: who, how much (stated, USD, KRW), where from."""

    key: str
    doc_id: str
    doc_name: str
    doc_title: str | None
    published: dt.date | None
    type: str
    actor: Actor | None
    who: str
    kind: str | None
    year: int | None
    currency: str | None
    value: Decimal | None
    min: Decimal | None
    max: Decimal | None
    approx: bool
    unit: str | None
    usd: Decimal | None
    krw: Decimal | None
    span: str
    start: int
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class FactsPage:
    """A page of facts matching a query, and how many match in all."""

    query: FactQuery
    total: int
    items: tuple[FactItem, ...]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text and its role on the page (the evidence, a removed block...)."""

    text: str
    role: PieceRole = "text"
    href: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FxRecord:
    """The exchange rates a money fact was converted with, their date and where they came from."""

    usd_rate: float
    krw_rate: float
    date: str
    source: str


@dataclass(frozen=True, slots=True)
class FactDetail:
    """One fact with its evidence in the article text (`pieces`, a window around the sentence),
    its FX record, its parties and the other facts of the same document."""

    item: FactItem
    sentence: str
    evidence_start: int
    evidence_end: int
    fx: FxRecord | None
    krw_stated: Decimal | None
    parties: tuple[Actor, ...]
    pieces: tuple[Piece, ...]
    clipped_before: bool
    clipped_after: bool
    others: tuple[FactItem, ...]
    payload: dict[str, Any]
    entry: str | None = None


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """One actor of the ledger's league table (what `ailedger top` prints): the sum of its
    distinct figures in the page's currency (`low`..`high` when a figure is a range), how many
    entries it adds up and how many it leaves out as covered by them, their independent
    sources, and its largest figure (its entry and the fact that first reported it)."""

    rank: int
    actor: Actor
    low: Decimal
    high: Decimal
    entries: int
    covered: int
    sources: int
    top_entry: str
    top_fact: str
    top_span: str
    top_year: int | None


@dataclass(frozen=True, slots=True)
class Totals:
    """Counts over the whole store."""

    documents: int
    facts: int
    facts_by_type: dict[str, int]
    actors: int
    earliest: dt.date | None
    latest: dt.date | None


@dataclass(frozen=True, slots=True)
class Overview:
    """The front page: totals, the ledger's league table, the latest facts and how many
    conflicts between sources the ledger records."""

    totals: Totals
    currency: Currency
    kind: str
    league: tuple[LeagueRow, ...]
    recent: tuple[FactItem, ...]
    open_conflicts: int = 0


@dataclass(frozen=True, slots=True)
class Partner:
    """An actor's partner: how many partnership facts name both, and the latest of them."""

    actor: Actor
    facts: int
    fact: str


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """One dated money fact of an actor."""

    date: dt.date
    usd: Decimal | None
    krw: Decimal | None
    kind: str | None
    fact: str


@dataclass(frozen=True, slots=True)
class ActorPage:
    """An actor: its facts (a page of them), counts per type, money over time, partners."""

    actor: Actor
    facts_by_type: dict[str, int]
    facts: FactsPage
    timeline: tuple[TimelinePoint, ...]
    partners: tuple[Partner, ...]


@dataclass(frozen=True, slots=True)
class AllianceNode:
    """An actor in the alliance graph, placed at (x, y) in [-1, 1]."""

    actor: Actor
    degree: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class AllianceEdge:
    """Two actors that partnership facts name together."""

    a: str
    b: str
    facts: int
    domains: tuple[str, ...]
    fact: str


@dataclass(frozen=True, slots=True)
class AllianceGraph:
    """Every partnership in the store as a graph (at most `limit` facts read)."""

    nodes: tuple[AllianceNode, ...]
    edges: tuple[AllianceEdge, ...]
    facts: int


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    """The filters and page of a documents list."""

    q: str | None = None
    lang: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class DocumentItem:
    """One stored document as a list row shows it."""

    id: str
    name: str
    title: str | None
    published: dt.date | None
    lang: str
    source: str
    url: str | None
    n_chars: int
    group_size: int
    canonical: bool


@dataclass(frozen=True, slots=True)
class DocumentsPage:
    """A page of documents matching a query (`more` when a next page exists)."""

    query: DocumentQuery
    items: tuple[DocumentItem, ...]
    more: bool


@dataclass(frozen=True, slots=True)
class RemovedItem:
    """A block cleaning removed, in raw-text offsets, and the rule that removed it."""

    start: int
    end: int
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A document for reading: its cleaned text with every fact's evidence marked, or (with
    `removed`) its raw text with the blocks cleaning removed marked."""

    doc: DocumentItem
    removed: bool
    pieces: tuple[Piece, ...]
    blocks: tuple[RemovedItem, ...]
    facts: tuple[FactItem, ...]
    also_from: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class BriefingPage:
    """The checked briefing of the ledger, and for each reference number the key of the fact
    that first reported its entry (where its evidence is highlighted)."""

    briefing: Briefing
    sources: dict[int, str]


@dataclass(frozen=True, slots=True)
class EntryPage:
    """A ledger entry (one real-world fact): its value, every source and claim in date order,
    the conflicts between its sources with their explanation, and its revisions. `facts` maps
    each claim key (`DOCUMENT:SEQ`) to the fact page key."""

    entry: Entry
    conflicts: tuple[Conflict, ...]
    revisions: tuple[Revision, ...]
    facts: dict[str, str]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What `POST /api/ingest` stored."""

    run: str
    stored: int
    duplicates: int
    facts: int
    issues: tuple[str, ...]


EntrySort = Literal["newest", "oldest", "usd_desc", "sources"]
EntryStatus = Literal["current", "superseded", "disputed"]


@dataclass(frozen=True, slots=True)
class EntryQuery:
    """The filters, order and page of a list of ledger entries; None means "any"."""

    type: str | None = None
    actor: str | None = None
    kind: str | None = None
    year: int | None = None
    status: EntryStatus | None = None
    conflicted: bool = False
    sort: EntrySort = "newest"
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EntryItem:
    """One ledger entry as a list row shows it: who, the value stated and converted, how many
    independent sources and claims state it, how many conflicts it is part of, and the words
    of its first report (with the key of that fact)."""

    id: str
    type: str
    actor: Actor | None
    who: str
    kind: str | None
    year: int | None
    period: str | None
    status: str
    published: dt.date | None
    unit: str | None
    value: Decimal | None
    min: Decimal | None
    max: Decimal | None
    approx: bool
    usd_min: Decimal | None
    usd_max: Decimal | None
    krw_min: Decimal | None
    krw_max: Decimal | None
    sources: int
    claims: int
    conflicts: int
    first_span: str
    first_fact: str


@dataclass(frozen=True, slots=True)
class EntriesPage:
    """A page of ledger entries matching a query, and how many match in all."""

    query: EntryQuery
    total: int
    items: tuple[EntryItem, ...]


@dataclass(frozen=True, slots=True)
class ConflictsPage:
    """A page of the ledger's conflicts (of one kind, or all) in ledger order: each with both
    claims and their evidence, its typed explanation and the entries on either side. `facts`
    maps each claim key (`DOCUMENT:SEQ`) to its fact page key, `entries` each entry id to who
    it is about; `by_kind` counts every conflict of the ledger per kind."""

    kind: str | None
    total: int
    offset: int
    limit: int
    conflicts: tuple[Conflict, ...]
    facts: dict[str, str]
    entries: dict[str, str]
    by_kind: dict[str, int]
