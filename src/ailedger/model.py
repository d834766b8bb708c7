"""Model: the frozen dataclasses that cross stage boundaries (ingest -> clean -> dedup -> store).

RawInput --ingest.parse--> RawDocument --clean--> Document --dedup--> DedupDecision
                                                     \\________________/
                                                      StoredDocument --store-->
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .facts.model import Fact
    from .quantities.model import Quantity


class Format(StrEnum):
    """The shapes of input ailedger reads."""

    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"
    JSONL = "jsonl"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class RawInput:
    """Bytes as read from one source, before decoding.

    `source` names the input for messages (a path, a URL, "-", "feed.xml#3"); `name` is the
    file stem when the input is a file; hints come from a feed entry or a JSON Lines record.
    """

    source: str
    data: bytes
    name: str | None = None
    url: str | None = None
    content_type: str | None = None
    fmt: Format | None = None
    title_hint: str | None = None
    published_hint: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as extracted from its input, before cleaning.

    `text` is the article text (trafilatura's main text for HTML, the decoded file otherwise);
    cleaning removes blocks of it and keeps offsets back into it. `published_from` says where
    the date came from ("metadata", "feed", "jsonl", "text:<rule>").
    """

    source: str
    text: str
    fmt: Format
    encoding: str
    raw_bytes: bytes
    raw_sha256: str
    name: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) into one text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of `length` characters kept by cleaning: clean[c:c+length] == raw[r:r+length]."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps every character of a cleaned text to its character in the raw text."""

    segments: tuple[Segment, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.clean_start for s in self.segments))

    def to_raw(self, clean_offset: int) -> int:
        """Return the raw offset of the cleaned character at `clean_offset`.

        Raises:
            IndexError: the offset is outside the cleaned text.
        """
        i = bisect.bisect_right(self._starts, clean_offset) - 1
        if i < 0:
            raise IndexError(clean_offset)
        seg = self.segments[i]
        if clean_offset >= seg.clean_start + seg.length:
            raise IndexError(clean_offset)
        return seg.raw_start + clean_offset - seg.clean_start

    def raw_span(self, span: Span) -> Span | None:
        """Return the raw span of a cleaned span, or None when it crosses a removed block."""
        if span.start == span.end:
            return None
        start, last = self.to_raw(span.start), self.to_raw(span.end - 1)
        if last - start != span.end - 1 - span.start:
            return None
        return Span(start, last + 1)


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A block of the raw text that cleaning removed, and the rule that removed it."""

    start: int
    end: int
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: the input of every later stage.

    `id` is a stable hash of the canonical URL when there is one, else of the cleaned text;
    `content_hash` is the hash of the normalized cleaned text (exact-duplicate key); `title` is
    the stated title, else the first line of the cleaned text.
    """

    id: str
    raw: RawDocument
    text: str
    offsets: OffsetMap
    removed: tuple[RemovedBlock, ...]
    lang: str
    content_hash: str
    title: str | None = None

    @property
    def name(self) -> str:
        """Short name: the file stem when the source is a file, else the id."""
        return self.raw.name or self.id

    @property
    def published(self) -> dt.date | None:
        return self.raw.published


DedupKind = Literal["new", "exact", "near"]


@dataclass(frozen=True, slots=True)
class DedupDecision:
    """Where a document goes: a new group, or an existing group as exact or near duplicate.

    `group_id` is stable (the id of the group's first document); `canonical_id` is the group's
    canonical document once this document has joined (the most complete, then the earliest).
    For "exact", nothing new is stored but the source: `duplicate_of` is the stored document.
    """

    doc_id: str
    kind: DedupKind
    group_id: str
    canonical_id: str
    duplicate_of: str | None = None
    similarity: float = 1.0


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What the store writes for one document: the document, its dedup decision, its MinHash,
    and the facts extracted from it (stored with it, in the same transaction)."""

    document: Document
    dedup: DedupDecision
    signature: bytes
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    """One Kiwi token: its form, part-of-speech tag and [start, end) in the cleaned text."""

    form: str
    tag: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span of the cleaned text; tokenized only when the gate let it through."""

    start: int
    end: int
    gated: bool
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with its sentences (Kiwi tokens on the ones the gate let through) and the
    quantities and dates found in them, all with offsets into the cleaned text."""

    document: Document
    sentences: tuple[Sentence, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]


Bound = Literal["until", "since"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the cleaned text: `value` is ISO-like ("2025-03-07", "2025-03",
    "2025", "2025-Q1", "2025-H2", "FY2025"), None when relative and no reference date was given;
    `text` always keeps the stated form."""

    text: str
    start: int
    end: int
    kind: str
    value: str | None
    relative: bool
    bound: Bound | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class IngestIssue:
    """One input that failed, as reported to the user and recorded with the run; `stage` names
    where it failed (read, parse, analyse, worker) when known."""

    source: str
    kind: str
    message: str
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class RunCounts:
    """Totals of one ingest run."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: int = 0
    bytes: int = 0


@dataclass(frozen=True, slots=True)
class RunStep:
    """What one committed batch adds to its run besides documents: the inputs read since the
    last batch, their bytes and issues, and where the run then stands (the resume point:
    `inputs_done` inputs are finished, the last of them named `last_input`)."""

    read: int
    bytes: int
    issues: tuple[IngestIssue, ...]
    inputs_done: int
    last_input: str | None
