"""Web: store rows -> the list items of `web.model` (facts, documents), and the fact keys.

The columns a facts list reads are named here once; `web.data` builds the queries.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from sqlalchemy import Float, cast
from sqlalchemy.sql.elements import ColumnElement

from ..store import DocumentRow
from ..store import schema as t
from .model import Actor, DocumentItem, FactItem

f, d = t.facts, t.documents
STREAM_CHUNK = 1000
LIST_COLUMNS = (  # labelled as FactItem names its fields
    f.c.document_id.label("doc_id"),
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
    f.c.evidence_start.label("start"),
    f.c.evidence_end.label("end"),
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


_DERIVED = ("key", "actor", "who")
_FACT_COLUMNS = tuple(x.name for x in fields(FactItem) if x.name not in _DERIVED)
_DOCUMENT_FIELDS = tuple(x.name for x in fields(DocumentItem) if x.name != "canonical")


def fact_item(m: Any) -> FactItem:
    """One row of LIST_COLUMNS as a FactItem."""
    actor = Actor(m["actor_id"], m["actor_name"] or m["actor_id"], m["actor_ko"])
    actor_or_none = actor if m["actor_id"] else None
    return FactItem(
        key=fact_key(m["doc_id"], m["seq"]),
        actor=actor_or_none,
        who=_who(actor_or_none, json.loads(m["payload"])),
        **{name: m[name] for name in _FACT_COLUMNS},
    )


def document_item(row: DocumentRow) -> DocumentItem:
    """A stored document as a list row."""
    values = {name: getattr(row, name) for name in _DOCUMENT_FIELDS}
    return DocumentItem(canonical=row.is_canonical, **values)
