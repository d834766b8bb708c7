"""Web: a text and marked character ranges -> Pieces (runs of plain and marked text).

Templates render each piece as escaped text inside its own element, so no article text is ever
joined into HTML by hand. Ranges are half-open offsets into the text; a range that overlaps an
earlier one, or falls outside the text, is dropped rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Piece, PieceRole

WINDOW = 2500  # characters of context kept on each side of an evidence sentence


@dataclass(frozen=True, slots=True)
class Mark:
    """A range of the text to show with `role` (and a link or a note)."""

    start: int
    end: int
    role: PieceRole
    href: str | None = None
    note: str | None = None


def pieces(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> list[Piece]:
    """The text between `start` and `end` as plain pieces and the marked ranges inside it.

    Args:
        text: the whole text the marks index.
        marks: ranges to mark; overlapping, empty and out-of-range ones are skipped.
        start: first character shown.
        end: one past the last character shown (default: the end of the text).
    """
    stop = len(text) if end is None else min(end, len(text))
    out: list[Piece] = []
    at = start
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if m.start < at or m.end > stop or m.start >= m.end:
            continue
        if m.start > at:
            out.append(Piece(text[at : m.start]))
        out.append(Piece(text[m.start : m.end], m.role, m.href, m.note))
        at = m.end
    if at < stop:
        out.append(Piece(text[at:stop]))
    return out


def sentence_bounds(text: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the evidence sentence holding [start, end) is in the text (the span alone when the
    sentence cannot be found around it)."""
    if sentence:
        at = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
        if 0 <= at <= start and at + len(sentence) >= end:
            return at, at + len(sentence)
    return start, end


def evidence_pieces(
    text: str, sentence: str, start: int, end: int
) -> tuple[list[Piece], bool, bool]:
    """The text around one fact's evidence: the sentence marked, the span inside it marked as
    the evidence, WINDOW characters of context on each side (cut at a line break when one is
    near).

    Returns:
        The pieces, and whether text was left out before and after the window.
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    s0, s1 = sentence_bounds(text, sentence, start, end)
    lo, hi = max(0, s0 - WINDOW), min(len(text), s1 + WINDOW)
    if lo > 0:
        cut = text.find("\n", lo, s0)
        lo = cut + 1 if cut >= 0 else lo
    if hi < len(text):
        cut = text.rfind("\n", s1, hi)
        hi = cut if cut >= 0 else hi
    marks = [Mark(start, end, "evidence")]
    if s0 < start:
        marks.append(Mark(s0, start, "sentence"))
    if end < s1:
        marks.append(Mark(end, s1, "sentence"))
    return pieces(text, marks, lo, hi), lo > 0, hi < len(text)
