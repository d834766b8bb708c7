"""Builds StoredDocument and Fact values directly, so store tests do not depend on the other
stages."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from decimal import Decimal

from ailedger.facts.model import Entity, Evidence, Fact, FactType, Kind
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
from ailedger.quantities.fx import Converted, FxRecord
from ailedger.quantities.model import Quantity


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


META = Entity("meta", "Meta", "company", ko="메타", country="united-states")
SAMSUNG = Entity("samsung-electronics", "Samsung Electronics", "company", ko="삼성전자")
NVIDIA = Entity("nvidia", "Nvidia", "company", ko="엔비디아")
FX = FxRecord(Decimal("0.000689"), Decimal(1), dt.date(2025, 1, 2), "ecb")


def evidence(item: StoredDocument, span: str) -> Evidence:
    """The evidence of `span`, the first place it occurs in the document's cleaned text."""
    text = item.document.text
    start = text.index(span)
    return Evidence(span, start, start + len(span), text)


def money(
    item: StoredDocument,
    span: str = "650억달러",
    *,
    value: Decimal | None = Decimal(65_000_000_000),
    low: Decimal | None = None,
    high: Decimal | None = None,
    currency: str = "USD",
    usd: Decimal | None = None,
    krw: Decimal | None = None,
    actor: Entity | None = META,
    kind: Kind = "investment",
    year: int | None = 2025,
) -> Fact:
    """A money fact of `item` resting on `span`; `usd`/`krw` set the conversion."""
    ev = evidence(item, span)
    q = Quantity(span, ev.start, ev.end, "money", value, low, high, currency, approx=value is None)
    converted = None
    if usd is not None or krw is not None:
        converted = Converted(usd, krw, None, None, None, None, FX)
    return Fact(
        item.document.id,
        "money",
        ev,
        "money.test",
        0.9,
        actor=actor,
        quantity=q,
        converted=converted,
        kind=kind,
        year=year,
        period="2025",
    )


def other(item: StoredDocument, kind: FactType, span: str = "AI 인프라") -> Fact:
    """A fact of another type (compute, partnership, launch, ranking) resting on `span`."""
    ev = evidence(item, span)
    if kind == "compute":
        q = Quantity(span, ev.start, ev.end, "count", Decimal(1_300_000), unit="gpu")
        return Fact(item.document.id, kind, ev, "compute.test", 0.8, NVIDIA, quantity=q,
                    unit="gpu", year=2025)  # fmt: skip
    return Fact(item.document.id, kind, ev, f"{kind}.test", 0.7, parties=(META, SAMSUNG),
                domain="chips")  # fmt: skip


def with_facts(item: StoredDocument, *facts: Fact) -> StoredDocument:
    return replace(item, facts=facts)


PER_BATCH = 20


def batch(b: int) -> list[StoredDocument]:
    """Batch `b`: twenty new documents with one fact each and, after the first, a mirror of the
    previous batch's first document."""
    items = [stored(b * PER_BATCH + i) for i in range(PER_BATCH)]
    items = [with_facts(i, money(i)) for i in items]
    if b > 0:
        first = f"doc{(b - 1) * PER_BATCH:05d}"
        items.append(stored(90_000 + b, kind="exact", duplicate_of=first, source=f"mirror/{b}"))
    return items
