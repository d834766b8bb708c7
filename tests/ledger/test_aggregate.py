"""Ledger aggregates: league tables by actor and by country, timelines, and the ask language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ailedger.errors import QueryError
from ailedger.ledger import Entry, build_ledger
from ailedger.ledger.aggregate import league, timeline
from ailedger.ledger.query import answer, known_actors, parse_query
from tests.ledger.factories import compute, doc, money, partnership

A, B, C = doc("a", "2025-01-04"), doc("b", "2025-02-06"), doc("c", "2025-03-08")
COUNTRY = {"meta": "united-states", "google": "united-states", "naver": "south-korea"}


def _entries() -> list[Entry]:
    claims = [
        money(A, 65_000_000_000, actor="meta"),
        money(B, 65_000_000_000, actor="meta", kind="other", year=None),  # the same fact
        money(B, 13_700_000_000, actor="meta", period="Q1 2025", seq=1),  # a part of it
        money(A, 75_000_000_000, actor="google", seq=1),
        money(C, 10**12, currency="KRW", actor="naver"),
        money(C, 320_000_000_000, actor=None, group=("google", "meta"), seq=1),  # a stated total
        money(C, 42_300_000_000, actor="meta", kind="revenue", seq=2),
        compute(C, 1_300_000, actor="meta", seq=3),
        partnership(C, "meta", "ibm", seq=4),
    ]
    return list(build_ledger(claims).entries)


def test_league_by_actor_takes_each_actors_largest_figure() -> None:
    rows = league(_entries(), kind="investment", year=2025)
    assert [(r.rank, r.key) for r in rows] == [(1, "google"), (2, "meta"), (3, "naver")]
    meta = rows[1]
    assert meta.low == meta.high == Decimal(65_000_000_000) and meta.sources == 2
    assert rows[2].low == (Decimal(10**12) / 1400).quantize(Decimal(1))  # at its own rate


def test_league_by_country_sums_its_actors_in_krw() -> None:
    rows = league(_entries(), by="country", currency="KRW", country_of=COUNTRY.get)
    assert [r.key for r in rows] == ["united-states", "south-korea"]
    assert rows[0].low == Decimal(140_000_000_000 * 1400) and len(rows[0].entries) == 2


def test_league_of_another_kind_and_of_every_kind() -> None:
    assert [r.key for r in league(_entries(), kind="revenue")] == ["meta"]
    assert league(_entries(), kind="investment", year=2024) == []
    assert {r.key for r in league(_entries(), kind=None)} == {"google", "meta", "naver"}


def test_timeline_holds_every_entry_of_the_actor_in_date_order() -> None:
    found = timeline(_entries(), "meta")
    assert [e.published for e in found] == sorted(e.published for e in found)
    assert {e.type for e in found} == {"money", "compute", "partnership"}
    assert any(e.group == ("google", "meta") for e in found)


def test_ask_reads_actor_kind_year_and_filler_words() -> None:
    q = parse_query("메타의 AI 투자는 2025년")
    assert (q.actors, q.kinds, q.years) == (("meta",), ("investment",), (2025,))
    assert q.read[1] == ("AI", "-")
    found = answer(_entries(), q)
    assert {e.kind for e in found} == {"investment"} and len(found) == 3  # group total too


def test_ask_units_types_and_two_word_kinds() -> None:
    assert parse_query("메타 GPU").units == ("gpu",)
    assert parse_query("오픈AI 투자 유치").kinds == ("funding",)
    assert [e.type for e in answer(_entries(), parse_query("meta partnership"))] == ["partnership"]


def test_ask_knows_actors_outside_the_entity_table_from_the_ledger() -> None:
    entries = list(
        build_ledger(
            [money(A, 10**12, currency="KRW", actor="unresolved-org:누리온클라우드")]
        ).entries
    )
    q = parse_query("누리온클라우드 투자", known_actors(entries))
    assert q.actors == ("unresolved-org:누리온클라우드",) and len(answer(entries, q)) == 1


@pytest.mark.parametrize("text", ["메타 블록체인", "AI", "   "])
def test_ask_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(QueryError):
        parse_query(text)
