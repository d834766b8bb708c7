"""Analyse: the gate loses no mention (gated == ungated on the whole test corpus); spans exact."""

from __future__ import annotations

import pytest

from ailedger.analyse.analyse import analyse
from ailedger.analyse.gate import passes
from ailedger.clean.cleaner import clean
from ailedger.ingest.parse import parse
from ailedger.ingest.sources import SourceReader
from ailedger.model import Document, RawInput
from ailedger.quantities import parse_quantities
from tests.conftest import CORPUS, ROOT, SEEDS


def corpus_documents() -> list[Document]:
    docs = []
    with SourceReader() as reader:
        for item in reader.inputs([str(CORPUS), str(SEEDS)]):
            if isinstance(item, RawInput):
                docs.append(clean(parse(item)))
    return docs


DOCS = corpus_documents() if CORPUS.is_dir() and SEEDS.is_dir() else []


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_gate_loses_no_mention(doc: Document) -> None:
    gated = analyse(doc, tokens=False)
    full = analyse(doc, gate=False, tokens=False)
    assert gated.quantities == full.quantities
    assert gated.dates == full.dates


def test_gate_passes_every_corpus_form() -> None:
    """Every form in tests/corpus that yields a quantity is let through by the gate."""
    import yaml

    forms = []
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(data, list):  # whole-sentence cases
            forms += [case["text"] for case in data]
            continue
        for section in ("dev", "held_out", "bugs_caught"):
            forms += [f["text"] for f in data.get(section) or [] if isinstance(f, dict)]
    assert len(forms) >= 400
    lost = [f for f in forms if parse_quantities(f) and not passes(f)]
    assert not lost, lost[:20]


def test_analysis_spans_and_tokens() -> None:
    doc = next(d for d in DOCS if d.name == "msit-ai-computing-center")
    result = analyse(doc)
    assert result.quantities and result.dates
    for q in result.quantities:
        assert doc.text[q.start : q.end] == q.text
    for d in result.dates:
        assert doc.text[d.start : d.end] == d.text
    assert any(s.tokens for s in result.sentences if s.gated)
    assert not any(s.tokens for s in result.sentences if not s.gated)
