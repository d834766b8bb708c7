"""Analyse: cleaned text -> sentence spans, by rules over lines (cheap; no tokenizer needed).

A line always ends a sentence (news paragraphs are lines); inside a line a sentence ends at a
terminator followed by a space, unless inside quotes or after an abbreviation. Leading bullets
and list markers are left out of the sentence span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import datafiles
from ..model import Span


@dataclass(frozen=True, slots=True)
class _Rules:
    end: re.Pattern[str]
    bullet: re.Pattern[str]
    opens: frozenset[str]
    closes: frozenset[str]
    straight: frozenset[str]
    abbreviations: frozenset[str]


@cache
def _rules() -> _Rules:
    terms, closers, bullets = set(), set(), set()
    opens, closes, abbrevs = set(), set(), set()
    for lang in datafiles.languages():
        data = datafiles.load(f"{lang}/sentences.yaml")
        terms |= set(data["terminators"])
        closers |= set(data["closers"])
        bullets |= set(data["bullets"])
        abbrevs |= {str(a).lower() for a in data["abbreviations"]}
        for left, right in data["quote_pairs"]:
            opens.add(left)
            closes.add(right)
    term = "".join(re.escape(t) for t in sorted(terms))
    close = "".join(re.escape(c) for c in sorted(closers))
    bullet = "|".join(re.escape(b) for b in sorted(bullets, key=len, reverse=True))
    return _Rules(
        end=re.compile(rf"[{term}]+[{close}]*(?=\s)"),
        bullet=re.compile(
            rf"\s*(?:(?:{bullet})\s+|\(?\d{{1,2}}[.)]\s+|[가나다라마바사아자차카타파하][.)]\s+)"
        ),
        opens=frozenset(opens),
        closes=frozenset(closes),
        straight=frozenset({'"'}),
        abbreviations=frozenset(abbrevs),
    )


def _quote_depth(text: str, start: int, end: int, rules: _Rules) -> int:
    """Open quotes in text[start:end] (str.count: a sentence is scanned per terminator)."""
    opened = sum(text.count(ch, start, end) for ch in rules.opens)
    closed = sum(text.count(ch, start, end) for ch in rules.closes)
    return opened - closed + sum(text.count(ch, start, end) for ch in rules.straight) % 2


def _is_abbreviation(before: str, rules: _Rules) -> bool:
    word = re.split(r"\s", before)[-1].lower().rstrip(".")
    if word in rules.abbreviations:
        return True
    return len(word) == 1 and word.isalpha() and word.isascii()  # an initial: "J. Smith"


def _line_sentences(text: str, start: int, end: int, rules: _Rules) -> list[Span]:
    marker = rules.bullet.match(text, start, end)
    pos = marker.end() if marker else start
    spans, begin = [], pos
    for m in rules.end.finditer(text, pos, end):
        if text[m.start()] == "." and _is_abbreviation(text[begin : m.start()], rules):
            continue
        if _quote_depth(text, begin, m.end(), rules) > 0:
            continue
        spans.append(Span(begin, m.end()))
        begin = m.end()
    spans.append(Span(begin, end))
    return [_strip(text, s) for s in spans if text[s.start : s.end].strip()]


def _strip(text: str, span: Span) -> Span:
    piece = text[span.start : span.end]
    lead = len(piece) - len(piece.lstrip())
    return Span(span.start + lead, span.start + len(piece.rstrip()))


def split_sentences(text: str) -> list[Span]:
    """Return the sentence spans of `text`, in order, each stripped of surrounding space."""
    rules, spans, pos = _rules(), [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        if text[pos:end].strip():
            spans += _line_sentences(text, pos, end, rules)
        pos += len(line)
    return spans
