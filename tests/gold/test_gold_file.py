"""tests/gold/corpus.gold.jsonl: every line well formed, every span found in its article."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ailedger.ingest.parse import SUFFIX_FORMATS, parse
from ailedger.model import RawInput
from tests.conftest import CORPUS, ROOT

GOLD = ROOT / "tests" / "gold" / "corpus.gold.jsonl"
TYPES = ("money", "compute", "partnership", "launch", "ranking")
KINDS = {"investment", "funding", "revenue", "valuation", "market", "budget", "other"}
UNITS = {"gpu", "GW", "MW", "datacenter"}
SPLITS = {"dev", "held_out"}
ARTICLE_SUFFIXES = {".txt", ".md", ".html"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
# the same story told twice must not straddle the splits
SAME_STORY = (
    ("ulsan-ai-dc-reprint-a", "ulsan-ai-dc-reprint-b"),
    ("ms-fy25-capex", "ms-capex-slip", "ms-80bn"),
    ("meta-capex", "meta-capex-2025", "meta-capex-raise"),
    ("france-ai-summit", "paris-summit"),
    ("japan-ai-yen", "japan-yen"),
    ("daon-dc-plan", "daon-dc-plan-raise"),
    ("busan-ai-dc-a", "busan-ai-dc-b"),
    ("sk-hynix-indiana", "sk-hynix-indiana-ko", "hbm-packaging-roundup"),
    ("elion-vietnam-a", "elion-vietnam-b"),
    ("nurion-gpu-cloud-a", "nurion-gpu-cloud-b"),
)


def load() -> list[dict[str, Any]]:
    rows = []
    for lineno, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"line {lineno} is empty"
        row = json.loads(line)
        assert isinstance(row, dict), f"line {lineno} is not a JSON object"
        row["_line"] = lineno
        rows.append(row)
    return rows


ROWS = load()


@cache
def article_text(file: str) -> str:
    """The text ailedger reads from the file before cleaning: decoded (UTF-8, CP949, EUC-KR),
    newlines normalised, Markdown front matter removed, HTML reduced to trafilatura's main text."""
    path = CORPUS / file
    raw = RawInput(
        source=str(path),
        data=path.read_bytes(),
        name=path.stem,
        fmt=SUFFIX_FORMATS[path.suffix.lower()],
    )
    return parse(raw).text


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_amount(row: dict[str, Any], where: str) -> None:
    if "value" in row:
        assert is_number(row["value"]) and row["value"] > 0, where
        assert "min" not in row and "max" not in row, where
    else:
        assert is_number(row.get("min")) and is_number(row.get("max")), where
        assert 0 < row["min"] < row["max"], where


def check_actor(row: dict[str, Any], where: str) -> None:
    assert "actor" in row, where
    actor = row["actor"]
    assert actor is None or (isinstance(actor, str) and actor), where
    if "actor_group" in row:
        group = row["actor_group"]
        assert actor is None, f"{where}: actor_group with an actor"
        assert isinstance(group, list) and len(group) >= 2, where
        assert group == sorted(set(group)) and all(isinstance(a, str) for a in group), where
    if "parent" in row:
        assert isinstance(row["parent"], str) and actor, where


def check_year(row: dict[str, Any], where: str) -> None:
    assert "year" in row, where
    year = row["year"]
    assert year is None or (isinstance(year, int) and 2000 <= year <= 2040), where


def check_row(row: dict[str, Any]) -> None:
    where = f"line {row['_line']} ({row.get('file')})"
    file = row.get("file")
    assert isinstance(file, str) and (CORPUS / file).is_file(), f"{where}: no such article"
    assert row.get("doc") == Path(file).stem, f"{where}: doc must be the file's stem"
    assert row.get("type") in TYPES, where
    assert row.get("split") in SPLITS, where
    assert isinstance(row.get("span"), str) and row["span"].strip(), where
    kind = row["type"]
    if kind == "money":
        check_actor(row, where)
        check_amount(row, where)
        assert isinstance(row.get("currency"), str) and CURRENCY.match(row["currency"]), where
        assert "krw_stated" in row, where
        assert row["krw_stated"] is None or is_number(row["krw_stated"]), where
        assert isinstance(row.get("approx"), bool), where
        assert row.get("kind") in KINDS, where
        check_year(row, where)
    elif kind == "compute":
        check_actor(row, where)
        check_amount(row, where)
        assert row.get("unit") in UNITS, where
        assert isinstance(row.get("approx"), bool), where
        check_year(row, where)
    elif kind == "partnership":
        parties = row.get("parties")
        assert isinstance(parties, list) and len(parties) >= 2, where
        assert parties == sorted(set(parties)), f"{where}: parties not sorted and distinct"
        assert isinstance(row.get("domain"), str) and row["domain"], where
    elif kind == "launch":
        check_actor(row, where)
        assert row["actor"] or row.get("actor_group"), where
        assert isinstance(row.get("product"), str) and row["product"], where
        assert isinstance(row.get("date"), str) and DATE.match(row["date"]), where
    else:
        assert isinstance(row.get("subject"), str) and row["subject"], where
        assert isinstance(row.get("index"), str) and row["index"], where
        assert isinstance(row.get("rank"), int) and row["rank"] >= 1, where
        check_year(row, where)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['_line']}:{r['file']}")
def test_row_is_well_formed(row: dict[str, Any]) -> None:
    check_row(row)


@pytest.mark.parametrize("file", sorted({r["file"] for r in ROWS}))
def test_spans_are_exact_substrings_of_the_article(file: str) -> None:
    text = article_text(file)
    missing = [r["span"] for r in ROWS if r["file"] == file and r["span"] not in text]
    assert not missing, f"{file}: spans not in the article text: {missing}"


def test_only_single_articles_are_labelled() -> None:
    for file in {r["file"] for r in ROWS}:
        assert not file.startswith("mirror/"), f"{file}: label the original, not the mirror"
        assert Path(file).suffix in ARTICLE_SUFFIXES, f"{file}: feeds and wire files are skipped"


def test_each_document_sits_in_one_split() -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    for r in ROWS:
        splits[r["doc"]].add(r["split"])  # html/ and en/korea-gpu-260k share a doc: one split
    straddling = {d: s for d, s in splits.items() if len(s) > 1}
    assert not straddling, straddling
    for story in SAME_STORY:
        labelled = [d for d in story if d in splits]
        assert len({next(iter(splits[d])) for d in labelled}) <= 1, story


def test_no_fact_is_listed_twice() -> None:
    keys = Counter(
        json.dumps({k: v for k, v in r.items() if k != "_line"}, sort_keys=True) for r in ROWS
    )
    assert not [k for k, n in keys.items() if n > 1]
    pairs = Counter((r["file"], tuple(r["parties"])) for r in ROWS if r["type"] == "partnership")
    assert not [k for k, n in pairs.items() if n > 1], "one partnership per set of parties"


def test_size_and_balance() -> None:
    assert len(ROWS) >= 250
    by_split = Counter(r["split"] for r in ROWS)
    assert by_split["dev"] >= 100 and by_split["held_out"] >= 100, by_split
    types = Counter((r["split"], r["type"]) for r in ROWS)
    for split in SPLITS:
        for kind in TYPES:
            assert types[(split, kind)] > 0, f"no {kind} facts in {split}"
