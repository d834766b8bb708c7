"""Builds StoredDocument values directly, so store tests do not depend on the other stages."""

from __future__ import annotations

import datetime as dt
import hashlib

from ailedger.model import (
    DedupDecision,
    DedupKind,
    Document,
    Format,
    OffsetMap,
    RawDocument,
    RemovedBlock,
    Segment,
    StoredDocument,
)


def stored(
    n: int,
    *,
    text: str | None = None,
    kind: DedupKind = "new",
    group: str | None = None,
    canonical: str | None = None,
    duplicate_of: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | None = dt.date(2025, 1, 1),
    lang: str = "ko",
    fmt: Format = Format.TEXT,
) -> StoredDocument:
    """Document number `n` (id "doc{n:05d}", name "a{n}") with its dedup decision.

    The raw text is a title line, the body and a comment line; cleaning "removed" the comment
    line and kept the body, so the offsets map is one segment.
    """
    body = text or f"{n}번 기사: 메타가 올해 AI 인프라에 650억달러를 투자한다."
    raw_text = f"제목 {n}\n{body}\n댓글 3\n"
    data = raw_text.encode()
    doc_id = f"doc{n:05d}"
    raw = RawDocument(
        source=source or f"in/{n}.txt",
        text=raw_text,
        fmt=fmt,
        encoding="utf-8",
        raw_bytes=data,
        raw_sha256=hashlib.sha256(data).hexdigest(),
        name=f"a{n}",
        url=url,
        title=f"제목 {n}",
        published=published,
        published_from="text:ko_ymd",
    )
    start = raw_text.index(body)
    doc = Document(
        id=doc_id,
        raw=raw,
        text=body,
        offsets=OffsetMap((Segment(0, start, len(body)),)),
        removed=(RemovedBlock(len(raw_text) - 5, len(raw_text), "comments", "댓글 3\n"),),
        lang=lang,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        title=f"제목 {n}",
    )
    decision = DedupDecision(
        doc_id, kind, group or doc_id, canonical or group or doc_id, duplicate_of
    )
    return StoredDocument(doc, decision, b"\x00" * 512)


PER_BATCH = 20


def batch(b: int) -> list[StoredDocument]:
    """Batch `b`: twenty new documents and, after the first, a mirror of the previous batch's."""
    items = [stored(b * PER_BATCH + i) for i in range(PER_BATCH)]
    if b > 0:
        first = f"doc{(b - 1) * PER_BATCH:05d}"
        items.append(stored(90_000 + b, kind="exact", duplicate_of=first, source=f"mirror/{b}"))
    return items
