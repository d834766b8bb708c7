"""Store: what the on-disk dedup index asks of the stored documents (`dedup.stored.StoredIndex`):
a document by id or content hash, the documents that share an LSH band key (each with its group's
canonical), a group's canonical document. Each question is one indexed query, built once, so
memory does not grow with the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, bindparam, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..dedup.index import Known, rank
from ..dedup.stored import Best, Found
from ..errors import StoreError
from . import schema as t
from .connect import describe
from .reads import dedup_select
from .store import Store


def _found(row: Row[Any]) -> Found:
    known = Known(
        row.id,
        row.group_id,
        row.content_hash,
        bytes(row.signature),
        row.n_chars,
        row.published,
        row.id == row.canonical_id,
    )
    return Found(known, (row.canonical_id, rank(row.best_chars, row.best_published)))


def _select() -> Select[Any]:
    """A stored document with its group's canonical document (id, length and date)."""
    best = t.documents.alias("best")
    return (
        dedup_select()
        .add_columns(best.c.n_chars.label("best_chars"), best.c.published.label("best_published"))
        .join(best, best.c.id == t.groups.c.canonical_id)
    )


_d, _b, _g = t.documents, t.dedup_bands, t.groups
_SAME = _select().where(or_(_d.c.id == bindparam("id"), _d.c.content_hash == bindparam("hash")))
_SHARING = (
    _select()
    .where(_d.c.id.in_(select(_b.c.doc_id).where(_b.c.key.in_(bindparam("keys", expanding=True)))))
    .order_by(_d.c.id)
)
_CANONICAL = _select().where(
    _d.c.id == select(_g.c.canonical_id).where(_g.c.id == bindparam("group")).scalar_subquery()
)


class StoredDocuments:
    """The stored side of the dedup index (`dedup.stored.Lookup`), read through `store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _rows(self, stmt: Select[Any], **params: Any) -> list[Found]:
        try:
            with self.store.engine.connect() as conn:
                return [_found(r) for r in conn.execute(stmt, params)]
        except SQLAlchemyError as exc:
            raise StoreError(f"dedup lookup in {self.store.url} failed: {describe(exc)}") from exc

    def same(self, doc_id: str, content_hash: str) -> Found | None:
        """The stored document with this id, else the first with this content hash."""
        rows = self._rows(_SAME, id=doc_id, hash=content_hash)
        return min(rows, key=lambda f: (f.row.doc_id != doc_id, f.row.doc_id), default=None)

    def sharing(self, keys: Sequence[int]) -> list[Found]:
        """The stored documents with one of these band keys, by id."""
        return self._rows(_SHARING, keys=list(keys)) if keys else []

    def canonical(self, group_id: str) -> Best | None:
        """The canonical document of a stored group, with its rank."""
        rows = self._rows(_CANONICAL, group=group_id)
        return (rows[0].row.doc_id, rows[0].best[1]) if rows else None
