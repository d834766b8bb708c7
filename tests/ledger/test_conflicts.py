"""Ledger conflicts: each typed explanation on hand-built claims, which side loses a one-sided
one, and figures that merely differ raise no conflict."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ailedger.ledger import Conflict, build_ledger
from ailedger.ledger.model import Claim
from tests.ledger.factories import compute, doc, money

A, B = doc("a", "2025-01-04"), doc("b", "2025-01-06")
OTHER = doc("c", "2025-01-08")


def _only(claims: list[Claim], parents: dict[str, str] | None = None) -> Conflict:
    ledger = build_ledger(claims, parents)
    assert len(ledger.conflicts) == 1, ledger.conflicts
    return ledger.conflicts[0]


def test_scale_slip_in_won_disputes_the_side_with_fewer_sources() -> None:
    right = [money(d, 32 * 10**11, currency="KRW", actor="gaon", year=None) for d in (A, OTHER)]
    slip = money(B, 32 * 10**10, currency="KRW", actor="gaon", year=None, span="3200억 원")
    ledger = build_ledger([*right, slip])
    (c,) = ledger.conflicts
    assert (c.kind, c.field, c.factor) == ("scale_slip", "value", Decimal("0.1"))
    assert "조 read as 천억" in c.detail and c.b.span == "3200억 원"
    status = {e.value: e.status for e in ledger.entries}
    assert status == {Decimal(32 * 10**11): "current", Decimal(32 * 10**10): "disputed"}


def test_scale_slip_of_a_thousand_between_million_and_billion() -> None:
    c = _only([money(A, 3_870_000_000), money(B, 3_870_000, span="$3.87 million")])
    assert c.kind == "scale_slip" and "thousand/million/billion" in c.detail


def test_a_round_power_of_ten_apart_is_no_slip() -> None:
    assert build_ledger([money(A, 10**9), money(B, 10**10)]).conflicts == ()


def test_krw_restatement_slip_keeps_the_entry_and_its_right_rate() -> None:
    right = money(A, 80_000_000_000, krw_stated=117 * 10**12, period="FY2025")
    slip = money(B, 80_000_000_000, krw_stated=117 * 10**8, period="FY2025", seq=0)
    ledger = build_ledger([right, slip])
    (entry,) = ledger.entries
    (c,) = ledger.conflicts
    assert (c.kind, c.field, c.entry_a, c.entry_b) == (
        "scale_slip",
        "krw_stated",
        entry.id,
        entry.id,
    )
    assert c.factor == Decimal("0.0001") and "10,000×" in c.detail
    assert entry.money is not None and entry.money.krw_min == 117 * 10**12


def test_the_wrong_krw_restatement_is_never_the_entrys_rate_even_when_first() -> None:
    slip = money(A, 80_000_000_000, krw_stated=117 * 10**8)
    right = money(B, 80_000_000_000, krw_stated=117 * 10**12)
    (entry,) = build_ledger([slip, right]).entries
    assert entry.money is not None and entry.money.krw_min == 117 * 10**12


def test_fx_rate_difference_of_two_restatements() -> None:
    jan = money(doc("jan", "2025-01-22"), 500_000_000_000, krw_stated=718 * 10**12)
    oct_ = money(doc("oct", "2025-10-02"), 500_000_000_000, krw_stated=700 * 10**12)
    c = _only([jan, oct_])
    assert (c.kind, c.field) == ("fx_rate", "krw_stated")
    assert "1,436 vs 1,400 KRW/USD" in c.detail and "2025-01-22" in c.detail


def test_currency_mixup() -> None:
    c = _only(
        [
            money(A, 1_200_000_000, actor="elion"),
            money(B, 1_200_000_000, currency="EUR", actor="elion"),
        ]
    )
    assert c.kind == "currency_mixup" and "(USD)" in c.detail and "(EUR)" in c.detail


def test_rounding_and_hedge_inside_one_entry() -> None:
    first = money(A, 3_870_000_000, year=None, actor="sk-hynix")
    rounded = money(B, 3_900_000_000, approx=True, year=None, actor="sk-hynix")
    hedged = money(OTHER, 3_800_000_000, approx=True, year=None, actor="sk-hynix")
    ledger = build_ledger([first, rounded, hedged])
    (entry,) = ledger.entries
    assert len(entry.sources) == 3 and entry.value == Decimal(3_870_000_000)
    assert [(c.kind, c.b.doc.name) for c in ledger.conflicts] == [("rounding", "b"), ("hedge", "c")]


def test_rounding_of_a_won_figure() -> None:
    c = _only(
        [
            money(A, 146 * 10**10, currency="KRW", kind="budget"),
            money(B, 15 * 10**11, currency="KRW", kind="budget"),
        ]
    )
    assert c.kind == "rounding"


def test_time_basis_multi_year_total_against_one_year() -> None:
    total = money(
        A,
        2 * 10**12,
        currency="KRW",
        actor="nurion",
        year=None,
        sentence="향후 5년간 GPU 클라우드에 총 2조원을 투자한다",
        span="총 2조원",
    )
    yearly = money(
        B,
        4 * 10**11,
        currency="KRW",
        actor="nurion",
        year=None,
        sentence="GPU 클라우드에 연간 4000억원을 투자할 계획이다",
        span="연간 4000억원",
    )
    c = _only([total, yearly])
    assert c.kind == "time_basis" and "covers 5 years" in c.detail


def test_time_basis_needs_the_stated_number_of_years() -> None:
    total = money(A, 2 * 10**12, currency="KRW", year=None, sentence="향후 3년간 총 2조원")
    yearly = money(B, 4 * 10**11, currency="KRW", year=None, sentence="연간 4000억원")
    assert build_ledger([total, yearly]).conflicts == ()


def test_time_basis_fiscal_against_calendar_year() -> None:
    c = _only(
        [
            money(A, 80_000_000_000, period="FY2025", actor="microsoft"),
            money(B, 88_000_000_000, actor="microsoft"),
        ]
    )
    assert c.kind == "time_basis" and "FY2025" in c.detail and "calendar 2025" in c.detail


def test_scope_a_part_of_a_larger_figure() -> None:
    whole = money(
        A, 6 * 10**11, currency="KRW", actor="nurion", sentence="올해 설비투자는 6000억원"
    )
    part = money(
        B,
        35 * 10**10,
        currency="KRW",
        actor="nurion",
        sentence="올해 GPU 서버 부문에만 3500억원을 투자한다",
        span="3500억원",
    )
    c = _only([whole, part])
    assert c.kind == "scope" and "부문" in c.detail


def test_scope_a_group_and_its_member() -> None:
    group = money(A, 50 * 10**12, currency="KRW", actor="samsung-group")
    member = money(B, 40 * 10**12, currency="KRW", actor="samsung-electronics")
    c = _only([group, member], {"samsung-electronics": "samsung-group"})
    assert c.kind == "scope" and c.entry_a != c.entry_b
    assert build_ledger([group, member]).conflicts == ()  # unrelated actors: no conflict


def test_unexplained_when_the_slot_is_pinned() -> None:
    c = _only(
        [
            money(A, 26_300_000_000, period="Q4 2024", year=2024, actor="amazon"),
            money(B, 27_900_000_000, period="Q4 2024", year=2024, actor="amazon"),
        ]
    )
    assert c.kind == "unexplained"


@pytest.mark.parametrize("period", [None, "Q4 2024"])
def test_one_article_does_not_conflict_with_itself(period: str | None) -> None:
    claims = [
        money(A, 26_300_000_000, period=period, year=2024),
        money(A, 27_900_000_000, period=period, year=2024, seq=1),
    ]
    assert build_ledger(claims).conflicts == ()


def test_compute_slip() -> None:
    c = _only([compute(A, 260_000), compute(B, 26_000_000)])
    assert c.kind == "scale_slip" and c.factor == Decimal(100)
