"""CLI: the ledger commands (ledger, conflicts, top, timeline, ask, export); each reads the
stored ledger through one library call and renders it."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..brief import brief, markdown, to_html
from ..errors import QueryError
from ..export import TABLES, encode, export, rows
from ..ledger.aggregate import league, timeline
from ..ledger.model import CONFLICT_KINDS, Entry
from ..ledger.owners import country_of, owner_of
from ..ledger.query import answer, known_actors, matches, parse_query
from ..store import read_conflicts, read_entries, read_ledger, rebuild_ledger
from . import aggregates
from . import ledger_render as lr
from .aggregates import KINDS, OpenStore, actor_id
from .errors import err_console, fail
from .render import to_json


class By(StrEnum):
    actor = "actor"
    country = "country"
    kind = "kind"


class Money(StrEnum):
    USD = "USD"
    KRW = "KRW"


class BriefLang(StrEnum):
    ko = "ko"
    en = "en"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


TOP_HELP = """League table of money figures: each row adds up distinct figures, citing them.

An actor's row is its current figures of the kind, largest first, each added only when the
months it covers share none with a figure already added: a plan and its revision count once
(the old one is superseded), a year's total covers its quarters, different quarters or years
add up, and two figures for the same months count as the larger one (a part cannot be told
from an addition). With --year only figures within that year count (not multi-year plans).
A country's row adds up its spenders (a group and its members are one spender); a kind's row
adds up every actor's row. Stated totals over several actors, superseded and disputed figures
never count; each figure is converted at its own source's rate.
"""


def register(app: typer.Typer, open_store: OpenStore, console: Console) -> None:
    """Add the ledger commands to `app`; `open_store` opens the database of the CLI options."""
    aggregates.register(app, open_store, console)

    @app.command("ledger")
    def ledger_cmd(
        rebuild: Annotated[
            bool, typer.Option("--rebuild", help="Rebuild it from the stored facts first.")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """Counts of the ledger: entries by type and status, revisions, conflicts by kind."""
        with open_store() as store:
            if rebuild:
                rebuild_ledger(store)
            built = read_ledger(store)
        if as_json:
            typer.echo(to_json(lr.summary_json(built)))
        else:
            console.print(lr.summary_table(built))

    @app.command("conflicts")
    def conflicts_cmd(
        kind: Annotated[
            str | None, typer.Option(help=f"Only one kind: {', '.join(CONFLICT_KINDS)}.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        """Facts that sources disagree about, both sides with their words, and why."""
        if kind is not None and kind not in CONFLICT_KINDS:
            raise fail(f"--kind: expected one of {', '.join(CONFLICT_KINDS)}, got {kind!r}", 2)
        with open_store() as store:
            found = read_conflicts(store, kind)
            entries = {e.id: e for e in read_entries(store)} if not as_json else {}
        if as_json:
            for c in found:
                typer.echo(to_json(lr.conflict_out(c)))
        else:
            console.print(lr.conflicts_table(found, entries))

    @app.command("top", help=TOP_HELP)
    def top_cmd(
        by: Annotated[By, typer.Option(help="Rows: actors, countries, or money kinds.")] = (
            By.actor
        ),
        kind: Annotated[
            str, typer.Option(help=f"Money kind: {', '.join(KINDS)}, or all (pooled).")
        ] = "investment",
        year: Annotated[int | None, typer.Option(help="Only figures within this year.")] = None,
        currency: Annotated[Money, typer.Option(help="USD or KRW.")] = Money.USD,
        limit: Annotated[int, typer.Option(min=1)] = 20,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        if kind != "all" and kind not in KINDS:
            raise fail(f"--kind: expected one of {', '.join(KINDS)} or all, got {kind!r}", 2)
        with open_store() as store:
            entries = read_entries(store, type="money", status="current")
        rows_ = league(entries, by=by.value, kind=None if kind == "all" else kind, year=year,
                       currency=currency.value, country_of=country_of,
                       owner_of=owner_of)[:limit]  # fmt: skip
        if as_json:
            for row in rows_:
                typer.echo(to_json(lr.league_json(row, currency.value)))
            return
        title = f"top {len(rows_)} by {by.value}: {kind}" + (f" for {year}" if year else "")
        console.print(lr.league_table(rows_, title, currency.value))

    @app.command("timeline")
    def timeline_cmd(
        actor: Annotated[str, typer.Argument(help="An actor: id, English or Korean name.")],
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        """Everything the ledger holds about one actor, by first report, with revisions."""
        with open_store() as store:
            who = actor_id(store, actor)
            built = read_ledger(store)
        found = timeline(built.entries, who)
        if as_json:
            for e in found:
                typer.echo(to_json(lr.entry_out(e)))
            return
        revised = {r.old: r.new for r in built.revisions}
        console.print(lr.entries_table(found, f"{lr.name(who)}: {len(found)} entries", revised))
        console.print("↻ revises an earlier entry · → revised later", style="dim", markup=False)

    @app.command("ask")
    def ask_cmd(
        question: Annotated[list[str], typer.Argument(help='Words: "메타 AI 투자", "2025 GPU".')],
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    ) -> None:
        """Answer a question of actor, kind, type and year words from the ledger, with sources."""
        with open_store() as store:
            entries = read_entries(store)
            try:
                query = parse_query(" ".join(question), known_actors(entries))
            except QueryError as exc:
                raise fail(str(exc), 2) from None
        found = answer(entries, query)
        if as_json:
            for e in found:
                typer.echo(to_json(lr.entry_out(e)))
            return
        console.print(lr.query_line(query), style="dim", markup=False)
        console.print(lr.entries_table(found, f"{len(found)} entries", {}))
        for e in found:
            console.print(f"  {lr.who(e)} · {lr.what(e)} · {lr.stated(e)}", markup=False)
            for line in lr.sources_lines(e):
                console.print(line, markup=False, soft_wrap=True)

    @app.command("export")
    def export_cmd(
        fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl, csv or parquet.")],
        out: Annotated[
            Path | None,
            typer.Option("--out", "-o", help="Folder for <table>.<format> files."),
        ] = None,
        tables: Annotated[
            list[str] | None,
            typer.Option("--table", help=f"Tables (repeatable): {', '.join(TABLES)}."),
        ] = None,
    ) -> None:
        """Write documents, facts, ledger entries and conflicts; the same store content gives
        the same bytes. Without --out, one text table goes to standard output."""
        chosen = tuple(tables or TABLES)
        bad = [t for t in chosen if t not in TABLES]
        if bad:
            raise fail(f"--table: expected {', '.join(TABLES)}, got {bad[0]!r}", 2)
        if out is None and (len(chosen) != 1 or fmt == ExportFormat.parquet):
            raise fail("export: --out DIR is needed for several tables or for parquet", 2)
        with open_store() as store:
            if out is None:
                sys.stdout.buffer.write(encode(fmt.value, chosen[0], rows(store, chosen[0])))
                return
            written = export(store, fmt.value, out, chosen)
        for path, size in written:
            console.print(f"{path} {size:,} bytes", markup=False)

    @app.command("brief")
    def brief_cmd(
        topic: Annotated[
            str | None, typer.Option(help='Ask words that narrow it: "메타", "2025 GPU".')
        ] = None,
        since: Annotated[
            str | None, typer.Option(help="Only entries first reported on or after (YYYY-MM-DD).")
        ] = None,
        year: Annotated[
            int | None, typer.Option(help="The year of the league (default: the latest one).")
        ] = None,
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Write FILE.md or FILE.html.")
        ] = None,
        lang: Annotated[BriefLang, typer.Option(help="ko or en.")] = BriefLang.ko,
    ) -> None:
        """A briefing from the ledger (Korean, or English); every number cites its entry and is
        checked by reading the text again (what fails is dropped and reported on stderr)."""
        day = _day(since)
        with open_store() as store:
            built = read_ledger(store)
            try:
                query = parse_query(topic, known_actors(built.entries)) if topic else None
            except QueryError as exc:
                raise fail(str(exc), 2) from None

        def keep(e: Entry) -> bool:
            dated = day is None or (e.published is not None and e.published >= day)
            return dated and (query is None or matches(e, query))

        language = lang.value
        result = brief(built, country_of=country_of, year=year, keep=keep, lang=language)
        html = out is not None and out.suffix.lower() in (".html", ".htm")
        text = to_html(result) if html else markdown(result)
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
            console.print(str(out), markup=False)
        err_console.print(
            f"checked {result.checked} numbers; dropped {len(result.dropped)} sentences",
            markup=False,
        )
        for p in result.dropped:
            err_console.print(f"dropped: {p.text} ({p.reason})", markup=False)


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--since: expected a date like 2025-01-31, got {value!r}", 2) from None
