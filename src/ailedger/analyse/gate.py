"""Analyse: sentence text -> whether it can hold a quantity or a fact (the cheap gate in front of
the grammar), and whether it must be tokenized (it holds an amount, a count or power, or a fact
cue word). Words and patterns come from data/<lang>/gate.yaml, compiled into one alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .. import datafiles

TOKEN_DIMS = frozenset({"money", "count", "power"})


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _cues() -> re.Pattern[str]:
    """The cues that have a sentence tokenized without a quantity (not the amount cues)."""
    words: set[str] = set()
    for lang in datafiles.languages():
        data = datafiles.load(f"{lang}/gate.yaml")
        words |= {str(w) for w in data["cues"]} - {str(w) for w in data.get("amount_cues", ())}
    return re.compile(f"(?i:{_alternation(words)})")


@cache
def _gate() -> re.Pattern[str]:
    parts: list[str] = []
    for lang in datafiles.languages():
        data = datafiles.load(f"{lang}/gate.yaml")
        parts += [str(p) for p in data["patterns"]]
        parts.append(_alternation({str(w) for w in [*data["words"], *data["cues"]]}))
    flagged = [p for p in parts if p.startswith("(?i)")]
    plain = [p for p in parts if not p.startswith("(?i)")]
    scoped = [f"(?i:{p[4:]})" for p in flagged]
    return re.compile("|".join(f"(?:{p})" for p in [*plain, *scoped]))


def passes(sentence: str) -> bool:
    """True when the sentence may hold a quantity or a fact and must be analysed."""
    return _gate().search(sentence) is not None


def needs_tokens(sentence: str, dims: Iterable[str]) -> bool:
    """True when a sentence that passed the gate must be tokenized for fact extraction: it holds
    an amount, a count or power (`dims` of its quantities), or the cue word of a fact that needs
    no amount (a partnership, a launch, a rank)."""
    return any(d in TOKEN_DIMS for d in dims) or _cues().search(sentence) is not None
