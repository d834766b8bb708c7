"""Ledger merge: the same fact across articles is one entry with its lineage; near duplicates
are one source; different facts stay apart; plans that change are revisions, not conflicts."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ailedger.ledger import Claim, build_ledger
from tests.ledger.factories import compute, doc, launch, money, partnership

JAN, FEB, MAR = doc("jan", "2025-01-10"), doc("feb", "2025-02-01"), doc("mar", "2025-03-05")


def test_one_fact_in_three_articles_is_one_entry_with_its_lineage() -> None:
    claims = [
        money(MAR, 80_000_000_000, period="FY2025"),
        money(JAN, 80_000_000_000),
        money(FEB, "80000000000", kind="other", year=None),  # unknown kind and year fit
    ]
    (entry,) = build_ledger(claims).entries
    assert [s.role for s in entry.sources] == ["first", "re-report", "re-report"]
    assert [s.published for s in entry.sources] == [JAN.published, FEB.published, MAR.published]
    assert entry.first.doc == JAN and entry.published == JAN.published
    assert (entry.kind, entry.year, entry.period) == ("investment", 2025, "FY2025")
    assert entry.value == Decimal(80_000_000_000) and entry.status == "current"
    assert entry.money is not None and entry.money.krw_min == Decimal(112_000_000_000_000)


def test_near_duplicate_documents_are_one_source() -> None:
    a, b = doc("reprint-a", group="g-ulsan"), doc("reprint-b", group="g-ulsan")
    (entry,) = build_ledger(
        [money(a, 7 * 10**12, currency="KRW"), money(b, 7 * 10**12, currency="KRW")]
    ).entries
    assert len(entry.claims) == 2 and len(entry.sources) == 1
    assert entry.sources[0].docs == ("id-reprint-a", "id-reprint-b")


def test_a_range_holds_the_figures_inside_it_and_a_vague_one_does_not() -> None:
    claims = [
        money(JAN, lo=60_000_000_000, hi=65_000_000_000),
        money(FEB, 65_000_000_000, span="up to $65 billion"),
        money(MAR, lo=10_000_000_000, hi=100_000_000_000, approx=True, span="tens of billions"),
    ]
    entries = build_ledger(claims).entries
    assert [len(e.claims) for e in entries] == [2, 1]
    assert (entries[0].min, entries[0].max) == (Decimal(60_000_000_000), Decimal(65_000_000_000))


def test_different_facts_of_one_actor_stay_apart_without_a_conflict() -> None:
    claims = [
        money(JAN, 1_500_000_000, year=2024),
        money(FEB, 2_900_000_000, year=2024),
        money(MAR, 2_200_000_000, year=2024),
    ]
    ledger = build_ledger(claims)
    assert len(ledger.entries) == 3 and ledger.conflicts == () and ledger.revisions == ()


def test_other_kinds_years_and_actors_never_merge() -> None:
    claims = [
        money(JAN, 10**10),
        money(FEB, 10**10, kind="revenue"),
        money(FEB, 10**10, year=2024, seq=1),
        money(MAR, 10**10, actor="google"),
    ]
    assert len(build_ledger(claims).entries) == 4


def test_anonymous_figures_of_two_articles_are_two_entries() -> None:
    claims = [
        money(JAN, 10**12, actor=None, currency="KRW"),
        money(FEB, 10**12, actor=None, currency="KRW"),
    ]
    assert len(build_ledger(claims).entries) == 2


def test_currencies_compare_through_fx_when_the_kinds_agree() -> None:
    usd = money(JAN, 1_070_000_000)
    eur = money(FEB, 1_000_000_000, currency="EUR")  # 1.07 USD per EUR: the same amount
    other = money(MAR, 1_000_000_000, currency="EUR", kind="other")
    entries = build_ledger([usd, eur, other]).entries
    assert [len(e.claims) for e in entries] == [2, 1]


def test_power_compares_in_one_unit_and_counts_by_unit() -> None:
    claims = [compute(JAN, 1, "GW"), compute(FEB, 1000, "MW"), compute(MAR, 1000, "gpu")]
    entries = build_ledger(claims).entries
    assert sorted(len(e.claims) for e in entries) == [1, 2]


def test_a_raised_plan_is_a_revision_with_both_values_and_dates() -> None:
    old = money(JAN, 2 * 10**12, currency="KRW", actor="daon", year=None)
    new = money(
        MAR,
        36 * 10**11,
        currency="KRW",
        actor="daon",
        year=None,
        sentence="총사업비를 2조원에서 3조6000억원으로 늘리고",
        span="3조6000억원",
    )
    ledger = build_ledger([old, new])
    (revision,) = ledger.revisions
    first, second = ledger.entries
    assert (revision.old, revision.new) == (first.id, second.id)
    assert (revision.old_published, revision.new_published) == (JAN.published, MAR.published)
    assert revision.cue in ("원에서", "늘리고")
    assert (first.status, second.status, second.revises) == ("superseded", "current", first.id)
    assert first.value == Decimal(2 * 10**12) and second.value == Decimal(36 * 10**11)
    assert ledger.conflicts == ()


def test_a_later_larger_figure_without_a_revision_cue_is_no_revision() -> None:
    ledger = build_ledger([money(JAN, 2 * 10**10), money(MAR, 3 * 10**10)])
    assert ledger.revisions == () and {e.status for e in ledger.entries} == {"current"}


def test_a_moved_launch_date_is_a_revision() -> None:
    old = launch(JAN, "해남 AI 데이터센터 1단계", "2027-10")
    new = launch(MAR, "해남 AI 데이터센터 1단계", "2027-12", sentence="2027년 12월로 두 달 늦췄다")
    (revision,) = build_ledger([old, new]).revisions
    assert revision.cue == "늦췄"


def test_partnerships_merge_by_their_parties() -> None:
    claims = [
        partnership(JAN, "kt", "microsoft"),
        partnership(FEB, "microsoft", "kt"),
        partnership(MAR, "kt", "openai"),
    ]
    assert sorted(len(e.sources) for e in build_ledger(claims).entries) == [1, 2]


def _claims() -> list[Claim]:
    docs = [doc(f"d{n}", f"2025-0{1 + n % 9}-1{n % 10}", group=f"g{n % 4}") for n in range(12)]
    values = [80_000_000_000, 80_000_000_000, 88_000_000_000, 8_000_000_000, 117 * 10**8]
    out = []
    for n, d in enumerate(docs):
        out.append(money(d, values[n % len(values)], year=2025 if n % 3 else None, seq=0))
        out.append(
            money(
                d,
                36 * 10**11,
                currency="KRW",
                actor="daon",
                year=None,
                seq=1,
                sentence="2조원에서 3조6000억원으로 늘렸다" if n % 2 else "2조원",
            )
        )
        out.append(compute(d, 10_000 * (1 + n % 3), seq=2))
    return out


@given(st.randoms(use_true_random=False))
def test_the_ledger_does_not_depend_on_the_order_of_its_claims(rnd: random.Random) -> None:
    claims = _claims()
    shuffled = claims[:]
    rnd.shuffle(shuffled)
    assert build_ledger(shuffled) == build_ledger(claims)
