"""Quantities: locale data files (numbers/money/units YAML) -> one compiled Lexicon per language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from .model import Bound

Kind = Literal["money", "count", "number", "percent", "ratio", "power", "time"]
ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,20}(?!\d))(?:\.\d{1,8}(?!\d))?"
LETTER = "[가-힣A-Za-z]"
NEVER = "(?!)"


@dataclass(frozen=True, slots=True)
class Hedge:
    """What a hedge word says about an amount."""

    approx: bool
    bound: Bound | None
    band: bool = False  # "5조원대": the amount opens a band up to the next step (5조~6조)


@dataclass(frozen=True, slots=True)
class Unit:
    """A word after a number: its kind (money, count, time ...) and the label it stands for."""

    kind: Kind
    label: str


@dataclass(frozen=True, slots=True)
class Bare:
    """A word that is an amount by itself (기가와트급 = about 1 GW)."""

    dim: Literal["power", "count"]
    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the grammar knows about one language, compiled once."""

    lang: str
    start: re.Pattern[str]
    term: re.Pattern[str]
    next_term: re.Pattern[str]
    trailing: re.Pattern[str] | None
    coef_token: re.Pattern[str]
    vague: re.Pattern[str]
    vague_small: re.Pattern[str]
    vague_big: re.Pattern[str]
    suffix: re.Pattern[str]
    post: re.Pattern[str]
    left: re.Pattern[str]
    after: re.Pattern[str]
    noun_after: re.Pattern[str]
    connector: re.Pattern[str]
    closer: re.Pattern[str]
    fillers: re.Pattern[str]
    digits: Mapping[str, Decimal]
    small: Mapping[str, int]
    big: Mapping[str, int]
    vague_ranges: Mapping[str, tuple[Decimal, Decimal, bool]]
    vague_alone: frozenset[str]
    needs_currency: frozenset[str]
    need_big: frozenset[str]
    scale_only: frozenset[str]  # currencies whose amounts always carry a big unit (VND: 억 동)
    attached_only: frozenset[str]
    units: Mapping[str, Unit]
    prefix_currency: Mapping[str, str]
    hedges: Mapping[str, Hedge]
    nouns: Mapping[str, str]
    bare: Mapping[str, Bare]
    native: re.Pattern[str]
    native_values: Mapping[str, tuple[Decimal, Decimal]]
    vague_units: frozenset[str]
    short_alone: frozenset[str]
    power_scale: Mapping[str, Decimal]
    vague_first: re.Pattern[str]  # a first character of a vague word
    left_last: re.Pattern[str]  # a last character of a word that may stand left of a number
    band_spaced: re.Pattern[str]  # "10조원 대": the band hedge written apart
    restate_lead: re.Pattern[str]  # ", 우리 돈 ": a restatement without parentheses follows
    band_part: re.Pattern[str]  # "초반", "중반", "후반" after a band
    band_parts: Mapping[str, tuple[Decimal, Decimal]]
    coefficients: dict[str, Decimal | None] = field(default_factory=dict, compare=False)


@lru_cache(maxsize=4096)
def key(word: str) -> str:
    """The lookup form of a matched word: case and spaces folded."""
    return "".join(word.split()).casefold()


def alt(
    words: Iterable[str], blockers: Mapping[str, list[str]] | None = None, reverse: bool = False
) -> str:
    """A regex alternation of literal words, longest first, spaces optional, word edges guarded."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        text = word[::-1] if reverse else word
        body = r"\s?".join(re.escape(p) for p in text.split())
        edge = text[-1]
        if re.match(LETTER, edge) and (reverse or edge.isascii()):
            body += f"(?!{LETTER})" if reverse else "(?![A-Za-z])"
        stop = (blockers or {}).get(word)
        if stop:
            body += "(?!" + "|".join(re.escape(s) for s in stop) + ")"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")" if parts else NEVER


def hedge_table(groups: list[dict[str, Any]]) -> dict[str, Hedge]:
    out = {}
    for group in groups:
        hedge = Hedge(True, group.get("bound"), bool(group.get("band", False)))
        out.update({key(w): hedge for w in group["words"]})
    return out


def words_of(groups: list[dict[str, Any]]) -> list[str]:
    return [w for g in groups for w in g["words"]]


def unit_table(money: dict[str, Any], units: dict[str, Any]) -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    kinds: list[tuple[Kind, dict[str, list[str]]]] = [
        ("money", money["suffix"]),
        ("count", units["counters"]),
        ("number", units["ranks"]),
        ("percent", units["percent"]),
        ("ratio", units["ratio"]),
        ("power", units["power"]),
    ]
    for kind, groups in kinds:
        for label, words in groups.items():
            table.update({key(w): Unit(kind, str(label)) for w in words})
    for word in units["time"]:
        table.setdefault(key(word), Unit("time", word))
    return table


def edge_chars(words: Iterable[str], last: bool = False) -> str:
    """A character class of the first (or last) characters of `words`."""
    chars = {w.strip()[-1 if last else 0] for w in words if w.strip()}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]" if chars else NEVER


def inverse(groups: Mapping[str, list[str]]) -> dict[str, str]:
    return {key(w): str(label) for label, words in groups.items() for w in words}


__all__ = [
    "ARABIC",
    "NEVER",
    "Bare",
    "Hedge",
    "Kind",
    "Lexicon",
    "Unit",
    "alt",
    "edge_chars",
    "hedge_table",
    "inverse",
    "key",
    "unit_table",
    "words_of",
]
