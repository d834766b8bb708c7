"""Store rows: the frozen values store reads return (documents, sources, facts, runs, stats)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ailedger.model import OffsetMap, RunCounts


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One stored document with its group: `group_size` counts the group's documents."""

    id: str
    name: str
    source: str
    url: str | None
    title: str | None
    published: dt.date | None
    published_from: str | None
    lang: str
    fmt: str
    encoding: str
    text: str
    raw_text: str
    offsets: OffsetMap
    content_hash: str
    n_chars: int
    group_id: str
    canonical_id: str
    group_size: int
    run_id: str | None
    ingested_at: dt.datetime

    @property
    def is_canonical(self) -> bool:
        """True when this document is its group's canonical document."""
        return self.id == self.canonical_id


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One input that yielded a document (the first one, or an exact duplicate of it)."""

    doc_id: str
    source: str
    url: str | None
    name: str | None
    run_id: str | None
    added_at: dt.datetime


@dataclass(frozen=True, slots=True)
class RunRow:
    """One ingest run, its totals and the number of issues recorded with it."""

    id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    sources: tuple[str, ...]
    counts: RunCounts
    issues: int
    inputs_done: int = 0  # inputs whose outcome is committed (a resumed run starts after them)
    last_input: str | None = None
    options: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IssueRow:
    """One recorded input that failed (or was quarantined), with its run."""

    run_id: str
    started_at: dt.datetime
    source: str
    kind: str
    stage: str | None
    message: str


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Totals over the whole store.

    `duplicate_sources` counts sources beyond each document's first (exact duplicates);
    `near_duplicates` counts documents that are not their group's canonical document.
    """

    documents: int
    groups: int
    sources: int
    duplicate_sources: int
    near_duplicates: int
    runs: int
    issues: int
    by_lang: dict[str, int] = field(default_factory=dict)
    by_fmt: dict[str, int] = field(default_factory=dict)
    earliest: dt.date | None = None
    latest: dt.date | None = None
    raw_bytes: int = 0
    facts: int = 0
    facts_by_type: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FactRow:
    """One stored fact: the columns the filters and tables use, and `payload`, the fact's JSON
    text exactly as `fact_json` gave it.

    Amounts are exact Decimals in base units; `value` for a stated amount, `min`/`max` for a
    range; `usd`/`krw` are the converted value (the low end of a range, as in the JSON).
    """

    id: int
    document_id: str
    document_name: str
    seq: int
    run_id: str
    type: str
    actor_id: str | None
    actor_name: str | None
    actor_ko: str | None
    kind: str | None
    year: int | None
    period: str | None
    currency: str | None
    value: Decimal | None
    min: Decimal | None
    max: Decimal | None
    approx: bool
    usd: Decimal | None
    krw: Decimal | None
    unit: str | None
    evidence_start: int
    evidence_end: int
    span: str
    rule: str
    confidence: float
    payload: str


@dataclass(frozen=True, slots=True)
class DedupRow:
    """What the dedup stage needs of a stored document to rebuild its index."""

    doc_id: str
    group_id: str
    canonical_id: str
    content_hash: str
    signature: bytes
    n_chars: int
    published: dt.date | None
