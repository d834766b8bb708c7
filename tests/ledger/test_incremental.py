"""Incremental ledger merge: whatever batches the sample corpus's facts arrive in, merging each
batch into the stored ledger (`update_ledger`) gives the bytes of a full rebuild, in `ailedger
export` (entries, conflicts) and in the claims and revisions tables."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, update

from ailedger.export import encode, rows
from ailedger.pipeline import ingest
from ailedger.store import Store, ledger_io, rebuild_ledger, update_ledger
from ailedger.store import ledger_schema as lt
from ailedger.store import schema as t
from tests.conftest import CORPUS

BASE = (t.runs, t.raw_inputs, t.groups, t.documents)


@dataclass(frozen=True)
class Corpus:
    base: dict[str, list[dict[str, Any]]]
    facts: dict[str, list[dict[str, Any]]]  # document id -> its fact rows
    expected: bytes
    empty: Path  # a migrated store without rows


def _all(store: Store, table: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(table))]


def dump(store: Store) -> bytes:
    """The exported ledger tables, then every claim and revision row in key order."""
    out = b"".join(encode("jsonl", name, rows(store, name)) for name in ("entries", "conflicts"))
    c, r = lt.ledger_claims, lt.ledger_revisions
    with store.engine.connect() as conn:
        for stmt in (select(c).order_by(c.c.entry_id, c.c.seq), select(r).order_by(r.c.seq)):
            out += "".join(f"{tuple(row)}\n" for row in conn.execute(stmt)).encode()
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("incremental")
    with Store.open(str(root / "empty.db")):
        pass
    with Store.open(str(root / "corpus.db")) as store:
        ingest(store, [str(CORPUS)])
        rebuild_ledger(store)
        base = {table.name: _all(store, table) for table in BASE}
        facts: dict[str, list[dict[str, Any]]] = {}
        for row in _all(store, t.facts):
            facts.setdefault(row["document_id"], []).append(row)
        return Corpus(base, facts, dump(store), root / "empty.db")


def fill(store: Store, corpus: Corpus, batches: Sequence[Sequence[str]]) -> None:
    """The corpus's documents, then their facts batch by batch, each batch merged."""
    with store.engine.begin() as conn:
        for table in BASE:
            conn.execute(insert(table), corpus.base[table.name])
    for batch in batches:
        with store.engine.begin() as conn:
            conn.execute(insert(t.facts), [f for doc in batch for f in corpus.facts[doc]])
        update_ledger(store)


def _batches(order: Sequence[str], cuts: Sequence[int]) -> list[list[str]]:
    edges = [0, *sorted(set(cuts)), len(order)]
    return [list(order[a:b]) for a, b in pairwise(edges) if b > a]


def _copy(corpus: Corpus) -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.db"
        shutil.copy(corpus.empty, path)
        with Store.open(str(path)) as store:
            yield store


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_batches_give_the_rebuilds_bytes(corpus: Corpus, data: st.DataObject) -> None:
    order = data.draw(st.permutations(sorted(corpus.facts)), label="order")
    cuts = data.draw(st.lists(st.integers(1, len(order) - 1), max_size=5), label="cuts")
    for store in _copy(corpus):
        fill(store, corpus, _batches(order, cuts))
        assert dump(store) == corpus.expected


def test_nothing_new_writes_nothing_and_a_regrouped_document_is_merged_again(
    corpus: Corpus,
) -> None:
    order = sorted(corpus.facts)
    for store in _copy(corpus):
        fill(store, corpus, [order[::2], order[1::2]])
        assert update_ledger(store).entries == 0
        d = t.documents
        with store.engine.begin() as conn:  # as when dedup puts a document in another group
            first, second = conn.execute(select(d.c.id, d.c.group_id).limit(2)).all()
            conn.execute(update(d).where(d.c.id == first.id).values(group_id=second.group_id))
        counts = update_ledger(store)
        assert counts.entries > 0
        merged = dump(store)
        rebuild_ledger(store)
        assert merged == dump(store) != corpus.expected


def test_a_ledger_from_before_migration_0006_is_rebuilt(corpus: Corpus) -> None:
    for store in _copy(corpus):
        fill(store, corpus, [sorted(corpus.facts)])
        with store.engine.begin() as conn:
            conn.execute(update(lt.ledger_entries).values(part=None))
        counts = update_ledger(store)
        assert counts.claims == sum(len(f) for f in corpus.facts.values())
        assert dump(store) == corpus.expected


def test_batches_on_both_backends_give_the_rebuilds_bytes(corpus: Corpus, db_url: str) -> None:
    order = sorted(corpus.facts, reverse=True)
    with Store.open(db_url) as store:
        fill(store, corpus, _batches(order, [5, 17, 40]))
        assert dump(store) == corpus.expected


@pytest.mark.parametrize("step", [1, 40])
def test_a_merge_in_small_steps_gives_the_rebuilds_bytes(
    corpus: Corpus, step: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge built a few partitions at a time (each family whole) holds only a step's claims;
    its rows are those of one build of everything, on a first merge, a later one and a
    rebuild."""
    monkeypatch.setattr(ledger_io, "CHUNK_CLAIMS", step)
    order = sorted(corpus.facts)
    for store in _copy(corpus):
        fill(store, corpus, [order[:7], order[7:]])
        assert dump(store) == corpus.expected
        counts = rebuild_ledger(store)
        assert counts.claims == sum(len(f) for f in corpus.facts.values())
        assert dump(store) == corpus.expected


def test_steps_keep_a_group_with_its_members(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_io, "CHUNK_CLAIMS", 1)
    parents = {"aws": "amazon", "gcp": "google", "deepmind": "google"}
    touched = {
        ("money", w, "capex") for w in ("amazon", "aws", "google", "gcp", "deepmind", "meta")
    }
    steps = list(ledger_io._steps(touched, {}, parents))
    assert sorted(p for s in steps for p in s) == sorted(touched)  # each once
    for step in steps:
        whos = {who for _, who, _ in step}
        assert whos in ({"amazon", "aws"}, {"google", "gcp", "deepmind"}, {"meta"})
