"""Store: one Fact -> the column values of its `facts` row (exact Decimals, JSON payload text)."""

from __future__ import annotations

import json
from typing import Any

from ..facts.model import Fact
from ..facts.serialize import fact_json


def payload(fact: Fact) -> str:
    """The fact's JSON object as one line of text, as `ailedger extract` prints it."""
    return json.dumps(fact_json(fact), ensure_ascii=False)


def fact_columns(fact: Fact, seq: int, run_id: str) -> dict[str, Any]:
    """The row of one fact: filter columns, exact amounts and the JSON payload.

    Args:
        fact: the fact; `fact.doc` is the id of its stored document.
        seq: the fact's place among its document's facts (0, 1, ...).
        run_id: the run that stored it.
    """
    q, c, actor = fact.quantity, fact.converted, fact.actor
    usd = krw = None
    if c is not None:  # the value, else the low end of a range: what the JSON shows
        usd = c.usd if c.usd is not None else c.usd_min
        krw = c.krw if c.krw is not None else c.krw_min
    return {
        "document_id": fact.doc,
        "seq": seq,
        "run_id": run_id,
        "type": fact.type,
        "actor_id": actor.id if actor else None,
        "actor_name": actor.name if actor else None,
        "actor_ko": actor.ko if actor else None,
        "kind": (fact.kind or "other") if fact.type == "money" else fact.kind,
        "year": fact.year,
        "period": fact.period,
        "currency": q.currency if q else None,
        "value": q.value if q else None,
        "min": q.min if q else None,
        "max": q.max if q else None,
        "approx": bool(q and q.approx),
        "usd": usd,
        "krw": krw,
        "unit": fact.unit,
        "evidence_start": fact.evidence.start,
        "evidence_end": fact.evidence.end,
        "span": fact.evidence.span,
        "rule": fact.rule,
        "confidence": fact.confidence,
        "payload": payload(fact),
    }
