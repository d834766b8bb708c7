"""CLI: the `ailedger` command; every command calls one library function and renders it."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Annotated, get_args

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from .. import __version__
from ..dedup.index import DEFAULT_THRESHOLD
from ..evaluate import Split, evaluate_files
from ..facts.extract import extract_sources
from ..facts.model import FACT_TYPES, Kind
from ..ingest.fetch import FetchOptions
from ..ingest.sources import DEFAULT_GLOBS, SourceOptions, total_bytes
from ..measure import measure
from ..model import IngestIssue, RawInput
from ..pipeline import BATCH_SIZE, IngestOptions, IngestReport, ingest, report_dict
from ..store import Store
from . import ledger as ledger_commands
from . import render
from .errors import cli_errors, err_console, fail

app = typer.Typer(
    help="ailedger: a checkable ledger of AI-infrastructure facts from Korean and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
console = Console(highlight=False, soft_wrap=False)
KINDS: tuple[str, ...] = get_args(Kind)


@dataclass
class _State:
    db: str | None = None
    debug: bool = False


_state = _State()


def _version(value: bool) -> None:
    if value:
        console.print(f"ailedger {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="AILEDGER_DB",
            help="Database: a SQLite file path or a SQLAlchemy URL (default ./ailedger.db).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    """Turn AI-infrastructure news into a ledger of facts with sources."""
    _state.db, _state.debug = db, debug


@contextmanager
def _store() -> Iterator[Store]:
    with cli_errors(_state.debug), Store.open(_state.db) as store:
        yield store


def _parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: expected a date like 2025-01-31, got {value!r}", 2) from None


def _run_with_progress(store: Store, sources: list[str], options: IngestOptions) -> IngestReport:
    total = total_bytes(sources, options.sources)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("0 documents", total=total)
        seen = 0

        def advance(item: RawInput | IngestIssue) -> None:
            nonlocal seen
            seen += 1
            size = len(item.data) if isinstance(item, RawInput) else 0
            bar.update(task, advance=size, description=f"{seen} documents")

        return ingest(store, sources, options, progress=advance)


@app.command("ingest")
def ingest_cmd(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, URLs, feeds, or - for stdin.")
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", help="File pattern inside folders (repeatable)."),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Near-duplicate Jaccard threshold.", min=0.05, max=1.0)
    ] = DEFAULT_THRESHOLD,
    max_mb: Annotated[float, typer.Option(help="Size cap per input in MB.", min=0.001)] = 10.0,
    timeout: Annotated[float, typer.Option(help="HTTP read timeout in seconds.", min=0.1)] = 15.0,
    facts: Annotated[
        bool,
        typer.Option("--facts/--no-facts", help="Extract and store facts (--no-facts: faster)."),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Local worker processes.", min=1, max=512)
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            envvar="AILEDGER_SCHEDULER", help="Dask scheduler (tcp://HOST:PORT) to run on."
        ),
    ] = None,
    resume: Annotated[
        str | None,
        typer.Option(help="Finish this unfinished run (id or prefix; see ailedger runs)."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Documents written per transaction.", min=1, max=100_000)
    ] = BATCH_SIZE,
) -> None:
    """Read, clean, deduplicate and store articles with their facts. Exit 1 when some inputs
    failed."""
    if (resume is None) == (not sources):  # a resumed run reads its own recorded sources
        raise fail("ingest: give SOURCE... or --resume RUN (not both)", 2)
    max_bytes = int(max_mb * 2**20)
    options = IngestOptions(
        sources=SourceOptions(
            globs=tuple(glob) if glob else DEFAULT_GLOBS,
            max_bytes=max_bytes,
            fetch=FetchOptions(timeout=timeout, max_bytes=max_bytes),
        ),
        threshold=threshold,
        facts=facts,
        workers=workers,
        scheduler=scheduler,
        batch_size=batch_size,
    )
    started = time.perf_counter()
    with _store() as store:
        if as_json or not err_console.is_terminal or resume:
            report = ingest(store, sources or [], options, resume=resume)
        else:
            report = _run_with_progress(store, sources or [], options)
    if as_json:
        typer.echo(render.to_json(report_dict(report)))
    else:
        console.print(render.summary_table(report, time.perf_counter() - started))
        for line in render.issues_lines(report.issues):
            err_console.print(line, markup=False)
    if report.issues:
        raise typer.Exit(1)


@app.command("docs")
def docs_cmd(
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option(help="Text in the source path or URL.")] = None,
    search: Annotated[str | None, typer.Option(help="Text in the title or body.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code (ko, en).")] = None,
    canonical: Annotated[bool, typer.Option(help="Only one document per dedup group.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List stored documents, newest first."""
    day_from, day_to = _parse_day(since, "--since"), _parse_day(until, "--until")
    with _store() as store:
        rows = store.documents(
            since=day_from,
            until=day_to,
            source=source,
            text=search,
            lang=lang,
            canonical_only=canonical,
            limit=limit,
        )
    if as_json:
        for row in rows:
            typer.echo(render.to_json(render.document_json(row, with_text=False)))
    else:
        console.print(render.documents_table(rows))


@app.command("show")
def show_cmd(
    doc: Annotated[str, typer.Argument(help="Document id, id prefix or name.")],
    raw: Annotated[bool, typer.Option("--raw", help="The text before cleaning.")] = False,
    removed: Annotated[bool, typer.Option("--removed", help="What cleaning removed, why.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The document as JSON.")] = False,
) -> None:
    """Print one document's cleaned text (or its raw text, or the blocks cleaning removed)."""
    with _store() as store:
        row = store.document(doc)
        if row is None:
            raise fail(f"{doc}: no such document (see: ailedger docs)")
        blocks = store.removed_blocks(row.id) if removed else []
        sources = store.sources(row.id)
    if as_json:
        out = render.document_json(row)
        out["sources"] = [asdict(s) for s in sources]
        out["removed"] = [asdict(b) for b in blocks]
        typer.echo(render.to_json(out))
    elif removed:
        console.print(render.removed_table(blocks))
    else:
        header = f"{row.title or row.name} | {row.published or 'no date'} | {row.source}"
        console.print(header, style="bold", markup=False)
        for extra in sources[1:]:
            console.print(f"also from: {extra.url or extra.source}", style="dim", markup=False)
        console.print(row.raw_text if raw else row.text, markup=False)


@app.command("stats")
def stats_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of documents, duplicates, runs and errors in the store."""
    with _store() as store:
        stats = store.stats()
    if as_json:
        typer.echo(render.to_json(asdict(stats)))
    else:
        console.print(render.stats_table(stats))


@app.command("runs")
def runs_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Ingest runs, newest first, with their counts and failed inputs."""
    with _store() as store:
        runs = store.runs()
        issues = {r.id: store.run_issues(r.id) for r in runs} if as_json else {}
    if as_json:
        for r in runs:
            out = asdict(r) | {"issue_list": [asdict(i) for i in issues[r.id]]}
            typer.echo(render.to_json(out))
    else:
        console.print(render.runs_table(runs))


@app.command("errors")
def errors_cmd(
    run: Annotated[str | None, typer.Option(help="Only this run (id or prefix).")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind (DecodeError, ExtractError, WorkerCrash...).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1_000_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Inputs that failed and documents a stage quarantined, newest run first, with their error."""
    with _store() as store:
        rows = store.issues(run=run, kind=kind, limit=limit)
    if as_json:
        for row in rows:
            typer.echo(render.to_json(asdict(row)))
    else:
        console.print(render.errors_table(rows))


@app.command("facts")
def facts_cmd(
    fact_type: Annotated[
        str | None, typer.Option("--type", help=f"Fact type: {', '.join(FACT_TYPES)}.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor id, English or Korean name (any case).")
    ] = None,
    kind: Annotated[str | None, typer.Option(help=f"Money kind: {', '.join(KINDS)}.")] = None,
    year: Annotated[int | None, typer.Option(help="The year the fact is about.")] = None,
    doc: Annotated[str | None, typer.Option(help="Document id or name.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="The stored facts as JSON lines (fact.schema.json).")
    ] = False,
) -> None:
    """List stored facts, newest documents first, in text order within a document."""
    if fact_type is not None and fact_type not in FACT_TYPES:
        raise fail(f"--type: expected one of {', '.join(FACT_TYPES)}, got {fact_type!r}", 2)
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind: expected one of {', '.join(KINDS)}, got {kind!r}", 2)
    with _store() as store:
        rows = store.facts(type=fact_type, actor=actor, kind=kind, year=year, doc=doc, limit=limit)
    if as_json:
        for row in rows:
            typer.echo(row.payload)
    else:
        console.print(render.facts_table(rows))


@app.command("parse")
def parse_cmd(
    text: Annotated[
        list[str] | None, typer.Argument(help="Text to read (standard input when omitted).")
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the text: ko or en.")] = "ko",
    date: Annotated[
        str | None,
        typer.Option(help="The article's date (YYYY-MM-DD): resolves 올해 and sets the FX date."),
    ] = None,
) -> None:
    """Print every quantity and date in TEXT as one JSON object per line."""
    day = _parse_day(date, "--date")
    body = " ".join(text) if text else sys.stdin.read()
    with cli_errors(_state.debug):
        measured, dates = measure(body, lang, day)
    rows = [render.measured_json(m) for m in measured] + [render.date_json(d) for d in dates]
    for row in sorted(rows, key=lambda r: (r["start"], r["end"])):
        typer.echo(render.to_json(row))


@app.command("eval")
def eval_cmd(
    gold: Annotated[str, typer.Argument(help="Gold labels, JSON Lines (../shared/gold format).")],
    pred: Annotated[
        str, typer.Argument(help="Predicted facts as `ailedger extract` prints them, or - .")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List misses and false positives too.")
    ] = False,
    split: Annotated[Split | None, typer.Option(help="Only gold documents of this split.")] = None,
) -> None:
    """Score predicted facts against gold labels: precision, recall and F1 per metric."""
    with cli_errors(_state.debug):
        report = evaluate_files(gold, pred, split=split, stdin=sys.stdin)
    if as_json:
        typer.echo(render.to_json(render.eval_json(report)))
        return
    console.print(render.eval_caption(report), markup=False)
    console.print(render.eval_table(report))
    if errors:
        console.print(render.eval_errors_table("misses", report.misses))
        console.print(render.eval_errors_table("false positives", report.false_positives))


@contextmanager
def _quiet_broken_pipe() -> Iterator[None]:
    """A reader that stops early (`| head`) ends the output, not with a traceback."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


class FactFormat(StrEnum):
    json = "json"
    csv = "csv"


@app.command("extract")
def extract_cmd(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs, feeds, or - for stdin.")
    ],
    lang: Annotated[str | None, typer.Option(help="Read every input as ko or en.")] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Add the rule, its reason and the confidence.")
    ] = False,
    fmt: Annotated[FactFormat, typer.Option("--format", help="json (lines) or csv.")] = (
        FactFormat.json
    ),
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", help="File pattern inside folders (repeatable)."),
    ] = None,
) -> None:
    """Print the facts of each input, one JSON object per line (fact.schema.json), named by
    the file's stem; a bad input gets one error line and the others go on."""
    if lang is not None and lang not in ("ko", "en"):
        raise fail(f"--lang: expected ko or en, got {lang!r}")
    options = SourceOptions(globs=tuple(glob) if glob else DEFAULT_GLOBS)
    writer = render.FactWriter(sys.stdout, fmt.value, explain)
    failed = 0
    with cli_errors(_state.debug), _quiet_broken_pipe():
        for item in extract_sources(paths, options, lang):
            if isinstance(item, IngestIssue):
                failed += 1
                err_console.print(render.issues_lines([item])[0], markup=False)
                continue
            writer.write(item[1])
    if failed and writer.count == 0:
        raise typer.Exit(1)


ledger_commands.register(app, _store, console)


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="AILEDGER_TOKEN",
            help="Bearer token that enables POST /api/ingest (read-only without it).",
        ),
    ] = None,
) -> None:
    """Serve the web dashboard and its JSON API (read-only unless --token is given)."""
    from ..web import serve  # the web stack loads only for this command

    with cli_errors(_state.debug):
        serve(_state.db, host=host, port=port, token=token)


def main() -> None:
    """Console-script entry point."""
    app()
