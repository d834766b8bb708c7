"""Derived ratios (spend per GPU, Big Tech vs the national budget, growth) and the alliance
graph: each cites the entries it is computed from."""

from __future__ import annotations

from decimal import Decimal

from ailedger.ledger import Entry, Ledger, build_ledger, derived
from ailedger.ledger.alliances import alliances
from tests.ledger.factories import compute, doc, money, partnership

A, B, C, D = (doc(n, f"2025-0{m}-10") for n, m in (("a", 1), ("b", 2), ("c", 3), ("d", 4)))
BN = 1_000_000_000
JO = 10**12


def _ledger(*claims: object) -> Ledger:
    return build_ledger(claims)  # type: ignore[arg-type]


def test_spend_per_gpu_divides_the_years_capex_by_its_gpu_count() -> None:
    built = _ledger(
        money(A, 65 * BN),
        money(B, 10 * BN, period="Q1 2025", seq=1),  # covered by the year's plan
        compute(C, 1_300_000),
        compute(D, 600_000, year=2024),  # no capex for 2024: no ratio
    )
    (r,) = derived.spend_per_gpu(list(built.entries))
    assert (r.name, r.key, r.year) == ("spend_per_gpu", "meta", 2025)
    assert r.value == Decimal(65 * BN) / 1_300_000
    assert r.base.unit == "gpu" and r.base.entries[0].type == "compute"
    assert [e.value for e in r.top.entries] == [Decimal(65 * BN)]


def _budget(source: object, value: int, seq: int = 0) -> object:
    return money(source, value, currency="KRW", actor="south-korea", kind="budget", seq=seq)  # type: ignore[arg-type]


def test_big_tech_against_the_budget_uses_their_stated_total_first() -> None:
    four = ("amazon", "google", "meta", "microsoft")
    built = _ledger(
        money(A, 320 * BN, actor=None, group=four),
        money(B, 100 * BN, actor="amazon"),
        _budget(C, 673 * JO),
        _budget(D, 2 * JO + 5 * 10**11, seq=1),  # a smaller budget line
    )
    r = derived.big_tech_vs_budget(list(built.entries))
    assert r is not None and r.name == "big_tech_vs_budget"
    assert [e.group for e in r.top.entries] == [four]
    assert r.base.value == 673 * JO and r.value == Decimal(320 * BN * 1400) / (673 * JO)


def test_big_tech_without_a_stated_total_adds_their_largest_rows() -> None:
    built = _ledger(
        money(A, 100 * BN, actor="amazon"),
        money(A, 75 * BN, actor="google", seq=1),
        money(B, 65 * BN, actor="meta"),
        money(B, 80 * BN, actor="microsoft", seq=1),
        money(C, 30 * BN, actor="apple"),  # the fifth: left out
        money(C, 500 * BN, actor="stargate", seq=1),  # no Big Tech company
        _budget(D, 673 * JO),
    )
    r = derived.big_tech_vs_budget(list(built.entries), 2025)
    assert r is not None
    assert {e.actor for e in r.top.entries} == {"amazon", "google", "meta", "microsoft"}
    assert r.top.value == 320 * BN * 1400


def test_growth_year_over_year_and_by_revision() -> None:
    built = _ledger(
        money(A, 40 * BN, year=2024),
        money(B, 60 * BN, span="600억 달러", sentence="메타는 600억 달러를 쓴다."),
        money(C, 72 * BN, span="720억 달러", sentence="메타는 720억 달러로 늘렸다."),
        money(D, 20 * BN, actor="google", period="Q1 2024"),  # a quarter: no yearly base
        money(D, 75 * BN, actor="google", seq=1),
    )
    found = {(r.name, r.key): r for r in derived.growth(list(built.entries), built.revisions)}
    assert set(found) == {("growth", "meta"), ("revision", "meta")}
    yoy = found[("growth", "meta")]
    assert yoy.year == 2025 and yoy.change == Decimal("0.8")  # 72 over 40
    assert found[("revision", "meta")].value == Decimal(72) / 60


def _entries(*claims: object) -> list[Entry]:
    return list(_ledger(*claims).entries)


def test_alliance_graph_has_parties_as_nodes_and_entries_as_edges() -> None:
    entries = _entries(
        partnership(A, "openai", "samsung-electronics", "sk-group"),
        partnership(B, "samsung-electronics", "sk-group"),
        partnership(C, "meta", "ibm"),
    )
    graph = alliances(entries)
    pairs = {(x.a, x.b): x for x in graph.edges}
    assert set(pairs) == {
        ("openai", "samsung-electronics"),
        ("openai", "sk-group"),
        ("samsung-electronics", "sk-group"),
        ("ibm", "meta"),
    }
    both = pairs[("samsung-electronics", "sk-group")]
    assert len(both.entries) == 2 and both.sources == ("a", "b")
    assert graph.nodes[0].degree == 2 and {n.id for n in graph.nodes} >= {"ibm", "openai"}
    mine = alliances(entries, "meta")
    assert [(x.a, x.b) for x in mine.edges] == [("ibm", "meta")]
    assert {n.id for n in mine.nodes} == {"ibm", "meta"}
