"""Store rows: the frozen values that store reads return (documents, sources, runs, stats)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
