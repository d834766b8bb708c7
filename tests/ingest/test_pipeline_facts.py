"""Pipeline facts: new documents are analysed and stored with their facts; exact duplicates and
re-runs add none; a failing extraction is one error line and the batch goes on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ailedger.facts.model import Evidence, Fact
from ailedger.model import Analysis
from ailedger.pipeline import IngestOptions, ingest
from ailedger.scale import tasks as pipeline  # the per-document stages ingest runs
from ailedger.store import Store
from tests.factories import FACT_TEXTS

Extract = Callable[[Analysis], tuple[Fact, ...]]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name, text in FACT_TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "zz-mirror.txt").write_text(
        FACT_TEXTS["ms.txt"], encoding="utf-8"
    )  # an exact duplicate
    return root


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(str(tmp_path / "p.db"))


def _recording(monkeypatch: pytest.MonkeyPatch, around: Extract) -> list[str]:
    """Replace the pipeline's extractor with `around`, recording the ids it is called on."""
    seen: list[str] = []

    def extract(analysis: Analysis) -> tuple[Fact, ...]:
        seen.append(analysis.document.id)
        return around(analysis)

    monkeypatch.setattr(pipeline, "extract", extract)
    return seen


def test_new_documents_get_their_facts_once(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _recording(monkeypatch, pipeline.extract)
    with store:
        report = ingest(store, [str(corpus)])
        assert (report.counts.stored, report.counts.duplicates, report.issues) == (3, 1, ())
        assert len(seen) == 3  # the exact duplicate is not analysed
        stats = store.stats()
        assert report.facts == stats.facts > 0
        microsoft = store.facts(actor="microsoft", type="money")
        assert [(r.value, r.currency, r.document_name) for r in microsoft] == [
            (80_000_000_000, "USD", "ms")
        ]
        assert {r.document_name for r in store.facts(limit=1000)} <= {"ms", "nv", "kt"}
        seen.clear()
        again = ingest(store, [str(corpus)])
        assert (again.counts.stored, again.facts, seen) == (0, 0, [])
        assert (store.stats().facts_by_type, store.stats().documents) == (
            stats.facts_by_type, stats.documents
        )  # fmt: skip


def _fails_on(name: str, real: Extract) -> Extract:
    def extract(analysis: Analysis) -> tuple[Fact, ...]:
        if analysis.document.name == name:
            raise RuntimeError("extractor bug\non two lines")
        return real(analysis)

    return extract


def test_a_failing_extractor_is_one_error_line_and_the_batch_goes_on(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _recording(monkeypatch, _fails_on("nv", pipeline.extract))
    with store:
        report = ingest(store, [str(corpus)], IngestOptions(batch_size=2))
        (issue,) = report.issues
        assert issue.kind == "ExtractError" and issue.source == str(corpus / "nv.txt")
        assert issue.message.startswith(issue.source) and "\n" not in issue.message
        assert "extractor bug" in issue.message
        assert (report.counts.stored, report.counts.errors) == (3, 1)
        nv = store.document("nv")
        assert nv is not None and store.facts(doc="nv") == []  # stored, without facts
        assert store.facts(doc="ms") and store.facts(doc="kt")
        assert report.facts == store.stats().facts


def test_facts_of_another_document_are_an_error_line(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stray(analysis: Analysis) -> tuple[Fact, ...]:
        text = analysis.document.text
        return (Fact("elsewhere", "launch", Evidence(text[:2], 0, 2, text), "t", 1.0),)

    _recording(monkeypatch, stray)
    with store:
        report = ingest(store, [str(corpus / "kt.txt")])
        assert [i.kind for i in report.issues] == ["ExtractError"]
        assert "elsewhere" in report.issues[0].message
        assert store.count_documents() == 1 and store.stats().facts == 0


def test_no_facts_skips_the_analysis(
    store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_args: object) -> Analysis:
        raise AssertionError("analysed with facts=False")

    monkeypatch.setattr(pipeline, "analyse", never)
    with store:
        report = ingest(store, [str(corpus)], IngestOptions(facts=False))
        assert (report.counts.stored, report.facts, report.issues) == (3, 0, ())
        assert store.stats().facts == 0
        (run,) = store.runs()
        assert run.status == "done"
