"""The league table's fast path: entry heads read from the ledger's columns
(`store.ledger_rows`) rank exactly as the fully decoded entries do, and the dashboard's league
from them is the one the decoded entries give, on the sample corpus and on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ailedger import Store, ingest
from ailedger.ledger import Entry
from ailedger.ledger.aggregate import league
from ailedger.ledger.owners import country_of, owner_of
from ailedger.store import read_entries
from ailedger.store.ledger_rows import read_entry_heads
from ailedger.web.data import Dashboard
from tests.factories import FACT_TEXTS

KINDS = ("investment", "funding", "budget", "other", None)


def _head_of(entry: Entry) -> Entry:
    """What a head keeps of a decoded entry (see `store.ledger_rows`)."""
    first = tuple(replace(s, docs=(), claims=()) for s in entry.sources[:1])
    cleared: dict[str, Any] = {"product": None, "date": None, "subject": None, "index": None}
    return replace(entry, claims=(), sources=first, parties=(), rank=None, **cleared)


def _ranked(entries: list[Entry], currency: Any, kind: str | None) -> list[tuple[Any, ...]]:
    rows = league(entries, kind=kind, currency=currency, country_of=country_of, owner_of=owner_of)
    return [
        (r.rank, r.key, r.low, r.high, [e.id for e in r.entries], [e.id for e in r.covered])
        for r in rows
    ]


def _assert_fast_path_is_exact(store: Store, monkeypatch: pytest.MonkeyPatch) -> int:
    """Heads equal the decoded entries but for what they leave out, rank the same, and give
    the dashboard the league the decoded entries give; returns how many rows were compared."""
    assert read_entry_heads(store) == [_head_of(e) for e in read_entries(store)]
    full = read_entries(store, type="money", status="current")
    heads = read_entry_heads(store, type="money", status="current", actors_only=True)
    assert heads == [_head_of(e) for e in full if e.actor is not None]
    dash, decoded = Dashboard(store), Dashboard(store)
    monkeypatch.setattr(decoded, "_money_heads", lambda: full)  # as it was: all decoded
    compared = 0
    for currency in ("USD", "KRW"):
        for kind in KINDS:
            assert _ranked(heads, currency, kind) == _ranked(full, currency, kind)
            fast = dash.league(currency, kind, limit=1000)
            assert fast == decoded.league(currency, kind, limit=1000)
            compared += len(fast)
    return compared


def test_heads_rank_the_sample_corpus_as_the_decoded_entries(
    web_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(web_db) as store:
        assert _assert_fast_path_is_exact(store, monkeypatch) > 20


@pytest.fixture
def small(db_url: str, tmp_path: Path) -> Iterator[Store]:
    for name, text in FACT_TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Store.open(db_url) as store:
        ingest(store, [str(tmp_path / n) for n in FACT_TEXTS])
        yield store


def test_heads_rank_as_the_decoded_entries_on_both_backends(
    small: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _assert_fast_path_is_exact(small, monkeypatch) > 0


def test_a_ledger_rewritten_between_the_two_reads_drops_a_row_not_the_page(
    web_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(web_db) as store:
        dash = Dashboard(store)
        whole = dash.league("USD", None)
        decode = dash._decoded
        gone = whole[0].top_entry  # as if a rebuild removed it after the heads were read
        monkeypatch.setattr(dash, "_decoded", lambda ids: decode(ids - {gone}))
        assert [r.top_entry for r in dash.league("USD", None)] == [
            r.top_entry for r in whole if r.top_entry != gone
        ]
