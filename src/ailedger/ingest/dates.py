"""Ingest: article text -> publication date, from dated bylines only (no date beats a wrong one).

The date words and patterns are data (data/<lang>/dates.yaml); a date counts only on a short
line that carries a publication cue ("입력", "Published") or on a line that holds nothing but
the date. Dates before 1990 or after today are rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .. import datafiles

EARLIEST = dt.date(1990, 1, 1)
MAX_LINE = 100
DATELINE_CHARS = 40
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?")
_PUNCT = re.compile(r"[\s\W_]+")


@dataclass(frozen=True, slots=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    order: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Locale:
    patterns: tuple[_Pattern, ...]
    published: re.Pattern[str]
    modified: re.Pattern[str]
    filler: re.Pattern[str]
    months: dict[str, int]


def _words(words: list[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![A-Za-z])(?:{alts})(?![A-Za-z])")


@cache
def _locales() -> tuple[_Locale, ...]:
    out = []
    for lang in datafiles.languages():
        data = datafiles.load(f"{lang}/dates.yaml")
        patterns = tuple(
            _Pattern(p["name"], re.compile(p["regex"]), tuple(p["order"])) for p in data["patterns"]
        )
        out.append(
            _Locale(
                patterns,
                _words(data["published_cues"]),
                _words(data["modified_cues"]),
                _words(data["filler"]),
                {str(k).lower(): int(v) for k, v in data.get("months", {}).items()},
            )
        )
    return tuple(out)


def _to_date(m: re.Match[str], pattern: _Pattern, months: dict[str, int]) -> dt.date | None:
    parts = dict(zip(pattern.order, m.groups(), strict=False))
    month = parts["month"]
    month_no = int(month) if month.isdigit() else months.get(month.lower().rstrip("."))
    if month_no is None:
        return None
    try:
        return dt.date(int(parts["year"]), month_no, int(parts["day"]))
    except ValueError:
        return None


def valid_date(value: dt.date, today: dt.date | None = None) -> bool:
    """True when a publication date is plausible: not before 1990 and not in the future."""
    return EARLIEST <= value <= (today or dt.date.today())


def _line_score(line: str, span: tuple[int, int], loc: _Locale) -> int:
    """3 = publication cue, 2 = a dateline (nothing but a date, or a short line opening with
    one, e.g. "November 12, 2024 | Tokyo"), 1 = modification cue, 0 = not a byline."""
    if loc.published.search(line):
        return 3
    if span[0] <= 1 and len(line) <= DATELINE_CHARS:
        return 2
    rest = line[: span[0]] + " " + line[span[1] :]
    rest = loc.filler.sub(" ", _TIME.sub(" ", rest))
    if len(_PUNCT.sub("", rest)) <= 2:
        return 2
    return 1 if loc.modified.search(line) else 0


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
        for loc in _locales():
            for pattern in loc.patterns:
                for m in pattern.regex.finditer(line):
                    found = _to_date(m, pattern, loc.months)
                    if found is None or not valid_date(found, today):
                        continue
                    score = _line_score(line, m.span(), loc)
                    if score and (best is None or (score, -lineno) > (best[0], -best[1])):
                        best = (score, lineno, found, pattern.name)
    return (best[2], f"text:{best[3]}") if best else None
