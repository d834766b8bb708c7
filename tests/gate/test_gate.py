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
CORPUS_GOLD = Path(__file__).parent.parent / "gold" / "corpus.gold.jsonl"


def _extract(paths: list[str]) -> list[tuple[Document, list[dict[str, Any]]]]:
    out = []
    for item in extract_sources(paths):
        if isinstance(item, IngestIssue):
            # the corpus's one deliberately broken feed item; nothing else may fail
            assert item.source.endswith("feed.xml#4"), item.message
            continue
        document, facts = item
        out.append((document, [fact_json(f) for f in facts]))
    return out


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> list[tuple[Document, list[dict[str, Any]]]]:
    return _extract([str(seeds_dir)])


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> list[tuple[Document, list[dict[str, Any]]]]:
    return _extract([str(corpus_dir)])


def _report(
    gold: Path, extracted: list[tuple[Document, list[dict[str, Any]]]], split: str | None = None
) -> EvalReport:
    lines = [json.dumps(f, ensure_ascii=False) for _, facts in extracted for f in facts]
    return evaluate(gold.read_text("utf-8").splitlines(), lines, split=split)


@pytest.mark.parametrize("metric", sorted(FLOORS["seeds"]))
def test_seeds_scores_stay_above_floor(
    seeds: list[tuple[Document, list[dict[str, Any]]]], metric: str
) -> None:
    score = _report(SEEDS_GOLD, seeds).score(metric)
    assert score.f1 >= FLOORS["seeds"][metric], f"{metric}: {score}"


@pytest.mark.parametrize(
    ("split", "metric"),
    [(split, metric) for split in ("dev", "held_out") for metric in FLOORS[f"corpus_{split}"]],
)
def test_corpus_scores_stay_above_floor(
    corpus: list[tuple[Document, list[dict[str, Any]]]], split: str, metric: str
) -> None:
    score = _report(CORPUS_GOLD, corpus, split).score(metric)
    assert score.f1 >= FLOORS[f"corpus_{split}"][metric], f"{split} {metric}: {score}"


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_every_fact_is_valid_with_an_exact_span(which: str, request: pytest.FixtureRequest) -> None:
    extracted: list[tuple[Document, list[dict[str, Any]]]] = request.getfixturevalue(which)
    count = 0
    for document, facts in extracted:
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
