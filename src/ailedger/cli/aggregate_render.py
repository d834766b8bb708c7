"""CLI: totals, the alliance graph and derived ratios -> Rich tables, JSON objects and DOT
(presentation only, no computation)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rich import box
from rich.table import Table

from ..ledger.aggregate import Sum, TotalRow
from ..ledger.alliances import AllianceGraph
from ..ledger.derived import Part, Ratio
from .ledger_render import key_name, name, num
from .render import short_amount


def _sum(s: Sum | None) -> str:
    if s is None:
        return "-"
    low, high = short_amount(s.low), short_amount(s.high)
    return low if low == high else f"{low}–{high}"


def totals_table(rows: Sequence[TotalRow], title: str) -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("year / period", "USD", "KRW", "figures", "left out"):
        t.add_column(col, justify="left" if col.startswith("year") else "right")
    for r in rows:
        s = r.usd or r.krw
        t.add_row(
            r.label,
            _sum(r.usd),
            _sum(r.krw),
            str(len(s.entries) if s else 0),
            str(len(s.covered) if s else 0),
        )
    return t


def _sum_json(s: Sum | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "low": num(s.low),
        "high": num(s.high),
        "entries": [e.id for e in s.entries],
        "covered": [e.id for e in s.covered],
    }


def total_json(row: TotalRow) -> dict[str, Any]:
    return {
        "year": row.year,
        "period": row.period,
        "USD": _sum_json(row.usd),
        "KRW": _sum_json(row.krw),
    }


def graph_json(graph: AllianceGraph) -> dict[str, Any]:
    return {
        "nodes": [
            {"id": n.id, "name": key_name(n.id), "degree": n.degree, "entries": list(n.entries)}
            for n in graph.nodes
        ],
        "edges": [
            {
                "a": x.a,
                "b": x.b,
                "entries": list(x.entries),
                "sources": list(x.sources),
                "first": x.first,
            }
            for x in graph.edges
        ],
    }


def _dot_id(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a DOT quoted id escapes like a JSON string


def graph_dot(graph: AllianceGraph) -> str:
    lines = ["graph alliances {"]
    for n in graph.nodes:
        lines.append(f"  {_dot_id(n.id)} [label={_dot_id(name(n.id))}];")
    for x in graph.edges:
        label = _dot_id(f"{len(x.entries)}: " + ", ".join(x.sources))
        lines.append(f"  {_dot_id(x.a)} -- {_dot_id(x.b)} [label={label}];")
    return "\n".join(lines) + "\n}\n"


def graph_table(graph: AllianceGraph) -> Table:
    title = f"{len(graph.nodes)} parties, {len(graph.edges)} alliances"
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("first report", "party", "party", "entries", "sources"):
        t.add_column(col, overflow="fold")
    for x in graph.edges:
        t.add_row(
            str(x.first or "-"), name(x.a), name(x.b), str(len(x.entries)), ", ".join(x.sources)
        )
    return t


def _part(p: Part) -> str:
    if p.unit == "gpu":
        return f"{short_amount(p.value)} GPUs"
    return f"{short_amount(p.value)} {p.unit}"


def _ratio(r: Ratio) -> str:
    if r.name in ("growth", "revision"):
        return f"{r.change * 100:+.1f}%"
    if r.name == "spend_per_gpu":
        return f"{r.value:,.0f} {r.top.unit}/GPU"
    return f"{r.value:.3g}×" if r.value >= 1 else f"{r.value * 100:.1f}%"


def ratios_table(ratios: Sequence[Ratio]) -> Table:
    t = Table(title=f"{len(ratios)} derived ratios", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("ratio", "who", "year", "value", "top", "base", "entries"):
        t.add_column(col, overflow="fold")
    for r in ratios:
        ids = ", ".join(e[:8] for e in (*r.top.ids, *r.base.ids))
        t.add_row(
            r.name, name(r.key), str(r.year or "-"), _ratio(r), _part(r.top), _part(r.base), ids
        )
    return t


def _part_json(p: Part) -> dict[str, Any]:
    return {"value": num(p.value), "unit": p.unit, "entries": list(p.ids)}


def ratio_json(r: Ratio) -> dict[str, Any]:
    value = r.value.quantize(Decimal("1e-6")).normalize()
    return {
        "name": r.name,
        "key": r.key,
        "year": r.year,
        "value": str(value),
        "top": _part_json(r.top),
        "base": _part_json(r.base),
    }
