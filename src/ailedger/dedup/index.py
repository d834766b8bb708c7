"""Dedup: Document -> DedupDecision. Exact duplicates by content hash, near duplicates by
MinHash LSH; one canonical document per group (the most complete, then the earliest).

This index lives in memory for one run: it is rebuilt from the store's rows at the start and
updated as each document is decided, so duplicates within one batch are caught too. Its memory
grows with the store (about 5 KB a document); an ingest at the default threshold uses
`stored.StoredIndex` instead, which asks the store's band table and holds only the documents not
yet written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from ..model import DedupDecision, Document
from .minhash import DEFAULT_THRESHOLD, NUM_PERM, from_bytes, signature, to_bytes

__all__ = ["DEFAULT_THRESHOLD", "DedupIndex", "Known", "rank"]


@dataclass(frozen=True, slots=True)
class Known:
    """What the index keeps of a stored document (a store row or one decided this run)."""

    doc_id: str
    group_id: str
    content_hash: str
    signature: bytes
    n_chars: int
    published: dt.date | None
    canonical: bool = False  # stored as its group's canonical (keeps ties as they were decided)


def rank(n_chars: int, published: dt.date | None) -> tuple[int, int]:
    """Bigger is more canonical: more text first, then an earlier date."""
    return n_chars, -(published or dt.date.max).toordinal()


class DedupIndex:
    """Decides, document by document, whether it is new, an exact or a near duplicate."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"dedup threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}
        self._by_hash: dict[str, str] = {}
        self._group_of: dict[str, str] = {}
        self._canonical: dict[str, tuple[str, tuple[int, int]]] = {}

    def __len__(self) -> int:
        return len(self._group_of)

    def load(self, rows: Iterable[Known]) -> None:
        """Add documents already stored."""
        for row in rows:
            self._remember(row, from_bytes(row.signature, self.num_perm))

    def _remember(self, row: Known, mh: MinHash) -> None:
        self._group_of[row.doc_id] = row.group_id
        self._by_hash.setdefault(row.content_hash, row.doc_id)
        self._sigs[row.doc_id] = mh
        self._lsh.insert(row.doc_id, mh, check_duplication=False)
        score = rank(row.n_chars, row.published)
        best = self._canonical.get(row.group_id)
        if best is None or score > best[1] or row.canonical:
            self._canonical[row.group_id] = (row.doc_id, score)

    def decide(self, doc: Document, sig: bytes | None = None) -> tuple[DedupDecision, bytes]:
        """Place `doc` in a group and remember it; return the decision and its signature.

        Args:
            doc: the cleaned document.
            sig: its signature (`minhash.to_bytes`) when a worker computed it already.
        """
        if doc.id in self._group_of or doc.content_hash in self._by_hash:
            stored = doc.id if doc.id in self._group_of else self._by_hash[doc.content_hash]
            group = self._group_of[stored]
            decision = DedupDecision(doc.id, "exact", group, self._canonical[group][0], stored)
            return decision, b""
        mh = signature(doc.text, self.num_perm) if sig is None else from_bytes(sig, self.num_perm)
        match, similarity = self._nearest(mh)
        group = self._group_of[match] if match else doc.id
        row = Known(doc.id, group, doc.content_hash, to_bytes(mh), len(doc.text), doc.published)
        self._remember(row, mh)
        canonical = self._canonical[group][0]
        if match is None:
            return DedupDecision(doc.id, "new", group, canonical), row.signature
        return DedupDecision(doc.id, "near", group, canonical, match, similarity), row.signature

    def written(self, doc_ids: Iterable[str]) -> None:
        """Nothing to forget: this index holds every document of the run in memory."""

    def _nearest(self, mh: MinHash) -> tuple[str | None, float]:
        best: tuple[str | None, float] = (None, 0.0)
        for key in self._lsh.query(mh):
            sim = float(mh.jaccard(self._sigs[key]))
            if sim >= self.threshold and (sim, str(key)) > (best[1], best[0] or ""):
                best = (str(key), sim)
        return best
