"""Benchmark: the analyse and extract stages on one core — gated (Kiwi on the sentences the gate
lets through) against ungated (Kiwi on every sentence) and the naive reference (Kiwi on whole
articles), beside the floor (read + decode + one regex pass), and clean+analyse+extract
(what fact extraction costs per article), all measured in the same run on the same documents.

Run with `make bench` or `python benchmarks/bench_analyse.py --copies 10`. Prints a table and
writes bench-out/analyse.json. Figures are measurements of this machine, never asserted.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
from collections.abc import Callable
from pathlib import Path

from ailedger.analyse.analyse import analyse
from ailedger.analyse.kiwi import kiwi
from ailedger.clean.cleaner import clean
from ailedger.facts.extract import extract
from ailedger.ingest.parse import parse
from ailedger.ingest.sources import SourceReader
from ailedger.model import Document, RawDocument, RawInput

DIGITS = re.compile(r"\d[\d,.]*")
ROOT = Path(__file__).resolve().parent.parent


def raw_documents(folders: list[Path]) -> list[RawDocument]:
    with SourceReader() as reader:
        items = reader.inputs([str(f) for f in folders if f.is_dir()])
        return [parse(i) for i in items if isinstance(i, RawInput)]


def timed(docs: list[Document], work: Callable[[Document], object]) -> float:
    start = time.perf_counter()
    for doc in docs:
        work(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10, help="times the corpus is repeated")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    raw_base = raw_documents([ROOT / "examples" / "corpus", ROOT.parent / "shared" / "seeds"])
    base = [clean(r) for r in raw_base]
    docs = base * args.copies
    raws = raw_base * args.copies
    by_doc = {id(d): r for d, r in zip(docs, raws, strict=True)}
    mb = sum(len(d.text.encode()) for d in docs) / 2**20
    for doc in base:  # load the model, compile the grammar, warm the caches
        analyse(doc, gate=False)
    work: dict[str, Callable[[Document], object]] = {
        "floor (encode+decode+regex)": lambda d: DIGITS.findall(d.text.encode().decode()),
        "analyse, gated": analyse,
        "analyse, every sentence": lambda d: analyse(d, gate=False),
        "naive: Kiwi on whole articles": lambda d: kiwi().tokenize(d.text),
        "clean+analyse+extract": lambda d: extract(analyse(clean(by_doc[id(d)]))),
    }
    rows = {name: min(timed(docs, fn) for _ in range(2)) for name, fn in work.items()}
    floor = rows["floor (encode+decode+regex)"]
    report = {
        "articles": len(docs),
        "mb": round(mb, 2),
        "results": {
            k: {
                "seconds": round(v, 3),
                "articles_per_s": round(len(docs) / v, 1),
                "mb_per_s": round(mb / v, 3),
                "pct_of_floor": round(100 * floor / v, 3),
            }
            for k, v in rows.items()
        },
        "gate_speedup": round(rows["analyse, every sentence"] / rows["analyse, gated"], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(f"{len(docs)} articles ({len(base)} distinct), {mb:.2f} MB, one core")
    print(f"{'stage':32} {'art/s':>9} {'MB/s':>8} {'% of floor':>11}")
    for name, r in report["results"].items():  # type: ignore[attr-defined]
        print(f"{name:32} {r['articles_per_s']:>9} {r['mb_per_s']:>8} {r['pct_of_floor']:>10}%")
    print(f"gate speed-up over every sentence: {report['gate_speedup']}x")
    print(f"peak RSS: {report['peak_rss_mb']:.0f} MB (Kiwi model included)")
    args.out.mkdir(exist_ok=True)
    (args.out / "analyse.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
