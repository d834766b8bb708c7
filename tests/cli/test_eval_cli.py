"""`ailedger eval GOLD PRED`: the table, --json, --errors, --split, stdin and a bad line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run

GOLD = [
    {"doc": "a", "type": "money", "actor": "Amazon", "value": 5e9, "currency": "USD",
     "span": "50억 달러", "split": "dev"},
    {"doc": "b", "type": "launch", "actor": "OpenAI", "product": "Q", "date": "2024-03-02",
     "span": "Q 공개", "split": "held_out"},
]  # fmt: skip
PRED = [
    {"doc": "a", "type": "money", "actor": {"id": "aws", "name": "AWS"},
     "amount": {"value": 5e9, "currency": "USD"}, "evidence": {"span": "50억 달러"}},
    {"doc": "a", "type": "money", "actor": None,
     "amount": {"value": 7e9, "currency": "USD"}, "evidence": {"span": "70억 달러"}},
]  # fmt: skip


def write(path: Path, rows: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


def test_eval_prints_the_table_and_json(run: Run, tmp_path: Path) -> None:
    gold, pred = write(tmp_path / "gold.jsonl", GOLD), write(tmp_path / "pred.jsonl", PRED)
    table = run("eval", gold, pred)
    assert table.exit_code == 0, table.output
    for word in ("metric", "money+actor", "partnership", "all", "0.500", "F1"):
        assert word in table.stdout
    assert "misses" not in table.stdout
    report = json.loads(run("eval", gold, pred, "--json").stdout)
    money = report["scores"]["money+actor"]
    assert (money["tp"], money["fp"], money["fn"], money["precision"]) == (1, 1, 0, 0.5)
    assert report["scores"]["launch"]["fn"] == 1
    assert report["misses"][0]["doc"] == "b" and report["documents"] == 2


def test_eval_errors_split_and_stdin(run: Run, tmp_path: Path) -> None:
    gold, pred = write(tmp_path / "gold.jsonl", GOLD), write(tmp_path / "pred.jsonl", PRED)
    errors = run("eval", gold, pred, "--errors").stdout
    assert "misses" in errors and "false positives" in errors and "70억 달러" in errors
    piped = run("eval", gold, "-", "--json", "--split", "held_out", input=Path(pred).read_text())
    report = json.loads(piped.stdout)
    assert report["predictions"] == "<stdin>" and report["documents"] == 1
    assert report["scores"]["all"]["fp"] == 0 and report["scores"]["all"]["fn"] == 1
    assert run("eval", gold, pred, "--split", "test").exit_code == 2


def test_eval_names_a_bad_line(run: Run, tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", GOLD)
    csv = tmp_path / "facts.csv"
    csv.write_text("doc,type,actor\na,money,Amazon\n", encoding="utf-8")
    result = run("eval", gold, str(csv))
    assert result.exit_code == 1
    assert f"{csv}:1" in result.stderr and "CSV" in result.stderr
    missing = run("eval", gold, str(tmp_path / "none.jsonl"))
    assert missing.exit_code == 1 and "none.jsonl" in missing.stderr
