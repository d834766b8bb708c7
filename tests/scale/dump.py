"""A deterministic dump of a store: `ailedger export` of every table (documents, facts, ledger
entries, conflicts) as JSON Lines, plus, through the read API, what export leaves out (raw
texts, offsets, dedup groups, sources, removed blocks, rules and confidences), without what
differs between runs by design (run ids, timestamps, autoincrement ids). Two stores with equal
dumps hold the same ledger."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ailedger.export import TABLES, encode, rows
from ailedger.store import Store

EVERYTHING = 10**9
PER_RUN = {"run_id", "ingested_at", "added_at", "id"}


def _plain(row: Any) -> dict[str, Any]:
    return {k: v for k, v in asdict(row).items() if k not in PER_RUN}


def dump(store: Store) -> list[str]:
    """One JSON line per document (with its sources and removed blocks) and per fact."""
    lines = []
    for doc in sorted(store.documents(limit=EVERYTHING), key=lambda d: d.id):
        row = _plain(doc) | {
            "id": doc.id,
            "sources": [_plain(s) for s in store.sources(doc.id)],
            "removed": [asdict(b) for b in store.removed_blocks(doc.id)],
        }
        lines.append(json.dumps(row, default=str, ensure_ascii=False, sort_keys=True))
    for fact in store.facts(limit=EVERYTHING):
        lines.append(json.dumps(_plain(fact), default=str, ensure_ascii=False, sort_keys=True))
    for table in TABLES:  # the bytes `ailedger export --format jsonl` writes
        lines += encode("jsonl", table, rows(store, table)).decode().splitlines()
    return lines


def run_summary(store: Store, run_id: str) -> tuple[object, ...]:
    """A run's totals, resume point and issues: equal for an uninterrupted and a resumed run."""
    run = store.run(run_id)
    assert run is not None
    return run.status, run.counts, run.inputs_done, store.run_issues(run_id)
