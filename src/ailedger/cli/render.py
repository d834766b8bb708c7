"""CLI: library values -> Rich tables and JSON lines (presentation only, no computation)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any, TextIO

from rich import box
from rich.table import Table

from ..evaluate import EvalReport, Unmatched
from ..facts.explain import why
from ..facts.model import Fact
from ..facts.serialize import CSV_FIELDS, csv_row, fact_json
from ..measure import Measured
from ..model import DateMention, IngestIssue, RemovedBlock
from ..pipeline import IngestReport
from ..store import DocumentRow, FactRow, IssueRow, RunRow, StoreStats

MAX_ISSUES_SHOWN = 20


def to_json(value: Any) -> str:
    """One JSON line; dates as ISO strings."""

    def default(obj: object) -> object:
        if isinstance(obj, dt.date | dt.datetime):
            return obj.isoformat()
        if isinstance(obj, Decimal):
            return int(obj) if obj == obj.to_integral_value() else float(obj)
        raise TypeError(type(obj).__name__)

    return json.dumps(value, ensure_ascii=False, default=default)


def _mb(n: int) -> str:
    return f"{n / 2**20:.2f}"


def summary_table(report: IngestReport, seconds: float) -> Table:
    c = report.counts
    table = Table(title=f"ingest run {report.run_id[:8]}", title_justify="left")
    for col in ("read", "stored", "duplicates", "skipped", "errors", "facts", "MB", "docs/s"):
        table.add_column(col, justify="right")
    rate = c.read / seconds if seconds > 0 else 0.0
    table.add_row(
        *(str(v) for v in (c.read, c.stored, c.duplicates, c.skipped, c.errors, report.facts)),
        _mb(c.bytes),
        f"{rate:.1f}",
    )
    return table


def issues_lines(issues: Sequence[IngestIssue]) -> list[str]:
    lines = [f"{i.message} ({i.kind})" for i in issues[:MAX_ISSUES_SHOWN]]
    if len(issues) > MAX_ISSUES_SHOWN:
        lines.append(f"... and {len(issues) - MAX_ISSUES_SHOWN} more (ailedger runs --json)")
    return lines


def short_source(source: str, url: str | None = None) -> str:
    """A compact source: host and last path part for URLs, the last two parts for paths."""
    where = url or source
    if "://" in where:
        host, _, path = where.split("://", 1)[1].partition("/")
        return f"{host}/…/{path.rsplit('/', 1)[-1]}" if "/" in path else f"{host}/{path}"
    return "/".join(where.split("/")[-2:])


def documents_table(rows: Sequence[DocumentRow]) -> Table:
    table = Table(title=f"{len(rows)} documents", title_justify="left")
    table.add_column("id", no_wrap=True, min_width=10)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=36)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("lang", min_width=4)
    table.add_column("source", overflow="ellipsis", no_wrap=True, max_width=28)
    table.add_column("group", justify="right", no_wrap=True, min_width=5)
    for r in rows:
        group = str(r.group_size) + ("" if r.is_canonical else " dup")
        table.add_row(
            r.id[:10],
            r.title or r.name,
            r.published.isoformat() if r.published else "-",
            r.lang,
            short_source(r.source, r.url),
            group,
        )
    return table


def document_json(row: DocumentRow, with_text: bool = True) -> dict[str, Any]:
    out = asdict(row)
    out.pop("offsets")
    if not with_text:
        out.pop("text")
        out.pop("raw_text")
    return out


def removed_table(blocks: Sequence[RemovedBlock]) -> Table:
    table = Table(title=f"{len(blocks)} removed blocks", title_justify="left")
    for col in ("rule", "raw span", "text"):
        table.add_column(col, overflow="fold")
    for b in blocks:
        preview = " ⏎ ".join(line.strip() for line in b.text.splitlines() if line.strip())
        table.add_row(b.rule, f"{b.start}-{b.end}", preview[:160])
    return table


def stats_table(stats: StoreStats) -> Table:
    table = Table(title="ailedger store", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    rows = {
        "documents": stats.documents,
        "dedup groups": stats.groups,
        "sources (incl. exact duplicates)": stats.sources,
        "exact-duplicate sources": stats.duplicate_sources,
        "near duplicates": stats.near_duplicates,
        "runs": stats.runs,
        "input errors": stats.issues,
        "raw MB": _mb(stats.raw_bytes),
        "earliest": stats.earliest or "-",
        "latest": stats.latest or "-",
        "by language": ", ".join(f"{k} {v}" for k, v in sorted(stats.by_lang.items())),
        "by format": ", ".join(f"{k} {v}" for k, v in sorted(stats.by_fmt.items())),
        "facts": stats.facts,
        "facts by type": ", ".join(f"{k} {v}" for k, v in sorted(stats.facts_by_type.items())),
    }
    for key, value in rows.items():
        table.add_row(key, str(value))
    return table


SCALES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"))


def short_amount(value: Decimal | None) -> str:
    """An amount for a table cell: three significant digits and a scale (1.46T, 72B, 260,000);
    the exact digits are in --json."""
    if value is None:
        return "-"
    for scale, suffix in SCALES:
        if abs(value) >= scale:
            scaled = value / scale
            places = 0 if abs(scaled) >= 100 else 1 if abs(scaled) >= 10 else 2
            text = f"{scaled:,.{places}f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + suffix
    return f"{value:,f}"


def _stated(row: FactRow) -> str:
    """The amount in its own currency or unit: a value or a range, ~ when vague."""
    if row.value is None and row.min is None and row.max is None:
        return "-"
    amount = (
        short_amount(row.value)
        if row.value is not None
        else f"{short_amount(row.min)}–{short_amount(row.max)}"
    )
    unit = row.currency or row.unit
    return ("~" if row.approx else "") + amount + (f" {unit}" if unit else "")


def _who(row: FactRow) -> str:
    """The actor; for a partnership its parties, for a ranking its subject (from the payload)."""
    if row.actor_name:
        return row.actor_name
    obj = json.loads(row.payload)
    named = [*(obj.get("parties") or ()), obj.get("subject"), *(obj.get("actor_group") or ())]
    return " + ".join(e["name"] for e in named if e) or "-"


def facts_table(rows: Sequence[FactRow]) -> Table:
    """`ailedger facts`: one row per stored fact."""
    table = Table(
        title=f"{len(rows)} facts",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    columns = {"type": None, "actor": 15, "amount": None, "USD": None, "KRW": None}
    columns |= {"kind": None, "year": None, "span": 20, "doc": 14}
    for name, widest in columns.items():
        right = name in ("amount", "USD", "KRW")
        table.add_column(
            name,
            justify="right" if right else "left",
            no_wrap=True,
            overflow="ellipsis",
            max_width=widest,
        )
    for r in rows:
        table.add_row(
            r.type,
            _who(r),
            _stated(r),
            short_amount(r.usd),
            short_amount(r.krw),
            r.kind or "-",
            str(r.year) if r.year is not None else "-",
            " ".join(r.span.split()),
            r.document_name,
        )
    return table


def runs_table(runs: Sequence[RunRow]) -> Table:
    table = Table(title=f"{len(runs)} runs", title_justify="left")
    for col in ("run", "started", "status", "read", "stored", "dup", "errors", "sources"):
        table.add_column(col, overflow="fold")
    for r in runs:
        c = r.counts
        table.add_row(
            r.id[:8],
            r.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            r.status,
            *(str(v) for v in (c.read, c.stored, c.duplicates, c.errors)),
            " ".join(r.sources)[:60],
        )
    return table


def errors_table(rows: Sequence[IssueRow]) -> Table:
    """Recorded failures: run, when, kind, stage, input and the one-line message."""
    table = Table(title=f"{len(rows)} errors", title_justify="left")
    for col in ("run", "started", "kind", "stage", "source", "message"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r.run_id[:8],
            r.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            r.kind,
            r.stage or "-",
            short_source(r.source),
            r.message.removeprefix(f"{r.source}: ")[:120],
        )
    return table


def measured_json(item: Measured) -> dict[str, Any]:
    """One quantity as `ailedger parse` prints it: only the fields that carry a value."""
    q, c = item.quantity, item.converted
    out: dict[str, Any] = {"text": q.text, "start": q.start, "end": q.end, "dim": q.dim}
    fields = ("value", "min", "max", "currency", "unit", "approx", "bound", "krw_stated")
    out |= {k: getattr(q, k) for k in fields if getattr(q, k) is not None}
    if c is not None:
        values = ("usd", "krw", "usd_min", "usd_max", "krw_min", "krw_max")
        out |= {k: getattr(c, k) for k in values if getattr(c, k) is not None}
        out["fx"] = asdict(c.fx)
        if c.warning:
            out["fx_warning"] = c.warning
    return out


def date_json(mention: DateMention) -> dict[str, Any]:
    """One date mention as `ailedger parse` prints it."""
    out = asdict(mention) | {"dim": "date"}
    out.pop("rule")
    return {k: v for k, v in out.items() if v is not None}


def eval_caption(report: EvalReport) -> str:
    """The line above the `ailedger eval` table: what was scored against what."""
    caption = f"{report.predictions} vs {report.gold}: {report.documents} documents"
    return caption + (f", split {report.split}" if report.split else "")


def eval_table(report: EvalReport) -> Table:
    """`ailedger eval`: one row per metric."""
    table = Table()
    table.add_column("metric")
    for col in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right")
    for s in report.scores:
        table.add_row(
            s.metric,
            *(f"{v:.3f}" for v in (s.precision, s.recall, s.f1)),
            *(str(v) for v in (s.tp, s.fp, s.fn)),
            end_section=s.metric == report.scores[-2].metric,
        )
    return table


def eval_errors_table(title: str, items: Sequence[Unmatched]) -> Table:
    """Misses or false positives of `ailedger eval --errors`."""
    table = Table(title=f"{len(items)} {title}", title_justify="left")
    for col in ("metric", "doc", "line", "fact", "span"):
        table.add_column(col, overflow="fold", justify="right" if col == "line" else "left")
    for u in items:
        table.add_row(u.metric, u.doc, str(u.line), u.fact, u.span)
    return table


def eval_json(report: EvalReport) -> dict[str, Any]:
    """`ailedger eval --json`: scores keyed by metric, then the misses and false positives."""
    out = asdict(report)
    out["scores"] = {
        s.metric: {k: v for k, v in asdict(s).items() if k != "metric"} for s in report.scores
    }
    return out


class FactWriter:
    """Facts -> stdout as JSON lines (fact.schema.json) or CSV with one header."""

    def __init__(self, out: TextIO, fmt: str, explain: bool) -> None:
        self.out = out
        self.fmt = fmt
        self.explain = explain
        self.count = 0
        self._csv: csv.DictWriter[str] | None = None

    def row(self, fact: Fact) -> dict[str, Any]:
        obj = fact_json(fact)
        if self.explain:
            obj["why"] = why(fact.rule)
        else:
            del obj["rule"], obj["confidence"]
        return obj

    def write(self, facts: Sequence[Fact]) -> None:
        for fact in facts:
            obj = self.row(fact)
            if self.fmt == "csv":
                if self._csv is None:
                    quiet = ("rule", "confidence")
                    fields = [f for f in CSV_FIELDS if self.explain or f not in quiet]
                    fields += ["why"] if self.explain else []
                    self._csv = csv.DictWriter(self.out, fields, extrasaction="ignore")
                    self._csv.writeheader()
                self._csv.writerow({**csv_row(obj), "why": obj.get("why")})
            else:
                self.out.write(to_json(obj) + "\n")
            self.count += 1
        self.out.flush()
