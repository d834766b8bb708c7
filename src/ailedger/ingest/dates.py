"""Ingest: article text -> publication date, from dated bylines only (no date beats a wrong one).

Dates are found by the day rules of `ailedger.timex`; the byline cues are data
(data/<lang>/dates.yaml). A date counts only on a short line that carries a publication cue
("입력", "Published") or on a dateline. Dates before 1990 or after today are rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .. import datafiles
from ..timex import find_dates

EARLIEST = dt.date(1990, 1, 1)
MAX_LINE = 100
DATELINE_CHARS = 40
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?")
_PUNCT = re.compile(r"[\s\W_]+")


@dataclass(frozen=True, slots=True)
class _Cues:
    published: re.Pattern[str]
    modified: re.Pattern[str]
    filler: re.Pattern[str]


def _words(words: list[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![A-Za-z])(?:{alts})(?![A-Za-z])")


@cache
def _cues() -> _Cues:
    data = [datafiles.load(f"{lang}/dates.yaml") for lang in datafiles.languages()]

    def words(key: str) -> re.Pattern[str]:
        return _words([str(w) for d in data for w in d[key]])

    return _Cues(words("published_cues"), words("modified_cues"), words("filler"))


def valid_date(value: dt.date, today: dt.date | None = None) -> bool:
    """True when a publication date is plausible: not before 1990 and not in the future."""
    return EARLIEST <= value <= (today or dt.date.today())


def _line_score(line: str, span: tuple[int, int], cues: _Cues) -> int:
    """3 = publication cue, 2 = a dateline (nothing but a date, or a short line opening with
    one, e.g. "November 12, 2024 | Tokyo"), 1 = modification cue, 0 = not a byline."""
    if cues.published.search(line):
        return 3
    if span[0] <= 1 and len(line) <= DATELINE_CHARS:
        return 2
    rest = line[: span[0]] + " " + line[span[1] :]
    rest = cues.filler.sub(" ", _TIME.sub(" ", rest))
    if len(_PUNCT.sub("", rest)) <= 2:
        return 2
    return 1 if cues.modified.search(line) else 0


def find_publication_date(text: str, today: dt.date | None = None) -> tuple[dt.date, str] | None:
    """Return (date, "text:<pattern>") from the best dated byline of `text`, or None.

    The best line is the first with a publication cue, else the first date-only line, else
    the first line with a modification cue.
    """
    best: tuple[int, int, dt.date, str] | None = None
    for lineno, line in enumerate(text.splitlines()):
        line = line.strip()
        if not line or len(line) > MAX_LINE or not any(ch.isdigit() for ch in line):
            continue
        for mention in find_dates(line):
            if mention.kind != "day" or mention.relative or mention.value is None:
                continue
            found = dt.date.fromisoformat(mention.value)
            if not valid_date(found, today):
                continue
            score = _line_score(line, (mention.start, mention.end), _cues())
            if score and (best is None or (score, -lineno) > (best[0], -best[1])):
                best = (score, lineno, found, mention.rule)
    return (best[2], f"text:{best[3]}") if best else None
