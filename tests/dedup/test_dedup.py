"""Dedup: exact duplicates by content, near duplicates by MinHash LSH, canonical choice."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from ailedger.clean.cleaner import clean
from ailedger.dedup.index import DedupIndex, Known
from ailedger.dedup.minhash import from_bytes, shingle_hashes, signature, to_bytes
from ailedger.model import Document
from tests.factories import raw_doc

STORY = " ".join(
    f"{n}번째 문장: 하이퍼스케일러들이 AI 데이터센터에 쏟는 설비투자가 해마다 늘고 있다고 분석했다."
    for n in range(30)
)


def doc(text: str, url: str | None = None, published: dt.date | None = None) -> Document:
    return clean(raw_doc(text, url, published))


def test_shingle_hashes_are_stable_and_distinct() -> None:
    a, b = shingle_hashes(STORY), shingle_hashes(STORY)
    assert np.array_equal(a, b)
    assert len(a) == len(np.unique(a)) > 100
    assert shingle_hashes("ab").size == 1


def test_signature_round_trips_through_bytes() -> None:
    mh = signature(STORY)
    assert from_bytes(to_bytes(mh)).jaccard(mh) == 1.0


def test_new_exact_and_near() -> None:
    index = DedupIndex(threshold=0.8)
    first, sig = index.decide(doc(STORY, "https://a.example.com/1"))
    assert first.kind == "new" and first.group_id == first.doc_id and sig
    exact, _ = index.decide(doc(STORY, "https://b.example.com/2"))
    assert exact.kind == "exact" and exact.duplicate_of == first.doc_id
    near, _ = index.decide(
        doc(STORY + " 이 기사는 제휴 매체에도 실렸다.", "https://c.example.com/3")
    )
    assert near.kind == "near" and near.group_id == first.doc_id
    assert near.similarity >= 0.8
    assert near.canonical_id == near.doc_id  # the longer copy is the more complete one
    other, _ = index.decide(doc("전혀 다른 기사다. " * 40, "https://d.example.com/4"))
    assert other.kind == "new"


def test_same_length_prefers_the_earliest() -> None:
    index = DedupIndex(threshold=0.7)
    late, _ = index.decide(doc(STORY.replace("늘고", "크고"), "https://x/1", dt.date(2025, 3, 2)))
    early, _ = index.decide(doc(STORY.replace("늘고", "높고"), "https://x/2", dt.date(2025, 3, 1)))
    assert early.kind == "near" and early.group_id == late.doc_id
    assert early.canonical_id == early.doc_id


def test_index_reloads_from_stored_rows() -> None:
    first = DedupIndex()
    decision, sig = first.decide(d := doc(STORY, "https://a.example.com/1"))
    second = DedupIndex()
    second.load([Known(d.id, decision.group_id, d.content_hash, sig, len(d.text), None)])
    again, _ = second.decide(doc(STORY + " 추가 문장 하나.", "https://e.example.com/9"))
    assert again.kind == "near" and again.group_id == d.id


def test_threshold_is_validated() -> None:
    with pytest.raises(ValueError, match="threshold"):
        DedupIndex(threshold=0)
