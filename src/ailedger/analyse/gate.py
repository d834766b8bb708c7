"""Analyse: sentence text -> whether it can hold a quantity or a fact (the cheap gate in front of
the tokenizer). Words and patterns come from data/<lang>/gate.yaml; one compiled alternation.
"""

from __future__ import annotations

import re
from functools import cache

from .. import datafiles


@cache
def _gate() -> re.Pattern[str]:
    parts: list[str] = []
    for lang in datafiles.languages():
        data = datafiles.load(f"{lang}/gate.yaml")
        parts += [str(p) for p in data["patterns"]]
        words = sorted({str(w) for w in data["words"]}, key=len, reverse=True)
        parts.append("|".join(re.escape(w) for w in words))
    flagged = [p for p in parts if p.startswith("(?i)")]
    plain = [p for p in parts if not p.startswith("(?i)")]
    scoped = [f"(?i:{p[4:]})" for p in flagged]
    return re.compile("|".join(f"(?:{p})" for p in [*plain, *scoped]))


def passes(sentence: str) -> bool:
    """True when the sentence may hold a quantity or a fact and must be analysed."""
    return _gate().search(sentence) is not None
