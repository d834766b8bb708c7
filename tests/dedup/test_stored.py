"""Dedup on disk: the store-backed index decides exactly as the in-memory one, whether the
documents it compares with are written already or still pending, and holds only the pending."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select

from ailedger.clean.cleaner import clean
from ailedger.dedup.index import DedupIndex
from ailedger.dedup.minhash import band_keys, lsh_shape, signature, similarity, to_bytes
from ailedger.dedup.stored import StoredIndex
from ailedger.model import Document, StoredDocument
from ailedger.store import Store
from ailedger.store.connect import create, resolve_url
from ailedger.store.dedup_io import StoredDocuments
from ailedger.store.migrate import upgrade
from ailedger.store.schema import dedup_bands, dedup_signatures
from tests.factories import raw_doc

WORDS = [
    "하이퍼스케일러",
    "데이터센터",
    "설비투자",
    "전력",
    "반도체",
    "클라우드",
    "모델",
    "공급망",
    "냉각",
    "인재",
]


def _story(rng: random.Random, n: int = 40) -> str:
    return " ".join(f"{rng.choice(WORDS)}{i}가 {rng.choice(WORDS)}를 늘렸다." for i in range(n))


def _corpus(seed: int = 3) -> list[Document]:
    """New stories, exact copies, near copies (one sentence more or changed), some dated."""
    rng, stories, docs = random.Random(seed), [], []
    for n in range(40):
        roll = rng.random()
        if stories and roll < 0.25:
            text = rng.choice(stories)  # an exact copy
        elif stories and roll < 0.6:
            text = rng.choice(stories) + f" 덧붙인 문장 {n}."  # a near copy, longer
        else:
            text = _story(rng)
            stories.append(text)
        day = dt.date(2025, 1, 1 + rng.randrange(20)) if rng.random() < 0.5 else None
        docs.append(clean(raw_doc(text, f"https://site{n}.example.com/{n}", day)))
    return docs


@pytest.mark.parametrize("batch", [1, 3, 7, 100])
def test_stored_index_decides_as_the_memory_index(db_url: str, batch: int) -> None:
    docs = _corpus()
    memory = DedupIndex()
    expected = [memory.decide(d)[0] for d in docs]
    with Store.open(db_url) as store:
        index, run, pending = StoredIndex(StoredDocuments(store)), store.start_run(["t"], {}), []
        got = []
        for d in docs:
            decision, sig = index.decide(d)
            got.append(decision)
            pending.append(StoredDocument(d, decision, sig))
            if len(pending) == batch:
                store.write_batch(run, pending)
                index.written(p.document.id for p in pending)
                pending = []
        # only what is not written is held (an exact duplicate is never held: it joins a group)
        assert len(index) == sum(p.dedup.kind != "exact" for p in pending)
    assert got == expected
    assert {d.kind for d in got} == {"new", "exact", "near"}


def test_a_new_index_finds_what_an_earlier_run_stored(db_url: str) -> None:
    first, second = _corpus(5)[:1], clean(raw_doc(_corpus(5)[0].text + " 한 문장 더.", "u"))
    with Store.open(db_url) as store:
        index = StoredIndex(StoredDocuments(store))
        decision, sig = index.decide(first[0])
        store.write_batch(store.start_run(["t"], {}), [StoredDocument(first[0], decision, sig)])
        again, _ = StoredIndex(StoredDocuments(store)).decide(second)
    assert again.kind == "near" and again.duplicate_of == first[0].id


def test_band_keys_follow_datasketch_bands() -> None:
    sig = to_bytes(signature(_story(random.Random(1))))
    bands, rows = lsh_shape()
    keys = band_keys(sig)
    assert len(keys) == bands == 14 and rows == 9
    changed = bytearray(sig)
    changed[0] ^= 1  # one value of the first band
    assert band_keys(bytes(changed))[1:] == keys[1:] and band_keys(bytes(changed))[0] != keys[0]
    assert similarity(sig, sig) == 1.0


def test_documents_stored_before_the_band_table_get_their_keys_from_migration(
    db_url: str,
) -> None:
    docs, memory = _corpus(7), DedupIndex()
    decided = [(d, *memory.decide(d)) for d in docs[:12]]
    url = resolve_url(db_url)
    engine = create(url)
    assert upgrade(engine, "0006")
    old = Store(engine, url)  # the schema before the band table
    old.write_batch(old.start_run(["t"], {}), [StoredDocument(d, k, s) for d, k, s in decided])
    old.close()
    with Store.open(db_url) as store, store.engine.connect() as conn:  # migrates to the head
        rows = {tuple(r) for r in conn.execute(select(dedup_bands.c.key, dedup_bands.c.doc_id))}
        sigs = {tuple(r) for r in conn.execute(select(*dedup_signatures.c))}
        index = StoredIndex(StoredDocuments(store))
        later = [index.decide(d)[0] for d in docs[12:]]
    assert rows == {(k, d.id) for d, _, s in decided if s for k in band_keys(s)}
    assert sigs == {(d.id, s) for d, _, s in decided if s}
    assert later == [memory.decide(d)[0] for d in docs[12:]]
    assert any(d.kind == "near" and d.duplicate_of in {x.id for x in docs[:12]} for d in later)
