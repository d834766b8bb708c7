"""CLI: the ledger's aggregates (totals, alliances, ratios); each reads the stored ledger
through one library call and renders it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from enum import StrEnum
from typing import Annotated, get_args

import typer
from rich.console import Console

from ..facts.entities import table as entity_table
from ..facts.model import Kind
from ..ledger import derived
from ..ledger.aggregate import totals
from ..ledger.alliances import alliances
from ..ledger.query import known_actors
from ..store import Store, read_entries, read_ledger
from . import aggregate_render as ar
from .errors import fail
from .render import to_json

OpenStore = Callable[[], AbstractContextManager[Store]]
KINDS: tuple[str, ...] = get_args(Kind)


class GraphFormat(StrEnum):
    table = "table"
    json = "json"
    dot = "dot"


def actor_id(store: Store, text: str) -> str:
    """The entity id of an actor named by id, English or Korean name, or a name only the
    ledger knows; a clean CLI error otherwise."""
    entity = entity_table().resolve(text)
    if entity is not None:
        return entity.id
    found = known_actors(read_entries(store)).get(text.strip().casefold())
    if found is None:
        raise fail(f"{text}: no such actor in the entity table or the ledger")
    return found


def _kind(kind: str) -> str | None:
    if kind != "all" and kind not in KINDS:
        raise fail(f"--kind: expected one of {', '.join(KINDS)} or all, got {kind!r}", 2)
    return None if kind == "all" else kind


def register(app: typer.Typer, open_store: OpenStore, console: Console) -> None:
    """Add the aggregate commands to `app`."""

    @app.command("totals")
    def totals_cmd(
        kind: Annotated[
            str, typer.Option(help=f"Money kind: {', '.join(KINDS)}, or all (pooled).")
        ] = "investment",
        periods: Annotated[
            bool, typer.Option("--periods", help="Per stated period (H1 2025, until 2027).")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        """Totals over every actor per year (or per stated period) in USD and KRW: the sum of
        the actors' league rows (see `ailedger top --help` for what a row adds up)."""
        chosen = _kind(kind)
        with open_store() as store:
            entries = read_entries(store, type="money", status="current")
        found = totals(entries, kind=chosen, periods=periods)
        if as_json:
            for row in found:
                typer.echo(to_json(ar.total_json(row)))
            return
        console.print(
            ar.totals_table(found, f"{kind} totals per {'period' if periods else 'year'}")
        )

    @app.command("alliances")
    def alliances_cmd(
        actor: Annotated[
            str | None, typer.Option(help="Only this actor's partners (id or name).")
        ] = None,
        fmt: Annotated[GraphFormat, typer.Option("--format", help="table, json or dot.")] = (
            GraphFormat.table
        ),
    ) -> None:
        """The alliance graph: parties of partnership entries as nodes, one edge per pair with
        the entries and documents behind it (json: one object with nodes and edges; dot:
        Graphviz)."""
        with open_store() as store:
            who = actor_id(store, actor) if actor else None
            graph = alliances(read_entries(store, type="partnership"), who)
        if fmt == GraphFormat.json:
            typer.echo(to_json(ar.graph_json(graph)))
        elif fmt == GraphFormat.dot:
            typer.echo(ar.graph_dot(graph), nl=False)
        else:
            console.print(ar.graph_table(graph))

    @app.command("ratios")
    def ratios_cmd(
        year: Annotated[
            int | None, typer.Option(help="Year of the Big Tech vs budget comparison.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        """Derived ratios, each citing the entries it divides: spend per GPU, the Big Tech
        capex against Korea's national budget, capex growth year over year and by revision."""
        with open_store() as store:
            built = read_ledger(store)
        entries = list(built.entries)
        found = [
            *derived.spend_per_gpu(entries),
            *[r for r in [derived.big_tech_vs_budget(entries, year)] if r],
            *derived.growth(entries, built.revisions),
        ]
        if as_json:
            for r in found:
                typer.echo(to_json(ar.ratio_json(r)))
            return
        console.print(ar.ratios_table(found))
