"""Scale CLI: `ingest --scheduler` runs on a Dask cluster, `--resume` refuses runs it cannot
finish with one line, and `ailedger errors` lists failed inputs and quarantined documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from distributed import Client

from ailedger.facts.model import Fact
from ailedger.model import Analysis, RunStep
from ailedger.pipeline import IngestOptions, ingest
from ailedger.scale import tasks
from ailedger.store import Store
from tests.cli.conftest import Run, ingest_json
from tests.factories import FACT_TEXTS
from tests.scale.dump import dump


def test_scheduler_option_runs_on_the_cluster_and_stores_the_same(
    run: Run, db: str, tmp_path: Path, corpus: Path, dask_client: Client
) -> None:
    address = dask_client.scheduler.address  # type: ignore[union-attr]
    report = ingest_json(run, "--scheduler", address, "--batch-size", "9", str(corpus))
    with Store.open(str(tmp_path / "one.db")) as one:
        expected = ingest(one, [str(corpus)], IngestOptions(batch_size=9))
        reference = dump(one)
    assert (report["stored"], report["facts"]) == (expected.counts.stored, expected.facts)
    with Store.open(db) as store:
        assert dump(store) == reference
        (row,) = store.runs()
        assert row.options["scheduler"] == address


def test_resume_refuses_what_it_cannot_finish(run: Run, db: str, tmp_path: Path) -> None:
    usage = run("ingest")
    assert usage.exit_code == 2 and "--resume RUN" in usage.stderr
    both = run("ingest", "--resume", "0123456789", str(tmp_path))
    assert both.exit_code == 2 and "(not both)" in both.stderr
    unknown = run("ingest", "--resume", "0123456789")
    assert unknown.exit_code == 1 and "0123456789: no such run" in unknown.stderr
    (tmp_path / "a.txt").write_text(FACT_TEXTS["ms.txt"], encoding="utf-8")
    done = ingest_json(run, str(tmp_path / "a.txt"))
    again = run("ingest", "--resume", done["run"][:8])
    assert again.exit_code == 1 and "already done, nothing to resume" in again.stderr
    with Store.open(db) as store:  # a run that stopped after an input that is gone now
        stopped = store.start_run([str(tmp_path / "a.txt")], {"facts": False})
        store.write_batch(stopped, [], RunStep(1, 10, (), 1, str(tmp_path / "gone.txt")))
    changed = run("ingest", "--resume", stopped)
    assert changed.exit_code == 1
    assert "its inputs changed since it stopped" in changed.stderr
    assert len(changed.stderr.strip().splitlines()) == 1


def test_errors_lists_failed_inputs_and_quarantined_documents(
    run: Run, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tasks.extract

    def extract(analysis: Analysis) -> tuple[Fact, ...]:
        if analysis.document.name == "nv":
            raise RuntimeError("extractor bug")
        return real(analysis)

    monkeypatch.setattr(tasks, "extract", extract)
    for name in ("ms.txt", "nv.txt"):
        (tmp_path / name).write_text(FACT_TEXTS[name], encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    report = ingest_json(run, str(tmp_path))
    assert report["stored"] == 2 and report["errors"] == 2
    listed = run("errors", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["kind"], r["stage"], Path(r["source"]).name) for r in rows] == [
        ("BinaryInputError", "parse", "bin.txt"),
        ("ExtractError", "analyse", "nv.txt"),
    ]
    assert all(r["run_id"] == report["run"] for r in rows)
    assert "extractor bug" in rows[1]["message"]
    only = run("errors", "--kind", "ExtractError", "--run", report["run"][:8], "--json")
    assert [json.loads(line)["source"] for line in only.stdout.splitlines()] == [rows[1]["source"]]
    table = run("errors")
    assert table.exit_code == 0 and table.stdout.startswith("2 errors")
    with Store.open(db) as store:
        issues = store.run_issues(report["run"])
    assert [(i.kind, i.stage) for i in issues] == [
        ("BinaryInputError", "parse"),
        ("ExtractError", "analyse"),
    ]
