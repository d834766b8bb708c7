"""CLI: ledger values -> Rich tables and JSON objects (presentation only, no computation)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rich import box
from rich.table import Table

from ..facts.entities import table as entity_table
from ..ledger.aggregate import Currency, LeagueRow, amount
from ..ledger.model import Claim, Conflict, Entry, Ledger
from ..ledger.query import Query
from ..ledger.serialize import claim_json, conflict_json, entry_json
from .render import short_amount


def name(entity_id: str | None, lang: str = "en") -> str:
    """An entity's display name: English (or Korean) from the table, else the name in its id."""
    if not entity_id:
        return "-"
    entity = entity_table().by_id.get(entity_id)
    if entity is None:
        return entity_id.split(":", 1)[-1]
    return (entity.ko or entity.name) if lang == "ko" else entity.name


def who(entry: Entry) -> str:
    """Who an entry is about: its actor, its group, its partners or its ranked subject."""
    if entry.actor:
        return entry.actor_name or name(entry.actor)
    ids = entry.group or entry.parties or ((entry.subject,) if entry.subject else ())
    return " + ".join(name(i) for i in ids) or "(no actor)"


def stated(entry: Entry) -> str:
    """The entry's value in its own currency or unit: a value or a range, ~ when hedged."""
    if entry.low is None:
        return "-"
    value = (
        short_amount(entry.value)
        if entry.value is not None
        else f"{short_amount(entry.min)}–{short_amount(entry.max)}"
    )
    return ("~" if entry.approx else "") + value + (f" {entry.unit}" if entry.unit else "")


def _range(low: Decimal, high: Decimal) -> str:
    return short_amount(low) if low == high else f"{short_amount(low)}–{short_amount(high)}"


def converted(entry: Entry, currency: Currency) -> str:
    found = amount(entry, currency)
    return "-" if found is None else _range(*found)


def what(entry: Entry) -> str:
    """The slot of a figure, the product of a launch, the index of a ranking."""
    if entry.type == "launch":
        return f"{entry.product or '?'} ({entry.date})"
    if entry.type == "ranking":
        return f"#{entry.rank} {entry.index or ''}".strip()
    if entry.type == "partnership":
        return "partnership"
    parts = [entry.kind if entry.type == "money" else entry.type, entry.period or entry.year]
    return " ".join(str(p) for p in parts if p)


def _doc(claim: Claim) -> str:
    return f"{claim.doc.name} ({claim.doc.published or 'no date'})"


def summary_table(ledger: Ledger) -> Table:
    t = Table(title="ailedger ledger", title_justify="left", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    statuses = Counter(str(e.status) for e in ledger.entries)
    types = Counter(e.type for e in ledger.entries)
    t.add_row("entries", str(len(ledger.entries)))
    for key, n in sorted(types.items()):
        t.add_row(f"  {key}", str(n))
    t.add_row("with more than one source", str(sum(len(e.sources) > 1 for e in ledger.entries)))
    for key in ("current", "superseded", "disputed"):
        t.add_row(f"  {key}", str(statuses[key]))
    t.add_row("revisions", str(len(ledger.revisions)))
    kinds = Counter(c.kind for c in ledger.conflicts)
    t.add_row("conflicts", str(len(ledger.conflicts)))
    for key, n in sorted(kinds.items()):
        t.add_row(f"  {key}", str(n))
    return t


def summary_json(ledger: Ledger) -> dict[str, Any]:
    return {
        "entries": len(ledger.entries),
        "by_type": dict(sorted(Counter(e.type for e in ledger.entries).items())),
        "by_status": dict(sorted(Counter(e.status for e in ledger.entries).items())),
        "multi_source": sum(len(e.sources) > 1 for e in ledger.entries),
        "revisions": len(ledger.revisions),
        "conflicts": len(ledger.conflicts),
        "conflicts_by_kind": dict(sorted(Counter(c.kind for c in ledger.conflicts).items())),
    }


def conflicts_table(conflicts: Sequence[Conflict], entries: dict[str, Entry]) -> Table:
    t = Table(title=f"{len(conflicts)} conflicts", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("kind", "about", "first report", "later report", "why"):
        t.add_column(col, overflow="fold")
    for c in conflicts:
        entry = entries.get(c.entry_a)
        about = who(entry) if entry else (c.a.actor_name or "-")
        kind = c.kind + (" (KRW)" if c.field == "krw_stated" else "")
        first, then = (f"{x.span}\n{_doc(x)}" for x in (c.a, c.b))
        t.add_row(kind, about, first, then, c.detail)
    return t


def conflict_out(conflict: Conflict) -> dict[str, Any]:
    return conflict_json(conflict)


def league_table(rows: Sequence[LeagueRow], title: str, currency: Currency) -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    t.add_column("#", justify="right")
    t.add_column("who")
    t.add_column(currency, justify="right")
    t.add_column("figures", justify="right")
    t.add_column("sources", justify="right")
    t.add_column("largest figure (first report)", overflow="fold")
    t.add_column("left out", justify="right")
    for r in rows:
        top = r.entries[0]
        value = _range(r.low, r.high)
        cite = f"{top.first.span} · {_doc(top.first)}"
        t.add_row(
            str(r.rank),
            key_name(r.key),
            value,
            str(len(r.entries)),
            str(r.sources),
            cite,
            str(len(r.covered)),
        )
    return t


def key_name(key: str) -> str:
    entity = entity_table().by_id.get(key)
    if entity is None:
        return name(key)
    return f"{entity.name} ({entity.ko})" if entity.ko else entity.name


def league_json(row: LeagueRow, currency: Currency) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "key": row.key,
        "name": key_name(row.key),
        "currency": currency,
        "low": num(row.low),
        "high": num(row.high),
        "sources": row.sources,
        "entries": [e.id for e in row.entries],
        "covered": [e.id for e in row.covered],
    }


def num(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else str(value)


SHORT_TYPES = {"partnership": "partner", "ranking": "rank"}


def entries_table(entries: Sequence[Entry], title: str, revised: dict[str, str]) -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    t.add_column("first report", no_wrap=True)
    t.add_column("type", no_wrap=True)
    t.add_column("who", ratio=2)
    t.add_column("what", ratio=2)
    t.add_column("amount", ratio=2)
    t.add_column("USD", ratio=1)
    t.add_column("status", ratio=2)
    t.add_column("src", justify="right", no_wrap=True)
    t.add_column("first words · document", ratio=4)
    for e in entries:
        status = e.status + (" ↻" if e.revises else "") + (" →" if e.id in revised else "")
        t.add_row(
            str(e.published or "-"),
            SHORT_TYPES.get(e.type, e.type),
            who(e),
            what(e),
            stated(e),
            converted(e, "USD"),
            status,
            str(len(e.sources)),
            f"{e.first.span} · {e.first.doc.name}",
        )
    return t


def sources_lines(entry: Entry) -> list[str]:
    """One line per source of an entry: date, role, document, title, the words it used."""
    lines = []
    for s in entry.sources:
        claim = next(c for c in entry.claims if c.key == s.claims[0])
        where = claim.doc.url or claim.doc.source
        title = claim.doc.title or claim.doc.name
        day = s.published or "----------"
        lines.append(f"    {day} {s.role:9} {title} · {where} · «{claim.span}»")
    return lines


def query_line(query: Query) -> str:
    return "read as: " + ", ".join(f"{w} → {r}" for w, r in query.read)


def entry_out(entry: Entry) -> dict[str, Any]:
    return entry_json(entry)


def claim_out(claim: Claim) -> dict[str, Any]:
    return claim_json(claim)
