"""`ailedger docs | show | stats | runs` over the seeds and the project's own corpus."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run, ingest_json


def test_seeds_are_stored_clean_and_once(run: Run, seeds_dir: Path) -> None:
    first = ingest_json(run, str(seeds_dir))
    assert first["stored"] == 5 and first["errors"] == 0
    assert ingest_json(run, str(seeds_dir))["stored"] == 0
    for path in sorted(seeds_dir.glob("*.txt")):
        shown = json.loads(run("show", path.stem, "--json", "--removed").stdout)
        paragraphs = [p.strip() for p in shown["text"].splitlines() if len(p.strip()) >= 30]
        assert len(paragraphs) == len(set(paragraphs)), path.name
        rules = {b["rule"] for b in shown["removed"]}
        assert rules, f"{path.name}: nothing removed"
    removed = run("show", "002_6c65a07ad04e219f", "--removed").stdout
    assert "repeated_paragraph" in removed and "comments" in removed


def test_corpus_demo_shape(run: Run, corpus_dir: Path) -> None:
    report = ingest_json(run, str(corpus_dir))
    assert report["stored"] >= 30
    assert report["duplicates"] >= 2  # the reprints and the mirrored copy
    for issue in report["issues"]:
        assert "\n" not in issue["message"]
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["by_lang"].get("ko", 0) >= 25 and stats["by_lang"].get("en", 0) >= 5
    assert stats["near_duplicates"] >= 1
    docs = [
        json.loads(line) for line in run("docs", "--json", "--limit", "500").stdout.splitlines()
    ]
    assert len(docs) == stats["documents"]
    assert sum(d["published"] is not None for d in docs) >= 0.8 * len(docs)
    canonical = run("docs", "--json", "--canonical", "--limit", "500").stdout.splitlines()
    assert len(canonical) == stats["groups"] < len(docs)


def test_docs_filters_show_and_runs(run: Run, seeds_dir: Path) -> None:
    ingest_json(run, str(seeds_dir))
    table = run("docs").stdout
    assert "5 documents" in table
    hits = run("docs", "--json", "--search", "하이퍼클로바").stdout.splitlines()
    assert len(hits) == 1
    assert run("docs", "--json", "--since", "2030-01-01").stdout == ""
    bad_date = run("docs", "--since", "yesterday")
    assert bad_date.exit_code == 2 and "--since" in bad_date.stderr
    doc_id = json.loads(hits[0])["id"]
    assert run("show", doc_id[:8]).exit_code == 0
    raw = run("show", doc_id, "--raw").stdout
    clean = run("show", doc_id).stdout
    assert len(raw) > len(clean)
    missing = run("show", "no-such-doc")
    assert missing.exit_code == 1 and "no-such-doc" in missing.stderr
    runs = [json.loads(line) for line in run("runs", "--json").stdout.splitlines()]
    assert runs[0]["status"] == "done" and runs[0]["counts"]["stored"] == 5
    assert "runs" in run("runs").stdout
