"""Facts -> JSON objects in the shape of fact.schema.json (what `ailedger extract` prints and the
store keeps), and flat rows for CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..quantities.model import Quantity
from .model import Entity, Fact

CSV_FIELDS = (
    "doc", "type", "actor", "actor_group", "value", "min", "max", "currency", "unit", "approx",
    "krw_stated", "usd", "krw", "fx_date", "fx_source", "kind", "year", "period", "parties",
    "domain", "product", "date", "subject", "index", "rank", "span", "start", "end", "rule",
    "confidence",
)  # fmt: skip


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when whole (exact for any size), else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def entity_json(entity: Entity | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    out: dict[str, Any] = {"id": entity.id, "name": entity.name}
    if entity.ko:
        out["ko"] = entity.ko
    out["parent"] = entity.parent
    return out


def _amount(q: Quantity, key: str, extra: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if q.value is not None:
        out["value"] = number(q.value)
    if q.min is not None:
        out["min"] = number(q.min)
    if q.max is not None:
        out["max"] = number(q.max)
    out[key] = extra[key]
    out["approx"] = q.approx
    return out


def fact_json(fact: Fact) -> dict[str, Any]:
    """The fact as one object valid against fact.schema.json (plus `rule` and `confidence`)."""
    out: dict[str, Any] = {"doc": fact.doc, "type": fact.type}
    q = fact.quantity
    if fact.type in ("money", "compute", "launch"):
        out["actor"] = entity_json(fact.actor)
    if fact.actor_group:
        out["actor_group"] = [entity_json(e) for e in fact.actor_group]
    if fact.type == "money" and q is not None and q.currency:
        out["amount"] = _amount(q, "currency", {"currency": q.currency})
        out["krw_stated"] = number(q.krw_stated)
        c = fact.converted
        out["usd"] = number(c.usd if c.usd is not None else c.usd_min) if c else None
        out["krw"] = number(c.krw if c.krw is not None else c.krw_min) if c else None
        out["fx"] = (
            {
                "usd_rate": float(c.fx.usd_rate),
                "krw_rate": float(c.fx.krw_rate),
                "date": c.fx.date.isoformat(),
                "source": c.fx.source,
            }
            if c
            else None
        )
        out["kind"] = fact.kind or "other"
    if fact.type == "compute" and q is not None and fact.unit:
        out["quantity"] = _amount(q, "unit", {"unit": fact.unit})
    if fact.type == "partnership":
        out["parties"] = [entity_json(e) for e in fact.parties]
        out["domain"] = fact.domain or "general"
    if fact.type == "launch":
        out["product"] = fact.product or ""
        if fact.date:
            out["date"] = fact.date
    if fact.type == "ranking":
        out["subject"] = entity_json(fact.subject)
        if fact.index:
            out["index"] = fact.index
        if fact.rank is not None:
            out["rank"] = fact.rank
    if fact.type in ("money", "compute", "ranking"):
        out["year"] = fact.year
    if fact.type == "money":
        out["period"] = fact.period
    e = fact.evidence
    out["evidence"] = {"span": e.span, "start": e.start, "end": e.end, "sentence": e.sentence}
    out["rule"] = fact.rule
    out["confidence"] = fact.confidence
    return out


def _names(items: Any) -> str:
    return ";".join(i["name"] for i in items or () if i)


def csv_row(obj: dict[str, Any]) -> dict[str, Any]:
    """One `fact_json` object flattened to the CSV_FIELDS columns."""
    amount = obj.get("amount") or obj.get("quantity") or {}
    fx = obj.get("fx") or {}
    ev = obj["evidence"]
    row = {k: obj.get(k) for k in CSV_FIELDS}
    row.update(
        actor=(obj.get("actor") or {}).get("name"),
        actor_group=_names(obj.get("actor_group")),
        parties=_names(obj.get("parties")),
        subject=(obj.get("subject") or {}).get("name"),
        value=amount.get("value"),
        min=amount.get("min"),
        max=amount.get("max"),
        currency=amount.get("currency"),
        unit=amount.get("unit"),
        approx=amount.get("approx"),
        fx_date=fx.get("date"),
        fx_source=fx.get("source"),
        span=ev["span"],
        start=ev["start"],
        end=ev["end"],
    )
    return row
