"""Benchmark: parse_quantities throughput (MB/s, mentions/s) on one core beside the floor
(read + UTF-8 decode + one regex pass) measured in the same run on a synthetic corpus.

Run with `python benchmarks/bench_quantities.py -n 2000`. Figures are measurements of this
machine, never asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gencorpus import write_corpus

from ailedger.quantities import parse_quantities

DIGITS = re.compile(r"\d[\d,.]*")


def floor(paths: list[Path]) -> tuple[float, int]:
    """Seconds to read, decode and scan every file once with one regex; bytes read."""
    start, size = time.perf_counter(), 0
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        DIGITS.findall(data.decode("utf-8"))
    return time.perf_counter() - start, size


def parse(paths: list[Path]) -> tuple[float, int]:
    """Seconds to read, decode and parse every file; mentions found."""
    start, found = time.perf_counter(), 0
    for path in paths:
        found += len(parse_quantities(path.read_bytes().decode("utf-8"), "ko"))
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="synthetic articles")
    parser.add_argument("--corpus", type=Path, help="measure on the .txt/.md files of a folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            files = args.corpus.rglob("*")
            paths = sorted(
                p for p in files if p.suffix in (".txt", ".md") and "cp949" not in p.name
            )
        else:
            paths = write_corpus(Path(tmp), args.n)
        parse_quantities("워밍업 100억 달러")  # compile the grammar outside the timing
        floor(paths)
        base, size = min(floor(paths) for _ in range(3))
        spent, found = min(parse(paths) for _ in range(3))
    mb = size / 1e6
    print(f"corpus      {len(paths)} articles, {mb:.1f} MB, {found} mentions")
    print(f"floor       {mb / base:8.1f} MB/s")
    print(f"quantities  {mb / spent:8.1f} MB/s  {found / spent:10.0f} mentions/s")
    print(f"cost        {spent / base:8.1f} x floor")


if __name__ == "__main__":
    main()
