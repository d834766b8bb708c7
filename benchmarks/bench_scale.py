"""Benchmark: the whole `ailedger ingest` pipeline (read, parse, clean, dedup, analyse, extract,
store in SQLite) at N = 1k and 10k articles (100k with --full), with one worker, two local
worker processes and a Dask LocalCluster of two single-threaded workers, beside the floor (read
+ UTF-8 decode + one regex pass) measured in the same run; the ratio to the floor, peak RSS per
process, CPU seconds, the time per stage (the slowest named) and the naive reference (Kiwi on
every sentence). Writes bench-out/scale.json and bench-out/scale.png.

Each configuration runs in its own child process, so a peak RSS is that configuration's alone.
Worker start-up (loading Kiwi) is timed apart from the run. Figures are measurements of this
machine, never asserted; articles per day is an extrapolation of the measured rate.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gencorpus import write_corpus

DIGITS = re.compile(r"\d[\d,.]*")
CONFIGS = ("floor", "1 worker", "2 workers", "dask 2x1")
WORKERS = {"floor": 1, "1 worker": 1, "2 workers": 2, "dask 2x1": 2}
STAGE_SAMPLE = 1000
ANALYSE_LIGHT = "analyse without Kiwi (sentences+gate+quantities+dates)"
SECONDS_PER_DAY = 86_400
DB_ENV = "AILEDGER_BENCH_DB"  # a child's database URL (a fresh PostgreSQL database); else SQLite


def _mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def _hwm_mb(pid: int | None = None) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    status = Path(f"/proc/{pid or 'self'}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- one configuration, in a child process ---------------------------------------------------


def run_floor(corpus: Path) -> dict[str, Any]:
    paths = sorted(corpus.glob("*.txt"))
    for path in paths[:200]:  # warm the page cache and the regex
        DIGITS.findall(path.read_bytes().decode("utf-8"))
    start, found = time.perf_counter(), 0
    for path in paths:
        found += len(DIGITS.findall(path.read_bytes().decode("utf-8")))
    return {"seconds": time.perf_counter() - start, "startup": 0.0, "cpu": _self_cpu()}


def _ingest(corpus: Path, executor: Any) -> tuple[float, dict[str, Any]]:
    from ailedger.pipeline import IngestOptions, ingest
    from ailedger.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get(DB_ENV) or str(Path(tmp) / "b.db")
        with Store.open(url) as store:
            start = time.perf_counter()
            report = ingest(store, [str(corpus)], IngestOptions(), executor=executor)
            seconds = time.perf_counter() - start
    counts = {"stored": report.counts.stored, "facts": report.facts, "errors": report.counts.errors}
    return seconds, counts


def run_inline(corpus: Path) -> dict[str, Any]:
    from ailedger.scale.executor import Inline
    from ailedger.scale.tasks import warm_up

    start = time.perf_counter()
    warm_up()
    startup = time.perf_counter() - start
    seconds, counts = _ingest(corpus, Inline())
    return {"seconds": seconds, "startup": startup, "cpu": _self_cpu(), **counts,
            "rss_mb": {"coordinator+worker": _hwm_mb()}}  # fmt: skip


def run_pool(corpus: Path) -> dict[str, Any]:
    from ailedger.scale.pool import LocalPool

    start = time.perf_counter()
    pool = LocalPool(2)
    startup = time.perf_counter() - start
    cpu0 = {pid: _cpu_s(pid) for pid in pool.pids()}
    self0 = _self_cpu()
    seconds, counts = _ingest(corpus, pool)
    pids = pool.pids()
    workers_cpu = sum(_cpu_s(p) - cpu0.get(p, 0.0) for p in pids)
    rss = {f"worker {n}": _hwm_mb(p) for n, p in enumerate(pids, 1)}
    pool.close()
    return {"seconds": seconds, "startup": startup, "cpu": _self_cpu() - self0 + workers_cpu,
            **counts, "rss_mb": {"coordinator": _hwm_mb(), **rss}}  # fmt: skip


def _worker_stats() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return _hwm_mb(), usage.ru_utime + usage.ru_stime


def run_dask(corpus: Path) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from ailedger.scale.cluster import DaskExecutor

    start = time.perf_counter()
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        executor = DaskExecutor(client)
        startup = time.perf_counter() - start
        before = client.run(_worker_stats)
        self0 = _self_cpu()
        seconds, counts = _ingest(corpus, executor)
        after = client.run(_worker_stats)
        workers_cpu = sum(after[w][1] - before[w][1] for w in after)
        rss = {f"worker {n}": after[w][0] for n, w in enumerate(sorted(after), 1)}
    return {"seconds": seconds, "startup": startup, "cpu": _self_cpu() - self0 + workers_cpu,
            **counts, "rss_mb": {"coordinator": _hwm_mb(), **rss}}  # fmt: skip


def run_stages(corpus: Path) -> dict[str, Any]:
    """Seconds per stage over a sample, in one process, and the naive reference on it."""
    from ailedger.analyse.analyse import analyse
    from ailedger.analyse.kiwi import kiwi
    from ailedger.analyse.sentences import split_sentences
    from ailedger.clean.cleaner import clean
    from ailedger.dedup.stored import StoredIndex
    from ailedger.facts.extract import extract
    from ailedger.ingest.parse import parse
    from ailedger.model import RawInput, StoredDocument
    from ailedger.scale.tasks import warm_up
    from ailedger.store import Store, update_ledger
    from ailedger.store.dedup_io import StoredDocuments

    warm_up()
    paths = sorted(corpus.glob("*.txt"))[:STAGE_SAMPLE]
    spent: dict[str, float] = defaultdict(float)

    def timed(stage: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        value = fn(*args, **kwargs)
        spent[stage] += time.perf_counter() - start
        return value

    # as an ingest runs them: dedup asks the store's band table, batches of 200 are written
    # as they fill, the ledger merges the run's facts at the end
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "s.db")) as store:
        run, index, batch = store.start_run(["bench"], {}), StoredIndex(StoredDocuments(store)), []
        for path in paths:
            raw = timed("read", lambda p: RawInput(str(p), p.read_bytes(), p.stem), path)
            doc = timed("clean", clean, timed("parse (decode+html+date)", parse, raw))
            decision, sig = timed("dedup (minhash+lsh bands in the store)", index.decide, doc)
            facts = ()
            if decision.kind != "exact":
                timed(ANALYSE_LIGHT, analyse, doc, tokens=False)
                analysis = timed("analyse, all", analyse, doc)
                facts = timed("extract (facts+normalize)", extract, analysis)
            batch.append(StoredDocument(doc, decision, sig, facts))
            if len(batch) == 200 or path == paths[-1]:
                timed("store (sqlite, with facts)", store.write_batch, run, batch)
                index.written(i.document.id for i in batch)
                batch = []
        timed("ledger merge (the run's facts, once per run)", update_ledger, store)
    spent["analyse: Kiwi tokenize"] = spent.pop("analyse, all") - spent[ANALYSE_LIGHT]
    docs = [clean(parse(RawInput(str(p), p.read_bytes(), p.stem))) for p in paths]
    start = time.perf_counter()
    for doc in docs:
        spans = split_sentences(doc.text)
        list(kiwi().tokenize([doc.text[s.start : s.end] for s in spans]))  # lazy: consume
    naive = time.perf_counter() - start
    return {"articles": len(paths), "mb": _mb(paths), "stages": dict(spent), "naive": naive}


RUNNERS = {
    "floor": run_floor,
    "1 worker": run_inline,
    "2 workers": run_pool,
    "dask 2x1": run_dask,
    "stages": run_stages,
}


def child(config: str, corpus: Path) -> None:
    os.environ["AILEDGER_KIWI_THREADS"] = "1"  # one core per worker, the coordinator's too
    print(json.dumps(RUNNERS[config](corpus)))


def _spawn(config: str, corpus: Path, server: str | None = None) -> dict[str, Any]:
    env = dict(os.environ)
    if server is not None and config not in ("floor", "stages"):
        env[DB_ENV] = _fresh_database(server, config)
    out = subprocess.run(
        [sys.executable, __file__, "--child", config, "--corpus", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if out.returncode != 0:
        raise SystemExit(f"{config} failed:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# -- the parent: corpus, table, report, plot --------------------------------------------------


def _fresh_database(server: str, config: str) -> str:
    """A new empty database on the benchmark's PostgreSQL server, for one configuration."""
    import psycopg
    from sqlalchemy import make_url

    name = "bench_" + re.sub(r"\W", "_", config) + f"_{time.monotonic_ns()}"
    admin = make_url(server).set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def measure(n: int, root: Path, configs: list[str], server: str | None) -> dict[str, Any]:
    corpus = root / f"n{n}"
    paths = write_corpus(corpus, n)
    mb = _mb(paths)
    rows = {config: _spawn(config, corpus, server) for config in ["floor", *configs]}
    floor = rows["floor"]["seconds"]
    for config, row in rows.items():
        cores = WORKERS[config]
        row["articles_per_s"] = n / row["seconds"]
        row["mb_per_s"] = mb / row["seconds"]
        row["mb_per_s_per_core"] = row["mb_per_s"] / cores
        row["pct_of_floor"] = 100 * floor / row["seconds"]
        row["pct_of_floor_per_core"] = row["pct_of_floor"] / cores
        row["articles_per_cpu_s"] = n / row["cpu"] if row["cpu"] else None
    out = {"articles": n, "mb": mb, "results": rows, "load_average_after": os.getloadavg(),
           "database": "postgresql" if server else "sqlite"}  # fmt: skip
    if "1 worker" in rows:
        one = rows["1 worker"]["articles_per_s"]
        for config, key in (("2 workers", "speedup_2_workers"), ("dask 2x1", "speedup_dask")):
            if config in rows:
                out[key] = rows[config]["articles_per_s"] / one
    return out


def print_table(m: dict[str, Any]) -> None:
    db = "PostgreSQL" if m["database"] == "postgresql" else "SQLite"
    print(f"\nN = {m['articles']:,} articles, {m['mb']:.1f} MB ({db}, facts on)")
    head = f"{'config':10} {'start s':>7} {'run s':>8} {'art/s':>8} {'MB/s':>6} {'MB/s/core':>9}"
    print(head + f" {'% floor/core':>12} {'CPU s':>7} {'art/CPU-s':>9}  peak RSS MB")
    for config, r in m["results"].items():
        rss = ", ".join(f"{k} {v:.0f}" for k, v in r.get("rss_mb", {}).items())
        print(
            f"{config:10} {r['startup']:>7.1f} {r['seconds']:>8.2f} {r['articles_per_s']:>8.1f} "
            f"{r['mb_per_s']:>6.2f} {r['mb_per_s_per_core']:>9.3f} "
            f"{r['pct_of_floor_per_core']:>11.3f}% {r['cpu']:>7.1f} "
            f"{r['articles_per_cpu_s'] or 0:>9.1f}  {rss}"
        )
    speedups = [
        f"{name}: {m[key]:.2f}x one worker"
        for name, key in (("2 local workers", "speedup_2_workers"), ("Dask 2x1", "speedup_dask"))
        if key in m
    ]
    load = " ".join(f"{x:.1f}" for x in m["load_average_after"])
    print("; ".join([*speedups, f"load average after: {load}"]))


def print_stages(s: dict[str, Any], floor_mb_s: float) -> None:
    total = sum(s["stages"].values())
    print(f"\ntime per stage over {s['articles']} articles ({s['mb']:.1f} MB), one process:")
    for stage, sec in sorted(s["stages"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:55} {sec:7.2f} s  {100 * sec / total:5.1f}%")
    slowest = max(s["stages"], key=s["stages"].__getitem__)
    naive_mb_s = s["mb"] / s["naive"]
    print(f"slowest stage: {slowest}")
    print(
        f"naive reference, Kiwi on every sentence: {s['articles'] / s['naive']:.1f} art/s, "
        f"{naive_mb_s:.3f} MB/s, {100 * naive_mb_s / floor_mb_s:.3f}% of the floor"
    )


def plot(report: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = report["runs"]
    fig, (by_n, by_w) = plt.subplots(1, 2, figsize=(11, 4.2))
    for config in CONFIGS[1:]:
        had = [m for m in runs if config in m["results"]]
        ys = [m["results"][config]["articles_per_s"] for m in had]
        by_n.plot([m["articles"] for m in had], ys, "o-", label=config)
    by_n.set_xscale("log")
    by_n.set(xlabel="articles (N)", ylabel="articles/s", title="throughput vs N (full pipeline)")
    by_n.legend()
    last = runs[-1]["results"]
    one = last.get("1 worker", {}).get("articles_per_s")
    for config, style, label in (("2 workers", "o-", "local workers"),
                                 ("dask 2x1", "s--", "Dask LocalCluster")):  # fmt: skip
        if one is not None and config in last:
            by_w.plot([1, 2], [one, last[config]["articles_per_s"]], style, label=label)
    if one is not None:
        by_w.plot([1, 2], [one, 2 * one], ":", color="grey", label="linear")
    by_w.set(xlabel="workers", ylabel="articles/s", xticks=[1, 2])
    by_w.set_title(f"throughput vs workers (N = {runs[-1]['articles']:,}, 2 cores)")
    by_w.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--full", action="store_true", help="also N = 100k (about an hour)")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--child", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--configs", nargs="+", choices=CONFIGS[1:], default=list(CONFIGS[1:]))
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="store in PostgreSQL: a fresh database per configuration on this server "
        "(postgresql+psycopg://USER@HOST:PORT/DB), or 'local' for a throwaway server on loopback",
    )
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus)
        return
    if args.postgres == "local":
        with _local_server() as url:
            run_all(args, url)
    else:
        run_all(args, args.postgres)


@contextmanager
def _local_server() -> Iterator[str]:
    """A throwaway PostgreSQL server on loopback (the test suite's, see tests/fixtures)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.fixtures.postgres import _bindir, local_server

    bindir = _bindir()
    if bindir is None:
        raise SystemExit("--postgres local: no PostgreSQL server (make system installs one)")
    with local_server(bindir) as url:
        yield url


def run_all(args: argparse.Namespace, server: str | None) -> None:
    sizes = sorted(set(args.sizes) | ({100_000} if args.full else set()))
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"cores: {os.cpu_count()}; load average: {load}; "
        f"sizes: {', '.join(f'{n:,}' for n in sizes)}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for n in sizes:
            runs.append(measure(n, Path(tmp), args.configs, server))
            print_table(runs[-1])
        stages = _spawn("stages", Path(tmp) / f"n{sizes[-1]}")
    floor_mb_s = runs[-1]["results"]["floor"]["mb_per_s"]
    print_stages(stages, floor_mb_s)
    best = max(args.configs, key=lambda c: runs[-1]["results"][c]["articles_per_s"])
    rate = runs[-1]["results"][best]["articles_per_s"]
    print(
        f"\nextrapolation, not a measurement: {rate:.1f} art/s ({best}, N = "
        f"{runs[-1]['articles']:,}) x 86,400 s = {rate * SECONDS_PER_DAY / 1e6:.2f} million "
        f"articles/day on this {os.cpu_count()}-core machine"
    )
    if not args.full:
        hours = sum(100_000 / runs[-1]["results"][c]["articles_per_s"] for c in args.configs) / 3600
        print(f"N = 100,000 runs with --full: about {hours:.1f} hours here at these rates")
    report = {"cores": os.cpu_count(), "runs": runs, "stages": stages,
              "articles_per_day_extrapolated": rate * SECONDS_PER_DAY, "best": best}  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(report, indent=2) + "\n")
    plot(report, args.out / "scale.png")
    print(f"wrote {args.out / 'scale.json'} and {args.out / 'scale.png'}")


if __name__ == "__main__":
    main()
