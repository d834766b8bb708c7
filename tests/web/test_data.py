"""The dashboard's reads (`web.data`, `web.pages`) on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from ailedger import Store, ingest
from ailedger.web import data as data_module
from ailedger.web import pages
from ailedger.web.data import Dashboard
from ailedger.web.model import EntryQuery, FactQuery
from tests.factories import FACT_TEXTS
from tests.web import hostile


@pytest.fixture
def dash(db_url: str, tmp_path: Path) -> Iterator[Dashboard]:
    for name, text in FACT_TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "hostile.jsonl").write_bytes(hostile.jsonl())
    with Store.open(db_url) as store:
        report = ingest(store, [str(tmp_path / n) for n in (*FACT_TEXTS, "hostile.jsonl")])
        assert not report.issues
        yield Dashboard(store)


def test_totals_and_league(dash: Dashboard) -> None:
    totals = dash.totals()
    assert totals.documents == 4 and totals.facts == sum(totals.facts_by_type.values())
    league = dash.league("USD", None)
    assert [r.rank for r in league] == list(range(1, len(league) + 1))
    assert league[0].actor.id == "microsoft" and league[0].low == Decimal(80_000_000_000)
    lows = [r.low for r in league]
    assert lows == sorted(lows, reverse=True)
    item, _ = dash.fact(league[0].top_fact) or (None, None)
    assert item is not None and item.usd == league[0].low
    top = dash.entry(league[0].top_entry)
    assert top is not None and top.first.span == league[0].top_span == item.span
    assert {r.actor.id for r in dash.league("KRW", "investment")} <= {r.actor.id for r in league}


def test_entries_and_conflicts_pages(dash: Dashboard) -> None:
    everything = dash.entries(EntryQuery(limit=200))
    assert everything.total == len(everything.items) == len(dash.ledger().entries) > 0
    money = dash.entries(EntryQuery(type="money", sort="usd_desc", limit=200)).items
    usd = [i.usd_min for i in money if i.usd_min is not None]
    assert usd == sorted(usd, reverse=True) and {i.type for i in money} == {"money"}
    nvidia = dash.entries(EntryQuery(actor="엔비디아")).items
    assert nvidia and {i.actor.id for i in nvidia if i.actor} == {"nvidia"}
    for item in everything.items:  # every entry's first words are its first report's fact
        fact = dash.fact(item.first_fact)
        assert fact is not None and fact[0].span == item.first_span
    assert dash.entries(EntryQuery(conflicted=True)).total == 0 == dash.conflicts(None).total
    assert dash.entries(EntryQuery(actor="' OR 1=1 --")).total == 0


def test_facts_filters_sorts_and_counts(dash: Dashboard) -> None:
    everything = dash.facts(FactQuery(limit=200))
    assert everything.total == len(everything.items) == dash.totals().facts
    page = dash.facts(FactQuery(limit=2, offset=1))
    assert page.total == everything.total and len(page.items) == 2
    money = dash.facts(FactQuery(type="money", sort="usd_desc", limit=200)).items
    usd = [i.usd for i in money if i.usd is not None]
    assert usd == sorted(usd, reverse=True) and {i.type for i in money} == {"money"}
    assert {i.currency for i in dash.facts(FactQuery(currency="krw")).items} == {"KRW"}
    by_name = dash.facts(FactQuery(actor="엔비디아")).items
    assert by_name and {i.actor.id for i in by_name if i.actor} == {"nvidia"}
    quoted = dash.facts(FactQuery(q="onerror=\"window.__pwned='attr'")).items
    assert [i.type for i in quoted] == ["partnership"]
    assert dash.facts(FactQuery(q="%")).total == 0  # % is a character, not a wildcard
    assert dash.facts(FactQuery(actor="' OR 1=1 --")).total == 0


def test_downloads_stream_in_chunks(dash: Dashboard, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_module, "STREAM_CHUNK", 2)
    rows = list(dash.fact_payloads(FactQuery(), cap=1000))
    assert len(rows) == dash.totals().facts and len({k for k, _ in rows}) == len(rows)
    assert len(list(dash.fact_payloads(FactQuery(), cap=3))) == 3


def test_fact_actor_alliances_and_document(dash: Dashboard) -> None:
    key = dash.facts(FactQuery(q="800억달러", type="money")).items[0].key
    detail = pages.fact_detail(dash, key)
    assert detail is not None and detail.fx is not None
    marked = [p.text for p in detail.pieces if p.role == "evidence"]
    assert marked == [detail.item.span]
    assert pages.fact_detail(dash, "0123456789abcdef-0") is None
    actor = pages.actor_page(dash, "nvidia", FactQuery())
    assert actor is not None and actor.facts.total == sum(actor.facts_by_type.values())
    assert [p.actor.id for p in actor.partners] == ["samsung-electronics"]
    assert pages.actor_page(dash, "samsung-electronics", FactQuery()) is not None  # a party only
    graph = pages.alliances(dash)
    assert {(e.a, e.b) for e in graph.edges} == {("nvidia", "samsung-electronics")}
    doc_id = detail.item.doc_id
    reader = pages.document_page(dash, doc_id, removed=False)
    assert (
        reader is not None
        and "".join(p.text for p in reader.pieces) == dash.document(doc_id)[1].text
    )  # type: ignore[index]
    assert pages.document_page(dash, doc_id[:8], removed=False) is None  # ids only, no prefixes


def test_derived_views_follow_the_store(dash: Dashboard, tmp_path: Path) -> None:
    before = pages.overview(dash, "USD", None)
    assert pages.overview(dash, "USD", None) is before  # kept while nothing changes
    krw = FactQuery(currency="KRW", limit=1)
    counted = dash.facts(krw).total
    assert dash.facts(replace(krw, offset=1, sort="usd_asc")).total == counted > 1
    (tmp_path / "more.txt").write_text(
        "KT는 올해 5000억원을 투자한다고 밝혔다.\n", encoding="utf-8"
    )
    ingest(dash.store, [str(tmp_path / "more.txt")])  # type: ignore[arg-type]
    after = pages.overview(dash, "USD", None)
    assert after.totals.documents == before.totals.documents + 1
    assert dash.actor_ids("KT") == dash.actor_ids("kt") == ["kt"]
    assert dash.facts(krw).total == counted + 1  # the cached count follows the store too
