"""The ledger of the sample corpus: every planted case (examples/CORPUS.md, "Planted for the
ledger") on the gold labels — what a perfect extractor gives — and, where today's extraction
carries the facts, on the facts `ailedger ingest` stored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from ailedger.ingest.sources import SourceOptions
from ailedger.ledger import Conflict, Entry, Ledger, build_ledger
from ailedger.pipeline import IngestOptions, ingest
from ailedger.store import Store, read_ledger
from ailedger.store.ledger_io import iter_claims, parents
from tests.ledger.gold import gold_claims


@pytest.fixture(scope="module")
def store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("ledger") / "corpus.db"
    with Store.open(str(db)) as opened:
        ingest(opened, [str(corpus_dir)], IngestOptions(sources=SourceOptions()))
        yield opened


@pytest.fixture(scope="module")
def gold(store: Store) -> Ledger:
    return build_ledger(gold_claims(store), parents())


@pytest.fixture(scope="module")
def extracted(store: Store) -> Ledger:
    return read_ledger(store)


def _between(ledger: Ledger, kind: str, a: str, b: str) -> list[Conflict]:
    return [
        c for c in ledger.conflicts if c.kind == kind and {c.a.doc.name, c.b.doc.name} == {a, b}
    ]


def _entries(ledger: Ledger, actor: str, doc: str) -> list[Entry]:
    return [e for e in ledger.entries if e.actor == actor and doc in {c.doc.name for c in e.claims}]


# on the gold labels ---------------------------------------------------------------------


def test_gold_krw_scale_slip_of_the_microsoft_pair(gold: Ledger) -> None:
    (c,) = _between(gold, "scale_slip", "ms-fy25-capex", "ms-capex-slip")
    assert c.field == "krw_stated" and c.entry_a == c.entry_b
    entry = gold.entry(c.entry_a)
    assert entry.money is not None and entry.money.krw_min == 117 * 10**12
    assert len(entry.sources) >= 3  # the English report and the slip article count too


def test_gold_value_scale_slip_of_the_busan_pair(gold: Ledger) -> None:
    (c,) = _between(gold, "scale_slip", "busan-ai-dc-a", "busan-ai-dc-b")
    assert c.field == "value" and c.b.span == "3200억 원"
    assert gold.entry(c.entry_b).status == "disputed"
    assert gold.entry(c.entry_a).status == "current"


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("fx_rate", "stargate-launch", "samsung-sk-openai-loi"),
        ("currency_mixup", "elion-vietnam-a", "elion-vietnam-b"),
        ("rounding", "sk-hynix-indiana", "sk-hynix-indiana-ko"),
        ("hedge", "sk-hynix-indiana", "hbm-packaging-roundup"),
        ("time_basis", "nurion-gpu-cloud-a", "nurion-gpu-cloud-b"),
        ("scope", "nurion-gpu-cloud-a", "nurion-gpu-cloud-b"),
        ("scope", "msit-ai-computing-center", "korea-gpu-260k"),
    ],
)
def test_gold_planted_conflict(gold: Ledger, kind: str, a: str, b: str) -> None:
    assert len(_between(gold, kind, a, b)) == 1


def test_gold_revisions_keep_both_values_and_dates(gold: Ledger) -> None:
    found = Counter()
    for r in gold.revisions:
        old, new = gold.entry(r.old), gold.entry(r.new)
        assert old.status == "superseded" and new.revises == old.id
        assert r.old_published is not None and r.new_published is not None
        assert r.old_published < r.new_published
        found[old.actor] += 1
    assert found["meta"] == 1 and found["google"] == 1
    assert found["gold:daon-data-center"] == 3  # cost, power and GPUs were all raised


def test_gold_reprints_are_one_source(gold: Ledger) -> None:
    (entry,) = [e for e in gold.entries if e.group == ("amazon", "sk-group") and e.unit == "KRW"]
    assert len(entry.sources) == 1 and len(entry.sources[0].docs) == 2


def test_gold_conflict_kinds_cover_every_explanation_but_unexplained(gold: Ledger) -> None:
    kinds = Counter(c.kind for c in gold.conflicts)
    assert set(kinds) >= {"scale_slip", "currency_mixup", "fx_rate", "rounding", "hedge",
                          "scope", "time_basis"}  # fmt: skip
    assert kinds["unexplained"] <= 1


# on the extracted facts ---------------------------------------------------------------------


def test_the_stored_ledger_is_the_ledger_of_the_stored_facts(
    store: Store, extracted: Ledger
) -> None:
    assert build_ledger(iter_claims(store), parents()) == extracted
    assert sum(len(e.claims) for e in extracted.entries) == store.stats().facts


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("currency_mixup", "elion-vietnam-a", "elion-vietnam-b"),
        ("rounding", "sk-hynix-indiana", "sk-hynix-indiana-ko"),
        ("hedge", "sk-hynix-indiana", "hbm-packaging-roundup"),
        ("time_basis", "nurion-gpu-cloud-a", "nurion-gpu-cloud-b"),
        ("scope", "nurion-gpu-cloud-a", "nurion-gpu-cloud-b"),
    ],
)
def test_extracted_planted_conflict(extracted: Ledger, kind: str, a: str, b: str) -> None:
    assert len(_between(extracted, kind, a, b)) == 1


def test_extracted_meta_plan_revision(extracted: Ledger) -> None:
    revised = [r for r in extracted.revisions if extracted.entry(r.old).actor == "meta"]
    assert revised and all(extracted.entry(r.old).status == "superseded" for r in revised)


def test_extracted_reprint_is_one_source(extracted: Ledger) -> None:
    docs = {"ulsan-ai-dc-reprint-a", "ulsan-ai-dc-reprint-b"}
    shared = [e for e in extracted.entries if {c.doc.name for c in e.claims} == docs]
    assert shared and all(len(e.sources) == 1 for e in shared)


def test_extracted_entries_merge_across_languages(extracted: Ledger) -> None:
    (ms,) = [e for e in _entries(extracted, "microsoft", "ms-80bn") if e.period == "FY2025"]
    assert {c.doc.lang for c in ms.claims} == {"ko", "en"} and len(ms.sources) >= 5
