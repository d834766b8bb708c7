"""Ledger: one stored fact's JSON object (fact.schema.json) and its document -> Claim.

Numbers in the JSON are read through their decimal text, so an integer amount stays exact and
a rate keeps the digits the JSON printed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .model import Claim, Fx, SourceDoc


def _dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    return Decimal(str(value))


def _id(entity: Any) -> str | None:
    return str(entity["id"]) if isinstance(entity, dict) and entity.get("id") else None


def _ids(entities: Any) -> tuple[str, ...]:
    return tuple(sorted({i for e in entities or () if (i := _id(e))}))


def _fx(obj: Any) -> Fx | None:
    if not isinstance(obj, dict) or obj.get("usd_rate") is None:
        return None
    usd, krw = _dec(obj["usd_rate"]), _dec(obj["krw_rate"])
    if usd is None or krw is None:
        return None
    return Fx(usd, krw, dt.date.fromisoformat(str(obj["date"])), str(obj.get("source") or ""))


def claim_from_fact(obj: dict[str, Any], doc: SourceDoc, seq: int) -> Claim:
    """The claim a fact JSON object makes.

    Args:
        obj: one fact as `fact_json` gives it (the store's `payload`).
        doc: the document it was extracted from.
        seq: the fact's place among the document's facts.
    """
    amount = obj.get("amount") or obj.get("quantity") or {}
    actor = obj.get("actor") if obj.get("type") != "ranking" else None
    evidence = obj.get("evidence") or {}
    return Claim(
        doc=doc,
        seq=seq,
        type=str(obj["type"]),
        span=str(evidence.get("span", "")),
        sentence=str(evidence.get("sentence", "")),
        start=int(evidence.get("start", 0)),
        end=int(evidence.get("end", 0)),
        actor=_id(actor),
        actor_name=actor.get("name") if isinstance(actor, dict) else None,
        actor_ko=actor.get("ko") if isinstance(actor, dict) else None,
        group=_ids(obj.get("actor_group")),
        kind=obj.get("kind"),
        year=obj.get("year"),
        period=obj.get("period"),
        unit=amount.get("currency") or amount.get("unit"),
        value=_dec(amount.get("value")),
        min=_dec(amount.get("min")),
        max=_dec(amount.get("max")),
        approx=bool(amount.get("approx", False)),
        krw_stated=_dec(obj.get("krw_stated")),
        fx=_fx(obj.get("fx")),
        parties=_ids(obj.get("parties")),
        product=obj.get("product"),
        date=obj.get("date"),
        subject=_id(obj.get("subject")),
        index=obj.get("index"),
        rank=obj.get("rank"),
        confidence=float(obj.get("confidence", 1.0)),
    )
