"""Benchmark: the ledger after an ingest — a full rebuild from every stored fact against the
incremental merge of the new facts (`update_ledger`), on the sample corpus and on a synthetic
store of about 10,000 facts (the corpus's facts copied onto new documents with other actors,
amounts and years). The last documents' facts are held back, the ledger is built without them,
then they are stored and merged; both results are checked to be the same bytes.

    .venv/bin/python benchmarks/bench_ledger.py [--facts 10000] [--new-docs 10]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from ailedger import Store, ingest
from ailedger.export import encode, rows
from ailedger.store import rebuild_ledger, update_ledger
from ailedger.store import schema as t
from ailedger.store.ledger_schema import LEDGER_TABLES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"


def _rows(store: Store, table: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(table))]


def _scaled(amount: dict[str, Any], scale: Decimal) -> dict[str, Any]:
    out = dict(amount)
    for key in ("value", "min", "max"):
        if isinstance(out.get(key), int | float):
            out[key] = int(Decimal(str(out[key])) * scale)
    return out


def _copy(fact: dict[str, Any], doc_id: str, actors: list[dict[str, Any]]) -> dict[str, Any]:
    row = {k: v for k, v in fact.items() if k != "id"}
    payload = json.loads(row["payload"])
    row["document_id"] = payload["doc"] = doc_id
    if isinstance(payload.get("actor"), dict):
        actor = random.choice(actors)
        payload["actor"] = actor
        row.update(actor_id=actor["id"], actor_name=actor["name"], actor_ko=actor.get("ko"))
    scale = Decimal(random.choice(("0.5", "1", "1", "2", "3")))
    for key in ("amount", "quantity"):
        if isinstance(payload.get(key), dict):
            payload[key] = _scaled(payload[key], scale)
    if payload.get("year"):
        payload["year"] = row["year"] = random.choice((2023, 2024, 2025, 2025, 2026))
    row["payload"] = json.dumps(payload, ensure_ascii=False)
    return row


def grow(store: Store, n_facts: int) -> None:
    """Copy the stored documents and facts onto new documents until n_facts exist."""
    random.seed(11)
    docs, facts = _rows(store, t.documents), _rows(store, t.facts)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        by_doc.setdefault(f["document_id"], []).append(f)
    templates = [d for d in docs if d["id"] in by_doc]
    actors = sorted(
        {
            json.dumps(p["actor"], sort_keys=True): p["actor"]
            for f in facts
            if isinstance((p := json.loads(f["payload"])).get("actor"), dict)
        }.values(),
        key=lambda a: str(a["id"]),
    )
    total, i = len(facts), 0
    with store.engine.begin() as conn:
        while total < n_facts:
            i += 1
            doc = random.choice(templates)
            doc_id = f"syn{i:013x}"
            published = doc["published"]
            if published is not None:
                published = published.replace(year=random.choice((2023, 2024, 2025)))
            conn.execute(insert(t.groups), [{"id": doc_id, "canonical_id": doc_id}])
            new = doc | {"id": doc_id, "group_id": doc_id, "name": f"synthetic-{i}"}
            new |= {"published": published, "content_hash": f"{i:064x}"}
            conn.execute(insert(t.documents), [new])
            copies = [_copy(f, doc_id, actors) for f in by_doc[doc["id"]]]
            conn.execute(insert(t.facts), copies)
            total += len(copies)


def _dump(store: Store) -> bytes:
    return b"".join(encode("jsonl", n, rows(store, n)) for n in ("entries", "conflicts"))


def _timed(fn: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def measure(store: Store, new_docs: int) -> dict[str, Any]:
    """Hold back the facts of the last `new_docs` documents (by id), build the ledger, store
    them and merge them; then rebuild the whole ledger and compare."""
    facts = _rows(store, t.facts)
    held_docs = sorted({f["document_id"] for f in facts})[-new_docs:]
    held = [f for f in facts if f["document_id"] in held_docs]
    with store.engine.begin() as conn:
        for table in LEDGER_TABLES:  # its claims point at the facts held back
            conn.execute(delete(table))
        conn.execute(delete(t.facts).where(t.facts.c.document_id.in_(held_docs)))
    rebuild_ledger(store)
    with store.engine.begin() as conn:
        conn.execute(insert(t.facts), held)
    merge_s, counts = _timed(update_ledger, store)
    merged = _dump(store)
    nothing_s, _ = _timed(update_ledger, store)
    rebuild_s, full = _timed(rebuild_ledger, store)
    assert _dump(store) == merged, "the merge differs from the rebuild"
    return {
        "facts": len(facts),
        "entries": full.entries,
        "new_docs": new_docs,
        "new_facts": len(held),
        "rebuild_s": round(rebuild_s, 3),
        "merge_s": round(merge_s, 3),
        "merge_claims_read": counts.claims,
        "nothing_new_s": round(nothing_s, 3),
        "speedup": round(rebuild_s / merge_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--new-docs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "l.db")) as store:
        ingest(store, [str(CORPUS)])
        print("sample corpus:", json.dumps(measure(store, 5)))
        grow(store, args.facts)
        print("synthetic:    ", json.dumps(measure(store, args.new_docs)))


if __name__ == "__main__":
    main()
