"""The league rule (distinct figures), totals per year and period, and the months a figure
covers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ailedger.ledger import Entry, build_ledger
from ailedger.ledger.aggregate import distinct, league, totals
from ailedger.ledger.coverage import coverage, months
from tests.ledger.factories import doc, money

A, B, C, D = (doc(n, f"2025-0{m}-10") for n, m in (("a", 1), ("b", 2), ("c", 3), ("d", 4)))
BN = 1_000_000_000
OWNER = {"sk-hynix": "sk-group", "sk-telecom": "sk-group"}
COUNTRY = {"sk-hynix": "south-korea", "sk-group": "south-korea", "sk-telecom": "south-korea"}


def _ledger(*claims: object) -> list[Entry]:
    return list(build_ledger(claims).entries)  # type: ignore[arg-type]


def _ids(entries: tuple[Entry, ...]) -> set[Decimal | None]:
    return {e.value for e in entries}


@pytest.mark.parametrize(
    ("year", "period", "first", "last"),
    [
        (2025, None, "2025-01", "2025-12"),
        (2025, "Q3 2025", "2025-07", "2025-09"),
        (2025, "H1 2025", "2025-01", "2025-06"),
        (2025, "FY2025", "2025-01", "2025-12"),
        (None, "until 2027", "2025-01", "2027-12"),
    ],
)
def test_months_of_years_and_periods(
    year: int | None, period: str | None, first: str, last: str
) -> None:
    def month(text: str) -> int:
        y, m = map(int, text.split("-"))
        return y * 12 + m - 1

    c = months(year, period, 2025)
    assert (c.first, c.last) == (month(first), month(last))


def test_quarters_without_a_yearly_figure_add_up() -> None:
    entries = _ledger(
        money(A, 10 * BN, period="Q1 2025"),
        money(B, 12 * BN, period="Q2 2025"),
    )
    (row,) = league(entries, year=2025)
    assert row.low == 22 * BN and len(row.entries) == 2 and row.covered == ()


def test_a_yearly_figure_covers_its_quarters_and_a_smaller_figure_of_the_same_year() -> None:
    entries = _ledger(
        money(A, 65 * BN),
        money(B, 13 * BN, period="Q1 2025"),
        money(C, 10 * BN, seq=1),  # a data centre inside the plan, or an addition: not added
    )
    (row,) = league(entries, year=2025)
    assert row.low == 65 * BN
    assert _ids(row.covered) == {Decimal(13 * BN), Decimal(10 * BN)}


def test_a_revised_plan_counts_once_at_its_new_value() -> None:
    entries = _ledger(
        money(A, 65 * BN, span="650억 달러", sentence="메타는 650억 달러를 투자한다."),
        money(B, 72 * BN, span="720억 달러", sentence="메타는 투자를 720억 달러로 상향했다."),
    )
    assert {e.status for e in entries} == {"current", "superseded"}
    (row,) = league(entries, year=2025)
    assert row.low == 72 * BN and len(row.entries) == 1


def test_a_multi_year_plan_is_no_single_years_spend_but_covers_its_years() -> None:
    entries = _ledger(
        money(A, 500 * BN, year=None, period="until 2028"),
        money(B, 100 * BN, seq=1),
        money(C, 90 * BN, year=2024, seq=2),
    )
    assert league(entries, year=2025)[0].low == 100 * BN
    whole = league(entries)[0]  # every year: the plan covers 2025, not 2024 (before it starts)
    assert whole.low == 590 * BN and _ids(whole.covered) == {Decimal(100 * BN)}


def test_figures_of_different_years_add_up_without_a_year() -> None:
    entries = _ledger(money(A, 60 * BN, year=2024), money(B, 70 * BN, year=2025))
    assert league(entries)[0].low == 130 * BN


def test_a_group_and_its_member_are_one_spender_of_their_country() -> None:
    entries = _ledger(
        money(A, 10**13, currency="KRW", actor="sk-group"),
        money(B, 4 * 10**12, currency="KRW", actor="sk-hynix"),
        money(C, 2 * 10**12, currency="KRW", actor="naver", seq=1),
    )
    country = {**COUNTRY, "naver": "south-korea"}.get
    (row,) = league(entries, by="country", currency="KRW", country_of=country, owner_of=OWNER.get)
    assert row.key == "south-korea" and row.low == 12 * 10**12
    assert _ids(row.covered) == {Decimal(4 * 10**12)}
    by_actor = league(entries, currency="KRW")
    assert [r.key for r in by_actor] == ["sk-group", "sk-hynix", "naver"]


def test_league_by_kind_adds_every_actors_row() -> None:
    entries = _ledger(
        money(A, 65 * BN),
        money(B, 75 * BN, actor="google"),
        money(C, 40 * BN, actor="google", kind="revenue", seq=1),
    )
    rows = league(entries, by="kind", kind=None)
    assert [(r.key, r.low) for r in rows] == [("investment", 140 * BN), ("revenue", 40 * BN)]


def test_totals_per_year_in_usd_and_krw() -> None:
    entries = _ledger(
        money(A, 65 * BN),
        money(B, 75 * BN, actor="google", year=2024),
        money(C, 14 * 10**11, currency="KRW", actor="naver", seq=1),
    )
    rows = totals(entries)
    assert [r.year for r in rows] == [2024, 2025]
    y2025 = rows[1]
    assert y2025.usd is not None and y2025.krw is not None
    assert y2025.usd.low == 66 * BN  # 1.4조원 at 1400 KRW/USD is 1B
    assert y2025.krw.low == 65 * BN * 1400 + 14 * 10**11
    assert {e.actor for e in y2025.usd.entries} == {"meta", "naver"}


def test_totals_per_period_keep_each_stated_period_apart() -> None:
    entries = _ledger(
        money(A, 10 * BN, period="Q1 2025"),
        money(B, 20 * BN, actor="google", period="Q1 2025"),
        money(C, 12 * BN, period="Q2 2025", seq=1),
        money(D, 65 * BN, seq=2),
    )
    rows = totals(entries, periods=True)
    assert [(r.label, r.usd.low if r.usd else None) for r in rows] == [
        ("Q1 2025", 30 * BN),
        ("Q2 2025", 12 * BN),
    ]


def test_distinct_is_independent_of_the_order_of_entries() -> None:
    entries = _ledger(
        money(A, 10 * BN, period="Q1 2025"),
        money(B, 30 * BN, period="H1 2025"),
        money(C, 12 * BN, period="Q3 2025", seq=1),
    )
    one, other = distinct(entries, "USD"), distinct(list(reversed(entries)), "USD")
    assert one == other and one.low == 42 * BN
    assert _ids(one.covered) == {Decimal(10 * BN)}
    assert coverage(one.covered[0]).overlaps(coverage(one.entries[0]))
