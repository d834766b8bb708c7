"""Ledger: the cue words of data/<lang>/ledger.yaml -> compiled matchers per language.

Cues are read in the evidence sentence of a claim, in the claim's document language: a plan
that was raised (상향, raised), a figure that is part of another (1단계, of which), a figure
over several years (3년간, over five years) or for one year (연간, a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import datafiles
from ..errors import DataFileError
from .model import Claim

LANGS = ("ko", "en")


@dataclass(frozen=True, slots=True)
class Cues:
    """The compiled cue matchers of one language."""

    window: int
    revision: re.Pattern[str]
    moved: re.Pattern[str]
    part: re.Pattern[str]
    multi_year: re.Pattern[str]
    years: re.Pattern[str]
    annual: re.Pattern[str]
    count_words: dict[str, int]


NEAR = ("revision", "moved", "part")  # cues read next to the figure, not in the whole sentence
WORDS = (*NEAR,)
PATTERNS = ("multi_year", "years", "annual")


def _literal(words: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(body or r"(?!)", re.IGNORECASE)


def _patterns(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{where}: bad pattern: {exc}") from exc


@cache
def cues(lang: str) -> Cues:
    """The cues of `lang` (Korean for a language without its own file).

    Raises:
        DataFileError: a key is missing or a pattern does not compile.
    """
    lang = lang if lang in LANGS else "ko"
    where = f"data/{lang}/ledger.yaml"
    data = datafiles.load(f"{lang}/ledger.yaml")
    for key in (*WORDS, *(f"{p}_patterns" for p in PATTERNS)):
        if not isinstance(data.get(key), list):
            raise DataFileError(f"{where}: '{key}' must be a list")
    counts = data.get("count_words") or {}
    if not isinstance(counts, dict) or not isinstance(data.get("window"), int):
        raise DataFileError(f"{where}: 'count_words' must be a mapping and 'window' a number")
    words = {k: _literal([str(w) for w in data[k]]) for k in WORDS}
    patterns = {k: _patterns([str(p) for p in data[f"{k}_patterns"]], where) for k in PATTERNS}
    return Cues(
        window=int(data["window"]),
        count_words={str(k).casefold(): int(v) for k, v in counts.items()},
        **words,
        **patterns,
    )


def _near(sentence: str, span: str, window: int) -> str:
    """The sentence around the span (the span itself left out), or the sentence."""
    text = sentence or span
    at = text.find(span) if span else -1
    if at < 0:
        return text
    end = at + len(span)
    return text[max(0, at - window) : at] + " … " + text[end : end + window]


def cue(claim: Claim, which: str) -> str | None:
    """The first cue of kind `which` for the claim: next to its figure for revision, moved and
    part; anywhere in its sentence for multi_year, years and annual. None when absent."""
    return _cue(claim.doc.lang, claim.sentence, claim.span, which)


@lru_cache(maxsize=65536)
def _cue(lang: str, sentence: str, span: str, which: str) -> str | None:
    found = cues(lang)
    pattern: re.Pattern[str] = getattr(found, which)
    text = _near(sentence, span, found.window) if which in NEAR else sentence or span
    m = pattern.search(text)
    return m.group() if m else None


def years(claim: Claim) -> int | None:
    """How many years the claim's sentence says its figure covers (3년간, over five years)."""
    found = cues(claim.doc.lang)
    m = found.years.search(claim.sentence or claim.span)
    if m is None:
        return None
    count = next((g for g in m.groups() if g), "")
    if count.isdigit():
        return int(count)
    return found.count_words.get(count.casefold())
