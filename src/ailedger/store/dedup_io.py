"""Store: what the on-disk dedup index asks of the stored documents (`dedup.stored.StoredIndex`):
a document by id or content hash, the documents that share an LSH band key (each with its group's
canonical), a group's canonical document. Each question is one indexed query, built once, so
memory does not grow with the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
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


_d, _b, _s, _g = t.documents, t.dedup_bands, t.dedup_signatures, t.groups
_SAME = _select().where(or_(_d.c.id == bindparam("id"), _d.c.content_hash == bindparam("hash")))
_BANDED = select(_b.c.doc_id).where(_b.c.key.in_(bindparam("keys", expanding=True)))
_SIGNATURES = select(_s.c.doc_id.label("id"), _s.c.signature).where(_s.c.doc_id.in_(_BANDED))
_BY_ID = _select().where(_d.c.id == bindparam("id"))
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

    def nearest(self, keys: Sequence[int], sig: bytes, threshold: float) -> Found | None:
        """The most similar stored document (the greatest id among equals) with one of these
        band keys and a signature at least `threshold` similar to `sig`. Documents written from
        common templates can share a band with thousands of others: their signatures alone are
        read and compared at once, and only the nearest is read in full."""
        if not keys:
            return None
        try:
            with self.store.engine.connect() as conn:
                banded = conn.execute(_SIGNATURES, {"keys": list(keys)}).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"dedup lookup in {self.store.url} failed: {describe(exc)}") from exc
        banded = [r for r in banded if len(r.signature) == len(sig)]
        if not banded:
            return None
        sigs = np.frombuffer(b"".join(bytes(r.signature) for r in banded), dtype=np.uint32)
        mine = np.frombuffer(sig, dtype=np.uint32)
        same = np.count_nonzero(sigs.reshape(len(banded), len(mine)) == mine, axis=1)
        n, doc_id = max(zip(same.tolist(), (r.id for r in banded), strict=True))
        if n / len(mine) < threshold:
            return None
        rows = self._rows(_BY_ID, id=doc_id)
        return rows[0] if rows else None

    def canonical(self, group_id: str) -> Best | None:
        """The canonical document of a stored group, with its rank."""
        rows = self._rows(_CANONICAL, group=group_id)
        return (rows[0].row.doc_id, rows[0].best[1]) if rows else None
