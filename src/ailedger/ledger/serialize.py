"""Ledger: Entry, Conflict and Claim <-> JSON objects (what the store keeps and exports print).

Amounts are written as JSON numbers (integers when whole, so base units stay exact) and read
back through their decimal text; dates as ISO strings. `entry_from_json(entry_json(e)) == e`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..facts.serialize import number
from .model import Claim, Conflict, Entry, Fx, Money, Source, SourceDoc


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def doc_json(doc: SourceDoc) -> dict[str, Any]:
    return {
        "id": doc.id,
        "group": doc.group,
        "published": _iso(doc.published),
        "name": doc.name,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "lang": doc.lang,
    }


def doc_from_json(obj: dict[str, Any]) -> SourceDoc:
    return SourceDoc(
        obj["id"],
        obj["group"],
        _day(obj["published"]),
        obj["name"],
        obj["title"],
        obj["url"],
        obj["source"],
        obj["lang"],
    )


_CLAIM_SCALARS = (
    "seq", "type", "span", "sentence", "start", "end", "actor", "actor_name", "actor_ko", "kind",
    "year", "period", "unit", "approx", "product", "date", "subject", "index", "rank",
    "confidence",
)  # fmt: skip
_AMOUNTS = ("value", "min", "max", "krw_stated")


def claim_json(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"key": claim.key, "doc": doc_json(claim.doc)}
    out |= {k: getattr(claim, k) for k in _CLAIM_SCALARS}
    out |= {k: number(getattr(claim, k)) for k in _AMOUNTS}
    out["group"] = list(claim.group)
    out["parties"] = list(claim.parties)
    fx = claim.fx
    out["fx"] = (
        {
            "usd_rate": str(fx.usd_rate),
            "krw_rate": str(fx.krw_rate),
            "date": fx.date.isoformat(),
            "source": fx.source,
        }
        if fx
        else None
    )
    return out


def _fx_from_json(obj: dict[str, Any] | None) -> Fx | None:
    if obj is None:
        return None
    day = dt.date.fromisoformat(obj["date"])
    return Fx(Decimal(obj["usd_rate"]), Decimal(obj["krw_rate"]), day, obj["source"])


def claim_from_json(obj: dict[str, Any]) -> Claim:
    """The Claim a `claim_json` object holds."""
    fields: dict[str, Any] = {k: obj[k] for k in _CLAIM_SCALARS}
    fields |= {k: _dec(obj[k]) for k in _AMOUNTS}
    return Claim(
        doc=doc_from_json(obj["doc"]),
        group=tuple(obj["group"]),
        parties=tuple(obj["parties"]),
        fx=_fx_from_json(obj["fx"]),
        **fields,
    )


def _money_json(money: Money | None) -> dict[str, Any] | None:
    if money is None:
        return None
    return {
        "usd_min": number(money.usd_min),
        "usd_max": number(money.usd_max),
        "krw_min": number(money.krw_min),
        "krw_max": number(money.krw_max),
        "fx_date": _iso(money.fx_date),
        "fx_source": money.fx_source,
    }


def _money_from_json(obj: dict[str, Any] | None) -> Money | None:
    if obj is None:
        return None
    return Money(
        _dec(obj["usd_min"]),
        _dec(obj["usd_max"]),
        _dec(obj["krw_min"]),
        _dec(obj["krw_max"]),
        _day(obj["fx_date"]),
        obj["fx_source"],
    )


def _source_json(source: Source) -> dict[str, Any]:
    return {
        "group": source.group,
        "docs": list(source.docs),
        "published": _iso(source.published),
        "claims": list(source.claims),
        "role": source.role,
    }


def _source_from_json(obj: dict[str, Any]) -> Source:
    return Source(
        obj["group"], tuple(obj["docs"]), _day(obj["published"]), tuple(obj["claims"]), obj["role"]
    )


_ENTRY_SCALARS = (
    "id", "type", "actor", "actor_name", "actor_ko", "kind", "year", "period", "unit", "approx",
    "status", "revises", "product", "date", "subject", "index", "rank",
)  # fmt: skip


def entry_json(entry: Entry) -> dict[str, Any]:
    """The entry as one JSON object: its fields, value, money, sources and claims."""
    out: dict[str, Any] = {k: getattr(entry, k) for k in _ENTRY_SCALARS}
    out |= {k: number(getattr(entry, k)) for k in ("value", "min", "max")}
    out["group"] = list(entry.group)
    out["parties"] = list(entry.parties)
    out["published"] = _iso(entry.published)
    out["money"] = _money_json(entry.money)
    out["sources"] = [_source_json(s) for s in entry.sources]
    out["claims"] = [claim_json(c) for c in entry.claims]
    return out


def entry_from_json(obj: dict[str, Any]) -> Entry:
    """The Entry an `entry_json` object holds."""
    fields: dict[str, Any] = {k: obj[k] for k in _ENTRY_SCALARS}
    fields |= {k: _dec(obj[k]) for k in ("value", "min", "max")}
    return Entry(
        **fields,
        group=tuple(obj["group"]),
        parties=tuple(obj["parties"]),
        money=_money_from_json(obj["money"]),
        sources=tuple(_source_from_json(s) for s in obj["sources"]),
        claims=tuple(claim_from_json(c) for c in obj["claims"]),
    )


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """The conflict as one JSON object, both claims whole (spans, sentences, documents)."""
    c = conflict
    return {
        "id": c.id,
        "kind": c.kind,
        "field": c.field,
        "entry_a": c.entry_a,
        "entry_b": c.entry_b,
        "detail": c.detail,
        "factor": str(c.factor) if c.factor is not None else None,
        "a": claim_json(c.a),
        "b": claim_json(c.b),
    }


def conflict_from_json(obj: dict[str, Any]) -> Conflict:
    return Conflict(
        id=obj["id"],
        kind=obj["kind"],
        field=obj["field"],
        entry_a=obj["entry_a"],
        entry_b=obj["entry_b"],
        detail=obj["detail"],
        factor=_dec(obj["factor"]),
        a=claim_from_json(obj["a"]),
        b=claim_from_json(obj["b"]),
    )
