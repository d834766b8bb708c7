"""Dedup: Document -> DedupDecision against an index on disk. The same decisions as
`index.DedupIndex` (exact by id or content hash, near by MinHash LSH with datasketch's bands,
the canonical the most complete then the earliest), but the stored documents are asked for
through a `Lookup` (the store's band table) and only the documents decided and not yet written
are held here, so memory stays flat however large the store grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..model import DedupDecision, Document
from .index import Known, rank
from .minhash import DEFAULT_THRESHOLD, band_keys, signature, similarity, to_bytes

Best = tuple[str, tuple[int, int]]  # a group's canonical document and its `rank`


@dataclass(frozen=True, slots=True)
class Found:
    """A stored document as the lookup answers it, with its group's canonical, so that placing
    a document in a stored group needs no second question."""

    row: Known
    best: Best


class Lookup(Protocol):
    """The stored documents, as the index asks for them."""

    def same(self, doc_id: str, content_hash: str) -> Found | None:
        """The stored document with this id, else the first with this content hash."""
        ...

    def nearest(self, keys: Sequence[int], sig: bytes, threshold: float) -> Found | None:
        """Of the stored documents with one of these band keys and a signature at least
        `threshold` similar to `sig`, the most similar (the greatest id among equals): the
        only one that can be chosen as what `sig`'s document is a near duplicate of."""
        ...

    def canonical(self, group_id: str) -> Best | None:
        """The canonical document of a stored group."""
        ...


class StoredIndex:
    """Decides, document by document, whether it is new, an exact or a near duplicate, against
    the stored documents and those decided since the last write (`written` drops them)."""

    def __init__(self, lookup: Lookup, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.lookup, self.threshold = lookup, threshold
        self._pending: dict[str, Known] = {}  # decided, not written yet
        self._by_hash: dict[str, str] = {}
        self._by_key: dict[int, list[str]] = {}
        self._canonical: dict[str, Best] = {}  # groups changed meanwhile
        self._told: dict[str, Best] = {}  # the stored groups the current decision was told of

    def __len__(self) -> int:
        return len(self._pending)

    def _heard(self, found: Found) -> Known:
        self._told[found.row.group_id] = found.best
        return found.row

    def _same(self, doc: Document) -> Known | None:
        if doc.id in self._pending:
            return self._pending[doc.id]
        stored = self.lookup.same(doc.id, doc.content_hash)
        if stored is not None:
            self._heard(stored)
        if stored is not None and stored.row.doc_id == doc.id:
            return stored.row
        pending = self._by_hash.get(doc.content_hash)
        return stored.row if stored is not None else self._pending.get(pending or "")

    def _canonical_of(self, group: str) -> Best | None:
        if group in self._canonical:
            return self._canonical[group]
        return self._told.get(group) or self.lookup.canonical(group)

    def decide(self, doc: Document, sig: bytes | None = None) -> tuple[DedupDecision, bytes]:
        """Place `doc` in a group and remember it until written; return the decision and its
        signature (`minhash.to_bytes`; given when a worker computed it already)."""
        self._told = {}
        same = self._same(doc)
        if same is not None:
            held = self._canonical_of(same.group_id)
            chosen = held[0] if held else same.doc_id
            kind = DedupDecision(doc.id, "exact", same.group_id, chosen, same.doc_id)
            return kind, b""
        sig = sig or to_bytes(signature(doc.text))
        keys = band_keys(sig, self.threshold)
        match, sim = self._nearest(sig, keys)
        group = match.group_id if match else doc.id
        row = Known(doc.id, group, doc.content_hash, sig, len(doc.text), doc.published)
        self._remember(row, keys)
        canonical = self._canonical[group][0]
        if match is None:
            return DedupDecision(doc.id, "new", group, canonical), sig
        return DedupDecision(doc.id, "near", group, canonical, match.doc_id, sim), sig

    def _nearest(self, sig: bytes, keys: list[int]) -> tuple[Known | None, float]:
        found: dict[str, Known] = {}
        stored = self.lookup.nearest(keys, sig, self.threshold)
        if stored is not None:
            found[stored.row.doc_id] = self._heard(stored)
        for key in keys:
            found.update((d, self._pending[d]) for d in self._by_key.get(key, ()))
        best: tuple[Known | None, float] = (None, 0.0)
        for doc_id in sorted(found):
            sim = similarity(sig, found[doc_id].signature)
            held = best[0].doc_id if best[0] is not None else ""
            if sim >= self.threshold and (sim, doc_id) > (best[1], held):
                best = (found[doc_id], sim)
        return best

    def _remember(self, row: Known, keys: list[int]) -> None:
        self._pending[row.doc_id] = row
        self._by_hash.setdefault(row.content_hash, row.doc_id)
        for key in dict.fromkeys(keys):
            self._by_key.setdefault(key, []).append(row.doc_id)
        score = rank(row.n_chars, row.published)
        # a new group is named after its first document, which is not stored: nothing to ask
        best = self._canonical_of(row.group_id) if row.group_id != row.doc_id else None
        if best is None or score > best[1]:
            best = (row.doc_id, score)
        self._canonical[row.group_id] = best

    def written(self, doc_ids: Iterable[str]) -> None:
        """Forget the documents a batch wrote: the store answers for them now."""
        done = {d for d in doc_ids if d in self._pending}
        if not done:
            return
        for doc_id in done:
            row = self._pending.pop(doc_id)
            if self._by_hash.get(row.content_hash) == doc_id:
                del self._by_hash[row.content_hash]
        self._by_key = {
            k: kept
            for k, ids in self._by_key.items()
            if (kept := [d for d in ids if d not in done])
        }
        # a group whose canonical is stored now reads it from the store again
        self._canonical = {g: c for g, c in self._canonical.items() if c[0] in self._pending}
