"""Web helpers: text pieces around evidence, the graph layout, display formats, links, CSV."""

from __future__ import annotations

from decimal import Decimal

from ailedger.web.format import short
from ailedger.web.highlight import Mark, evidence_pieces, pieces
from ailedger.web.network import layout
from ailedger.web.routes import _csv_cell
from ailedger.web.urls import actor_url, external, with_query


def test_pieces_keep_every_character_and_skip_overlaps() -> None:
    text = "abcdefghij"
    out = pieces(
        text, [Mark(2, 5, "fact"), Mark(4, 6, "fact"), Mark(7, 99, "fact"), Mark(8, 9, "removed")]
    )
    assert "".join(p.text for p in out) == text
    assert [(p.text, p.role) for p in out if p.role != "text"] == [
        ("cde", "fact"),
        ("i", "removed"),
    ]


def test_evidence_pieces_mark_the_span_inside_its_sentence() -> None:
    text = "첫 문장이다.\n엔비디아는 800억달러를 쓴다. 끝."
    start = text.index("800억달러")
    out, before, after = evidence_pieces(text, "엔비디아는 800억달러를 쓴다.", start, start + 6)
    roles = [(p.role, p.text) for p in out]
    assert ("evidence", "800억달러") in roles
    assert [t for r, t in roles if r == "sentence"] == ["엔비디아는 ", "를 쓴다."]
    assert "".join(p.text for p in out) == text and not before and not after


def test_evidence_window_is_clipped_on_long_texts() -> None:
    text = "가" * 10_000 + "\n핵심 문장 100억달러.\n" + "나" * 10_000
    start = text.index("100억달러")
    out, before, after = evidence_pieces(text, "핵심 문장 100억달러.", start, start + 6)
    assert before and after and sum(len(p.text) for p in out) < 6000


def test_layout_is_deterministic_and_bounded() -> None:
    edges = [(0, 1, 1.0), (1, 2, 0.5), (3, 4, 1.0)]
    first, second = layout(6, edges), layout(6, edges)
    assert first == second and len(first) == 6
    assert all(-1.0 <= v <= 1.0 for point in first for v in point)
    assert layout(0, []) == []


def test_formats_links_and_csv_cells() -> None:
    assert short(Decimal("72000000000")) == "72B" and short(Decimal("1460000000000000")) == "1,460T"
    assert short(None) == "-" and short(260000) == "260,000"
    assert external("javascript:alert(1)") is None and external(" JaVaScRiPt:x") is None
    assert external("https://example.com/a") == "https://example.com/a"
    assert actor_url("unresolved-org:a/b") == "/actors/unresolved-org%3Aa%2Fb"
    assert with_query("/facts", {"type": "money", "actor": None, "q": ""}) == "/facts?type=money"
    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _csv_cell("@x") == "'@x"
    assert _csv_cell("800억달러") == "800억달러" and _csv_cell(-5) == -5
