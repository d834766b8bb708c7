"""Analyse: sentence spans -> Kiwi tokens with offsets into the cleaned text.

The Kiwi model (from the kiwipiepy-model package; nothing is downloaded) takes about a second
and half a gigabyte to load, so it is loaded once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from kiwipiepy import Kiwi

from ..model import Span, Token


@cache
def kiwi() -> Kiwi:
    """The process's one Kiwi instance."""
    return Kiwi()


def tokenize(text: str, spans: Sequence[Span]) -> list[tuple[Token, ...]]:
    """Tokenize each span of `text` in one batch call; offsets are into `text`."""
    if not spans:
        return []
    pieces = [text[s.start : s.end] for s in spans]
    out = []
    for span, tokens in zip(spans, kiwi().tokenize(pieces), strict=True):
        out.append(
            tuple(
                Token(t.form, t.tag, span.start + t.start, span.start + t.start + t.len)
                for t in tokens
            )
        )
    return out
