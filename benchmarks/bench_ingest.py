"""Benchmark: ingest+clean+dedup (and +store) throughput on one core beside the floor
(read + UTF-8 decode + one regex pass) measured in the same run, and peak RSS.

Run with `make bench` (or `python benchmarks/bench_ingest.py -n 5000`). Prints a table and
writes bench-out/ingest.json. Figures are measurements of this machine, never asserted.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gencorpus import write_corpus, write_html_corpus

from ailedger.clean.cleaner import clean
from ailedger.dedup.index import DedupIndex
from ailedger.ingest.parse import parse
from ailedger.model import RawInput
from ailedger.pipeline import IngestOptions, ingest
from ailedger.store import Store

DIGITS = re.compile(r"\d[\d,.]*")


def floor(paths: list[Path]) -> float:
    """Seconds to read, decode and scan every file once with one regex."""
    start, found = time.perf_counter(), 0
    for path in paths:
        found += len(DIGITS.findall(path.read_bytes().decode("utf-8")))
    return time.perf_counter() - start


def staged(paths: list[Path]) -> dict[str, float]:
    """Seconds per stage of ingest -> clean -> dedup, in one process."""
    spent: dict[str, float] = defaultdict(float)
    index = DedupIndex()
    for path in paths:
        t0 = time.perf_counter()
        raw = RawInput(source=str(path), data=path.read_bytes(), name=path.stem)
        t1 = time.perf_counter()
        doc = parse(raw)
        t2 = time.perf_counter()
        cleaned = clean(doc)
        t3 = time.perf_counter()
        index.decide(cleaned)
        t4 = time.perf_counter()
        spent["read"] += t1 - t0
        spent["ingest (decode+parse+date)"] += t2 - t1
        spent["clean"] += t3 - t2
        spent["dedup (minhash+lsh)"] += t4 - t3
    return dict(spent)


def html_stages(paths: list[Path]) -> float:
    """Seconds to parse (trafilatura: main text, title, date) and clean every news page."""
    start = time.perf_counter()
    for path in paths:
        clean(parse(RawInput(source=str(path), data=path.read_bytes(), name=path.stem)))
    return time.perf_counter() - start


def with_store(root: Path, facts: bool) -> float:
    """Seconds for the whole `ailedger ingest` pipeline into a fresh SQLite file (with the
    analyse and extract stages when `facts`, as `ailedger ingest` runs by default)."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "b.db")) as store:
        start = time.perf_counter()
        ingest(store, [str(root)], IngestOptions(facts=facts))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=3000, help="articles to generate")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "corpus", args.n)
        mb = sum(p.stat().st_size for p in paths) / 2**20
        floor(paths[:200])  # warm the page cache and the regex
        t_floor = floor(paths)
        stages = staged(paths)
        t_stages = sum(stages.values())
        t_store = with_store(Path(tmp) / "corpus", facts=False)
        t_facts = with_store(Path(tmp) / "corpus", facts=True)
        pages = write_html_corpus(Path(tmp) / "html", min(args.n, 1000))
        html_mb = sum(p.stat().st_size for p in pages) / 2**20
        floor(pages[:200])
        t_html_floor = floor(pages)
        t_html = html_stages(pages)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = {
        "floor (read+decode+regex)": t_floor,
        "ingest+clean+dedup": t_stages,
        "ingest+clean+dedup+store (sqlite)": t_store,
        "+ analyse+extract+facts stored": t_facts,
    }
    report = {
        "articles": len(paths),
        "mb": round(mb, 2),
        "results": {
            k: {
                "seconds": round(v, 3),
                "articles_per_s": round(len(paths) / v, 1),
                "mb_per_s": round(mb / v, 2),
                "ratio_to_floor": round(t_floor / v, 5),
            }
            for k, v in rows.items()
        },
        "stage_seconds": {k: round(v, 3) for k, v in stages.items()},
        "peak_rss_mb": round(rss_mb, 1),
    }
    print(f"{len(paths)} articles, {mb:.1f} MB, one core (one process)")
    print(f"{'pipeline':38} {'art/s':>10} {'MB/s':>8} {'% of floor':>11}")
    for name, r in report["results"].items():  # type: ignore[attr-defined]
        pct = 100 * r["ratio_to_floor"]
        print(f"{name:38} {r['articles_per_s']:>10} {r['mb_per_s']:>8} {pct:>10.2f}%")
    print("time per stage:", ", ".join(f"{k} {v:.2f}s" for k, v in stages.items()))
    print(f"slowest stage: {max(stages, key=stages.__getitem__)}")
    html_row = {
        "pages": len(pages),
        "mb": round(html_mb, 2),
        "floor_mb_per_s": round(html_mb / t_html_floor, 2),
        "articles_per_s": round(len(pages) / t_html, 1),
        "mb_per_s": round(html_mb / t_html, 2),
        "pct_of_floor": round(100 * t_html_floor / t_html, 3),
    }
    report["html_parse_clean"] = html_row
    print(
        f"HTML pages (reported apart): {len(pages)} pages, {html_mb:.1f} MB; parse (trafilatura)"
        f"+clean {html_row['articles_per_s']} pages/s, {html_row['mb_per_s']} MB/s, "
        f"{html_row['pct_of_floor']:.2f}% of the floor on the same pages "
        f"({html_row['floor_mb_per_s']} MB/s)"
    )
    print(f"peak RSS: {rss_mb:.0f} MB")
    args.out.mkdir(exist_ok=True)
    (args.out / "ingest.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
