"""`ailedger facts`: the stored facts as a table or as the JSON lines extract prints; `ingest
--no-facts` stores documents only."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from ailedger.cli import app as cli_app
from ailedger.cli.render import short_amount
from tests.cli.conftest import Run, ingest_json
from tests.factories import FACT_TEXTS
from tests.facts.schema import validate_fact


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name in ("ms.txt", "nv.txt"):
        text = FACT_TEXTS[name]
        (root / name).write_text(text, encoding="utf-8")
    return root


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_stores_facts_and_the_table_shows_them(
    run: Run, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = Console(width=120, highlight=False, soft_wrap=False)  # as `make demo` shows it
    monkeypatch.setattr(cli_app, "console", wide)
    report = ingest_json(run, str(corpus))
    assert report["stored"] == 2 and report["facts"] >= 3 and report["issues"] == []
    result = run("facts")
    assert result.exit_code == 0
    out = result.stdout
    assert f"{report['facts']} facts" in out
    for header in ("type", "actor", "amount", "USD", "KRW", "kind", "year", "span", "doc"):
        assert header in out
    assert "Microsoft" in out and "80B USD" in out and "800억달러" in out
    assert "50,000 gpu" in out and "Nvidia" in out and "5B USD" in out
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["facts"] == report["facts"] and stats["facts_by_type"]["money"] >= 2


def test_json_lines_are_the_facts_extract_prints(run: Run, corpus: Path) -> None:
    ingest_json(run, str(corpus))
    stored = _lines(run("facts", "--json").stdout)
    docs = {d["name"]: d["id"] for d in _lines(run("docs", "--json").stdout)}
    printed = _lines(run("extract", str(corpus / "ms.txt"), str(corpus / "nv.txt")).stdout)
    for obj in stored:
        validate_fact(obj)
        assert isinstance(obj["rule"], str) and 0 < obj["confidence"] <= 1
    # the same objects; the store names the document by id and keeps the rule and confidence
    named = {v: k for k, v in docs.items()}
    as_printed = [
        {k: v for k, v in obj.items() if k not in ("rule", "confidence")}
        | {"doc": named[obj["doc"]]}
        for obj in stored
    ]
    key = json.dumps
    assert sorted(map(key, as_printed)) == sorted(map(key, printed))


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--type", "compute"], lambda o: o["type"] == "compute"),
        (["--actor", "마이크로소프트"], lambda o: o["actor"]["id"] == "microsoft"),
        (["--actor", "NVIDIA"], lambda o: o["actor"]["id"] == "nvidia"),
        (["--kind", "investment"], lambda o: o.get("kind") == "investment"),
        (["--year", "2025"], lambda o: o["year"] == 2025),
        (["--doc", "nv"], lambda o: o["evidence"]["span"] == "$5 billion"),
    ],
)
def test_filters(run: Run, corpus: Path, args: list[str], check: Any) -> None:
    ingest_json(run, str(corpus))
    found = _lines(run("facts", "--json", *args).stdout)
    assert found and all(check(o) for o in found)
    assert len(_lines(run("facts", "--json", "--limit", "1", *args).stdout)) == 1


def test_bad_type_is_a_usage_error(run: Run) -> None:
    result = run("facts", "--type", "gossip")
    assert result.exit_code == 2 and "--type" in result.stderr


def test_empty_store_lists_no_facts(run: Run) -> None:
    assert run("facts", "--json").stdout == ""
    assert "0 facts" in run("facts").stdout


def test_ingest_no_facts_stores_documents_only(run: Run, corpus: Path) -> None:
    report = json.loads(run("ingest", "--no-facts", "--json", str(corpus)).stdout)
    assert (report["stored"], report["facts"], report["issues"]) == (2, 0, [])
    assert run("facts", "--json").stdout == ""
    assert json.loads(run("stats", "--json").stdout)["facts"] == 0
    (last,) = _lines(run("runs", "--json").stdout)
    assert last["status"] == "done"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "-"),
        (Decimal(260_000), "260,000"),
        (Decimal(72_000_000_000), "72B"),
        (Decimal(1_460_000_000_000), "1.46T"),
        (Decimal(9_000_000_000_000_000), "9,000T"),
        (Decimal(765_432_100), "765M"),
        (Decimal("0.5"), "0.5"),
    ],
)
def test_table_amounts_are_short(value: Decimal | None, shown: str) -> None:
    assert short_amount(value) == shown
