"""Quantities on the seed articles: every gold money amount is found with its currency and span."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ailedger.quantities import Quantity, parse_quantities

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "gold" / "seeds.gold.jsonl"


def _gold(kind: str) -> list[dict[str, Any]]:
    if not GOLD.is_file():
        pytest.skip(f"{GOLD} is missing")
    facts = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return [f for f in facts if f["type"] == kind]


def _agrees(q: Quantity, fact: dict[str, Any]) -> bool:
    if fact.get("value") is not None:
        want = Decimal(str(fact["value"]))
        return q.value is not None and abs(q.value - want) <= want * Decimal("0.005")
    low, high = Decimal(str(fact["min"])), Decimal(str(fact["max"]))
    q_low = q.min if q.min is not None else q.value
    q_high = q.max if q.max is not None else q.value
    return q_low is not None and q_high is not None and q_low <= high and low <= q_high


def _near(q: Quantity, text: str, span: str) -> bool:
    at = text.find(span)
    while at >= 0:
        if q.start < at + len(span) and at < q.end:
            return True
        at = text.find(span, at + 1)
    return False


def _text(doc: str) -> str:
    return (SHARED / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fact", _gold("money") if GOLD.is_file() else [], ids=lambda f: f["span"])
def test_gold_money_is_found(fact: dict[str, Any]) -> None:
    text = _text(fact["doc"])
    money = [q for q in parse_quantities(text) if q.dim == "money"]
    hits = [
        q
        for q in money
        if q.currency == fact["currency"] and _agrees(q, fact) and _near(q, text, fact["span"])
    ]
    assert hits, f"{fact['span']}: {[q.text for q in money]}"
    stated = fact.get("krw_stated")
    if stated is not None:
        assert any(q.krw_stated == Decimal(str(stated)) for q in hits)


def test_compute_recall() -> None:
    facts = _gold("compute")
    found = 0
    for fact in facts:
        text = _text(fact["doc"])
        qs = parse_quantities(text)
        found += any(
            q.unit == fact["unit"] and _agrees(q, fact) and _near(q, text, fact["span"]) for q in qs
        )
    print(f"compute recall on seeds: {found}/{len(facts)}")
    assert found >= len(facts) * 0.5
