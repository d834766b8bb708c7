"""CLI ledger commands: ledger, conflicts, top, timeline, ask and export on a few corpus files."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.cli.conftest import Run, ingest_json
from tests.conftest import CORPUS

FILES = [
    "ko/ms-fy25-capex.txt",
    "en/ms-80bn.md",
    "html/meta-capex.html",
    "ko/meta-capex-raise.txt",
    "ko/elion-vietnam-a.txt",
    "ko/elion-vietnam-b.txt",
    "ko/nurion-gpu-cloud-a.txt",
    "ko/nurion-gpu-cloud-b.txt",
    "ko/msit-ai-computing-center.txt",
]


@pytest.fixture
def filled(run: Run) -> Run:
    report = ingest_json(run, *(str(CORPUS / f) for f in FILES))
    assert report["facts"] > 0
    return run


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_ledger_counts(filled: Run) -> None:
    summary = json.loads(filled("ledger", "--json").stdout)
    assert summary["entries"] > 10 and summary["revisions"] >= 1
    assert summary["conflicts_by_kind"]["currency_mixup"] == 1
    assert "entries" in filled("ledger", "--rebuild").stdout


def test_conflicts_list_both_sides_and_why(filled: Run) -> None:
    out = filled("conflicts").stdout
    assert "conflicts" in out.splitlines()[0] and "elion" in out
    kinds = {c["kind"] for c in _lines(filled("conflicts", "--json").stdout)}
    assert kinds == {"currency_mixup", "time_basis", "scope"}
    found = _lines(filled("conflicts", "--json", "--kind", "time_basis").stdout)
    assert [c["kind"] for c in found] == ["time_basis"]
    assert found[0]["a"]["doc"]["name"] == "nurion-gpu-cloud-a"
    assert filled("conflicts", "--kind", "nonsense").exit_code == 2


def test_top_by_actor_and_by_country(filled: Run) -> None:
    rows = _lines(filled("top", "--json", "--year", "2025").stdout)
    ranks = {r["key"]: r for r in rows}
    assert ranks["microsoft"]["low"] == 80_000_000_000 and ranks["microsoft"]["currency"] == "USD"
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    krw = _lines(filled("top", "--json", "--by", "country", "--currency", "KRW").stdout)
    korea = next(r for r in krw if r["key"] == "south-korea")
    assert korea["low"] == 2_500_000_000_000 and korea["currency"] == "KRW"
    assert "Microsoft" in filled("top").stdout
    assert filled("top", "--kind", "bogus").exit_code == 2


def test_timeline_in_date_order_with_revisions(filled: Run) -> None:
    entries = _lines(filled("timeline", "메타", "--json").stdout)
    dates = [e["published"] for e in entries]
    assert dates == sorted(dates) and len(entries) >= 3
    assert any(e["status"] == "superseded" for e in entries)
    assert "Meta" in filled("timeline", "meta").stdout
    assert filled("timeline", "누리온클라우드", "--json").stdout.strip()
    assert filled("timeline", "아무도아닌회사").exit_code == 1


def test_ask_answers_from_the_ledger_with_sources(filled: Run) -> None:
    result = filled("ask", "메타 AI 투자")
    assert result.exit_code == 0
    assert "메타 → actor meta" in result.stdout and "first" in result.stdout
    entries = _lines(filled("ask", "메타의 투자는", "--json").stdout)
    assert entries and all(e["kind"] == "investment" for e in entries)
    assert all("meta" in (e["actor"], *e["group"]) for e in entries)
    years = _lines(filled("ask", "마이크로소프트", "2025년", "투자", "--json").stdout)
    assert years and all(e["year"] == 2025 for e in years)


def test_ask_never_guesses_an_unknown_word(filled: Run) -> None:
    result = filled("ask", "메타 블록체인 투자")
    assert result.exit_code == 2 and "블록체인" in result.stderr


def test_export_to_stdout_and_files(filled: Run, tmp_path: Path) -> None:
    first = filled("export", "--format", "jsonl", "--table", "entries").stdout
    assert first == filled("export", "--format", "jsonl", "--table", "entries").stdout
    assert len(first.splitlines()) == json.loads(filled("ledger", "--json").stdout)["entries"]
    out = filled("export", "--format", "parquet", "--out", str(tmp_path / "a"))
    assert out.exit_code == 0 and "entries.parquet" in out.stdout
    filled("export", "--format", "parquet", "--out", str(tmp_path / "b"))
    for name in ("documents", "facts", "entries", "conflicts"):
        a, b = (tmp_path / d / f"{name}.parquet" for d in ("a", "b"))
        assert a.read_bytes() == b.read_bytes()
    assert pq.read_table(tmp_path / "a" / "documents.parquet").num_rows == len(FILES)
    assert filled("export", "--format", "parquet").exit_code == 2
    bad = filled("export", "--format", "csv", "--table", "nope", "-o", str(tmp_path))
    assert bad.exit_code == 2


def test_brief_writes_markdown_or_html_and_reports_its_check(filled: Run, tmp_path: Path) -> None:
    result = filled("brief", "-o", str(tmp_path / "brief.md"))
    assert result.exit_code == 0 and "dropped 0 sentences" in result.stderr
    text = (tmp_path / "brief.md").read_text("utf-8")
    assert text.startswith("# AI 인프라 브리핑") and "## 출처" in text and "[1]" in text
    assert filled("brief", "-o", str(tmp_path / "brief.html")).exit_code == 0
    assert "<h1>AI 인프라 브리핑</h1>" in (tmp_path / "brief.html").read_text("utf-8")
    meta = filled("brief", "--topic", "메타").stdout
    assert "메타" in meta and "마이크로소프트" not in meta.split("## 한국")[0]
    english = filled("brief", "--lang", "en")
    assert (
        english.stdout.startswith("# AI infrastructure briefing") and "dropped 0" in english.stderr
    )
    assert filled("brief", "--topic", "블록체인").exit_code == 2
    assert filled("brief", "--since", "yesterday").exit_code == 2


def test_top_help_states_the_rule_and_rows_by_kind(filled: Run) -> None:
    help_text = " ".join(filled("top", "--help").stdout.split())
    assert "share none with a figure already added" in help_text
    kinds = _lines(filled("top", "--json", "--by", "kind", "--kind", "all").stdout)
    assert "investment" in {r["key"] for r in kinds}
    for row in _lines(filled("top", "--json", "--year", "2025").stdout):
        assert row["entries"] and not set(row["entries"]) & set(row["covered"])


def test_totals_per_year_and_period_in_usd_and_krw(filled: Run) -> None:
    years = _lines(filled("totals", "--json").stdout)
    y2025 = next(r for r in years if r["year"] == 2025)
    top = _lines(filled("top", "--json", "--year", "2025").stdout)
    assert y2025["USD"]["low"] == sum(r["low"] for r in top)
    assert y2025["KRW"]["entries"] and y2025["KRW"]["low"] > y2025["USD"]["low"]
    periods = _lines(filled("totals", "--json", "--periods").stdout)
    assert periods and all(r["period"] for r in periods)
    assert "totals per year" in filled("totals").stdout


def test_alliances_as_table_json_and_dot(run: Run) -> None:
    ingest_json(run, str(CORPUS / "ko/samsung-sk-openai-loi.txt"))
    graph = json.loads(run("alliances", "--format", "json").stdout)
    assert graph["edges"] and all(e["entries"] and e["sources"] for e in graph["edges"])
    ids = {n["id"] for n in graph["nodes"]}
    assert {e["a"] for e in graph["edges"]} | {e["b"] for e in graph["edges"]} == ids
    dot = run("alliances", "--format", "dot", "--actor", "삼성전자").stdout
    assert dot.startswith("graph alliances {") and '"samsung-electronics" --' in dot
    assert run("alliances", "--actor", "아무도아닌회사").exit_code == 1


def test_ratios_cite_the_entries_they_divide(filled: Run) -> None:
    found = _lines(filled("ratios", "--json").stdout)
    entries = {e["id"] for e in _lines(filled("export", "--format", "jsonl", "--table",
                                               "entries").stdout)}  # fmt: skip
    assert {"spend_per_gpu", "revision"} <= {r["name"] for r in found}
    for r in found:
        assert r["top"]["entries"] and r["base"]["entries"]
        assert set(r["top"]["entries"]) | set(r["base"]["entries"]) <= entries
    assert "derived ratios" in filled("ratios").stdout
