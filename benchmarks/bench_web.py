"""Benchmark: latency and throughput of the web dashboard on a store of 100 000 synthetic facts.

The store is the sample corpus ingested for real, then its documents and facts copied (new ids,
dates, actors and amounts) until it holds --facts facts, and the ledger rebuilt from them all
(what the overview's league table, /entries and /conflicts read). `ailedger serve` runs in a
child process on loopback; this process sends a bounded number of requests per page, one at a
time (p50, p95, requests/s) and then from --threads threads at once (requests/s), and writes
bench-out/web.json with the machine's load average before and after. Target: p95 < 100 ms for
the overview and a filtered facts page.

The first row is the floor, measured the same way in the same run: a small static file from the
same server (HTTP on loopback, the framework, no store), so a page's figures read against what
this machine gives any request right now. Text searches go through the full-text index
(migration 0005): five Korean characters, two (shorter than a trigram), an English name, a
search within filters, and one character (no index: a scan of every payload).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select

from ailedger import Store, ingest
from ailedger.store import rebuild_ledger
from ailedger.store import schema as t

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
OUT = ROOT / "bench-out" / "web.json"
ACTORS = ("nvidia", "microsoft", "삼성전자", "OpenAI", "amazon")
PAGES: dict[str, list[str]] = {
    "floor (static file)": ["/static/favicon.svg"],
    "overview": ["/"],
    "overview.json": ["/index.json?cur=KRW"],
    "facts filtered": [
        f"/facts?type=money&actor={a}&year={y}" for a in ACTORS for y in (2024, 2025)
    ],
    "facts filtered.json": [f"/facts.json?type=compute&actor={a}&sort=oldest" for a in ACTORS],
    "facts by kind, USD order": ["/facts?type=money&kind=investment&sort=usd_desc"],
    "facts text search": ["/facts?q=%EB%8D%B0%EC%9D%B4%ED%84%B0%EC%84%BC%ED%84%B0"],
    "text search, 2 chars": ["/facts?q=%EC%82%BC%EC%84%B1", "/facts?q=%EB%A9%94%ED%83%80"],
    "text search, English": ["/facts?q=Nvidia", "/facts.json?q=billion"],
    "text search + filters": [
        f"/facts?type=money&year={y}&q=%ED%88%AC%EC%9E%90" for y in (2024, 2025)
    ],
    "text search, 1 char": ["/facts?q=x"],
    "actor": [f"/actors/{a}" for a in ("nvidia", "microsoft", "openai")],
    "ledger entries": [f"/entries?type=money&actor={a}&sort=usd_desc" for a in ACTORS],
    "entries in a conflict": ["/entries?conflicted=true", "/entries.json?type=money&year=2025"],
    "conflicts": ["/conflicts", "/conflicts?kind=scale_slip", "/conflicts.json?kind=rounding"],
}
TARGET_MS = 100.0


def _rows(store: Store, table: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(table))]


def _fact_copy(fact: dict[str, Any], doc_id: str, actors: list[dict[str, Any]]) -> dict[str, Any]:
    row = {k: v for k, v in fact.items() if k != "id"}
    row["document_id"] = doc_id
    payload = json.loads(row["payload"])
    payload["doc"] = doc_id
    if fact["actor_id"] is not None:
        actor = random.choice(actors)
        row.update(actor_id=actor["id"], actor_name=actor["name"], actor_ko=actor.get("ko"))
        payload["actor"] = actor
    scale = Decimal(random.choice(("0.5", "1", "1", "2", "3")))
    for key in ("value", "min", "max", "usd", "krw"):
        if row[key] is not None:
            row[key] = (row[key] * scale).quantize(Decimal(1))
    for key in ("usd", "krw"):
        if payload.get(key) is not None and row[key] is not None:
            payload[key] = int(row[key])
    row["year"] = random.choice((2023, 2024, 2025, 2025, 2026)) if row["year"] else None
    row["payload"] = json.dumps(payload, ensure_ascii=False)
    return row


def build(db: str, n_facts: int) -> int:
    """Ingest the corpus into `db`, then copy its documents and facts until n_facts exist."""
    random.seed(7)
    started = time.perf_counter()
    with Store.open(db) as store:
        ingest(store, [str(CORPUS)])
        docs = _rows(store, t.documents)
        facts = _rows(store, t.facts)
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for fact in facts:
            by_doc.setdefault(fact["document_id"], []).append(fact)
        templates = [d for d in docs if d["id"] in by_doc]
        actors = sorted(
            {f["actor_id"]: {"id": f["actor_id"], "name": f["actor_name"], "ko": f["actor_ko"]}
             for f in facts if f["actor_id"]}.values(),
            key=lambda a: a["id"],
        )  # fmt: skip
        total, i = len(facts), 0
        with store.engine.begin() as conn:
            while total < n_facts:
                batch_docs, batch_groups, batch_facts = [], [], []
                for _ in range(500):
                    i += 1
                    doc = random.choice(templates)
                    doc_id = f"{i:016x}"
                    published = doc["published"]
                    if published is not None:
                        published = published.replace(year=random.choice((2023, 2024, 2025)))
                    batch_groups.append({"id": doc_id, "canonical_id": doc_id, "created_run": None})
                    batch_docs.append(
                        doc | {"id": doc_id, "group_id": doc_id, "name": f"synthetic-{i}"}
                        | {"published": published, "content_hash": f"{i:064x}"}
                    )  # fmt: skip
                    batch_facts += [_fact_copy(f, doc_id, actors) for f in by_doc[doc["id"]]]
                conn.execute(insert(t.groups), batch_groups)
                conn.execute(insert(t.documents), batch_docs)
                conn.execute(insert(t.facts), batch_facts)
                total += len(batch_facts)
        print(f"store: {total} facts in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        built = rebuild_ledger(store)
        print(f"ledger: {built.entries} entries, {built.conflicts} conflicts rebuilt in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        return total


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    args = [sys.executable, "-m", "ailedger", "--db", db, "serve", "--port", str(port)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("ailedger serve did not start")


def _time(client: httpx.Client, paths: list[str], i: int) -> float:
    path = paths[i % len(paths)]
    start = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return elapsed


def measure(url: str, paths: list[str], requests: int, threads: int) -> dict[str, float]:
    """Sequential latencies (p50, p95, req/s) and concurrent throughput of one page (its paths
    taken in turn)."""
    with httpx.Client(base_url=url, timeout=30) as client:
        first = _time(client, paths, 0)  # nothing cached yet for this page
        for i in range(5):
            _time(client, paths, i)
        started = time.perf_counter()
        times = [_time(client, paths, i) for i in range(requests)]
        sequential = requests / (time.perf_counter() - started)
    clients = [httpx.Client(base_url=url, timeout=30) for _ in range(threads)]
    per_thread = max(1, requests // threads)
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda c: [_time(c, paths, i) for i in range(per_thread)], clients))
    concurrent = per_thread * threads / (time.perf_counter() - started)
    for c in clients:
        c.close()
    ordered = sorted(times)
    return {
        "first_ms": first * 1000,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
        "max_ms": ordered[-1] * 1000,
        "rps": sequential,
        "rps_concurrent": concurrent,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000, help="facts in the store")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients")
    parser.add_argument("--db", help="reuse (or create) this SQLite file")
    args = parser.parse_args()
    load_before = list(os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="ailedger-bench-web-") as workdir:
        db = args.db or str(Path(workdir) / "web.db")
        if not Path(db).exists():
            build(db, args.facts)
        results = run(db, args.requests, args.threads)
    OUT.parent.mkdir(exist_ok=True)
    meta = {"facts": args.facts, "requests": args.requests, "threads": args.threads}
    meta |= {"load_before": load_before, "load_after": list(os.getloadavg())}
    print(f"load average before {load_before[0]:.2f}, after {meta['load_after'][0]:.2f}")
    OUT.write_text(json.dumps({"meta": meta, "pages": results}, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


def run(db: str, requests: int, threads: int) -> dict[str, Any]:
    """Serve `db` from a child process and measure every page from this one."""
    process, url = _start(db)
    results: dict[str, Any] = {}
    try:
        print(f"{'page':26} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} "
              f"{'req/s x' + str(threads):>9}")  # fmt: skip
        for name, paths in PAGES.items():
            r = measure(url, paths, requests, threads)
            results[name] = {"paths": paths, **r}
            flag = "" if r["p95_ms"] < TARGET_MS else "  (over the 100 ms target)"
            print(
                f"{name:26} {r['first_ms']:8.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
                f"{r['max_ms']:8.1f} {r['rps']:7.1f} {r['rps_concurrent']:9.1f}{flag}"
            )
    finally:
        process.terminate()
        process.wait(timeout=15)
    return results


if __name__ == "__main__":
    main()
