"""The quality gate: extraction scored against gold labels may not drop below its floors, and
every fact is valid against fact.schema.json with an exact evidence span."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ailedger.evaluate import EvalReport, evaluate
from ailedger.facts.extract import extract_sources
from ailedger.facts.serialize import fact_json
from ailedger.model import Document, IngestIssue, Span
from tests.conftest import SHARED
from tests.facts.schema import validate_fact

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
SEEDS_GOLD = SHARED / "gold" / "seeds.gold.jsonl"


def _extract(paths: list[str]) -> list[tuple[Document, list[dict[str, Any]]]]:
    out = []
    for item in extract_sources(paths):
        assert not isinstance(item, IngestIssue), item.message
        document, facts = item
        out.append((document, [fact_json(f) for f in facts]))
    return out


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[tuple[Document, list[dict[str, Any]]]]:
    return _extract([str(seeds_dir)])


def _report(gold: Path, extracted: list[tuple[Document, list[dict[str, Any]]]]) -> EvalReport:
    lines = [json.dumps(f, ensure_ascii=False) for _, facts in extracted for f in facts]
    return evaluate(gold.read_text("utf-8").splitlines(), lines)


@pytest.mark.parametrize("metric", sorted(FLOORS["seeds"]))
def test_seeds_scores_stay_above_floor(
    seeds: list[tuple[Document, list[dict[str, Any]]]], metric: str
) -> None:
    score = _report(SEEDS_GOLD, seeds).score(metric)
    assert score.f1 >= FLOORS["seeds"][metric], f"{metric}: {score}"


def test_every_seed_fact_is_valid_with_an_exact_span(
    seeds: list[tuple[Document, list[dict[str, Any]]]],
) -> None:
    count = 0
    for document, facts in seeds:
        for fact in facts:
            validate_fact(fact)
            ev = fact["evidence"]
            assert document.text[ev["start"] : ev["end"]] == ev["span"]
            assert ev["span"] in ev["sentence"]
            raw = document.offsets.raw_span(Span(ev["start"], ev["end"]))
            assert raw is not None, ev
            assert document.raw.text[raw.start : raw.end] == ev["span"]
            count += 1
    assert count >= 25
