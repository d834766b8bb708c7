"""Web: store rows -> the list items of `web.model` (facts, documents), and the fact keys.

The columns a facts list reads are named here once; `web.data` builds the queries.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Float, cast
from sqlalchemy.sql.elements import ColumnElement

from ..store import DocumentRow
from ..store import schema as t
from .model import Actor, DocumentItem, FactItem

f, d = t.facts, t.documents
STREAM_CHUNK = 1000
LIST_COLUMNS = (
    f.c.document_id,
    f.c.seq,
    f.c.type,
    f.c.actor_id,
    f.c.actor_name,
    f.c.actor_ko,
    f.c.kind,
    f.c.year,
    f.c.currency,
    f.c.value,
    f.c.min,
    f.c.max,
    f.c.approx,
    f.c.unit,
    f.c.usd,
    f.c.krw,
    f.c.span,
    f.c.evidence_start,
    f.c.evidence_end,
    f.c.confidence,
    f.c.rule,
    f.c.payload,
    d.c.name.label("doc_name"),
    d.c.title.label("doc_title"),
    d.c.published,
)


def fact_key(doc_id: str, seq: int) -> str:
    """The fact's key in URLs: `DOCUMENT-SEQ`."""
    return f"{doc_id}-{seq}"


def split_key(key: str) -> tuple[str, int] | None:
    """`DOCUMENT-SEQ` -> (document id, seq), or None when it is not a fact key."""
    doc, _, seq = key.rpartition("-")
    if not doc or not seq.isdigit() or len(seq) > 9:
        return None
    return doc, int(seq)


def number(column: Any) -> ColumnElement[Any]:
    """An exact-decimal column as a float for ordering (SQLite stores it as text)."""
    return cast(column, Float)


def entity(obj: Any) -> Actor | None:
    """An entity object of a fact's JSON payload as an Actor."""
    if not isinstance(obj, dict) or not obj.get("id"):
        return None
    return Actor(str(obj["id"]), str(obj.get("name") or obj["id"]), obj.get("ko"))


def _who(actor: Actor | None, payload: dict[str, Any]) -> str:
    """Who a row is about: the actor, else a partnership's parties or a ranking's subject."""
    if actor is not None:
        return actor.name
    named = [*(payload.get("parties") or ()), payload.get("subject")]
    named += payload.get("actor_group") or ()
    return " + ".join(e.name for e in map(entity, named) if e) or "-"


def fact_item(m: Any) -> FactItem:
    """One row of LIST_COLUMNS as a FactItem."""
    payload = json.loads(m["payload"])
    actor = Actor(m["actor_id"], m["actor_name"] or m["actor_id"], m["actor_ko"])
    actor_or_none = actor if m["actor_id"] else None
    return FactItem(
        key=fact_key(m["document_id"], m["seq"]),
        doc_id=m["document_id"],
        doc_name=m["doc_name"],
        doc_title=m["doc_title"],
        published=m["published"],
        type=m["type"],
        actor=actor_or_none,
        who=_who(actor_or_none, payload),
        kind=m["kind"],
        year=m["year"],
        currency=m["currency"],
        value=m["value"],
        min=m["min"],
        max=m["max"],
        approx=bool(m["approx"]),
        unit=m["unit"],
        usd=m["usd"],
        krw=m["krw"],
        span=m["span"],
        start=m["evidence_start"],
        end=m["evidence_end"],
        confidence=float(m["confidence"]),
        rule=m["rule"],
    )


def document_item(row: DocumentRow) -> DocumentItem:
    return DocumentItem(
        id=row.id,
        name=row.name,
        title=row.title,
        published=row.published,
        lang=row.lang,
        source=row.source,
        url=row.url,
        n_chars=row.n_chars,
        group_size=row.group_size,
        canonical=row.is_canonical,
    )
