"""`ailedger extract`: JSON lines valid against the schema, CSV, --explain, and bad inputs that
each get one error line while the others go on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.cli.conftest import Run
from tests.facts.schema import validate_fact

ARTICLE = "메타는 올해 최대 650억달러를 투자해 GPU 130만 개 이상을 확보한다고 밝혔다.\n"


def test_extract_prints_valid_facts_named_by_the_file_stem(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "meta-capex.txt"
    path.write_text(ARTICLE, "utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [f["type"] for f in facts] == ["money", "compute"]
    for fact in facts:
        validate_fact(fact)
        assert fact["doc"] == "meta-capex"
        assert fact["actor"]["name"] == "Meta"
        assert "rule" not in fact
    assert facts[0]["amount"] == {"value": 65000000000, "currency": "USD", "approx": True}


def test_explain_and_csv(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    explained = json.loads(run("extract", "--explain", str(path)).stdout.splitlines()[0])
    assert explained["rule"] == "money/subject" and "subject" in explained["why"]
    rows = list(csv.DictReader(io.StringIO(run("extract", "--format", "csv", str(path)).stdout)))
    assert [(r["type"], r["actor"], r["value"]) for r in rows] == [
        ("money", "Meta", "65000000000"),
        ("compute", "Meta", "1300000"),
    ]


def test_bad_inputs_get_one_line_each_and_the_rest_go_on(run: Run, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (tmp_path / "good.txt").write_text(ARTICLE, "utf-8")
    result = run("extract", str(tmp_path))
    assert result.exit_code == 0
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"good"}
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
