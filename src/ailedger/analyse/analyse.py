"""Analyse: Document -> Analysis. Sentences by rules; the gate picks the sentences that can hold a
quantity or a fact and only those are searched for quantities and dates; of those, Kiwi tokenizes
the ones that hold an amount, a count or power, or a fact cue (what fact extraction reads).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Analysis, DateMention, Document, Sentence, Span
from ..quantities import Quantity, parse_quantities
from ..timex import find_dates
from .gate import needs_tokens, passes
from .kiwi import tokenize
from .sentences import split_sentences


def _shift_quantity(q: Quantity, offset: int) -> Quantity:
    return replace(q, start=q.start + offset, end=q.end + offset)


def _shift_date(d: DateMention, offset: int) -> DateMention:
    return replace(d, start=d.start + offset, end=d.end + offset)


def analyse(doc: Document, *, gate: bool = True, tokens: bool = True) -> Analysis:
    """Split, gate, tokenize and find the mentions of one cleaned document.

    Args:
        doc: the cleaned document.
        gate: skip sentences the gate rejects (False analyses every sentence: the reference
            the gate is tested against).
        tokens: run Kiwi on the analysed sentences that hold an amount, a count or power, or
            a fact cue (every analysed sentence when `gate` is False).

    Returns:
        The sentences (tokens on analysed ones) and the quantities and dates with offsets into
        `doc.text`.
    """
    spans = split_sentences(doc.text)
    chosen = [s for s in spans if not gate or passes(doc.text[s.start : s.end])]
    quantities: list[Quantity] = []
    dates: list[DateMention] = []
    to_tokenize: list[Span] = []
    for span in chosen:
        piece = doc.text[span.start : span.end]
        found = parse_quantities(piece, doc.lang)
        quantities += [_shift_quantity(q, span.start) for q in found]
        dates += [_shift_date(d, span.start) for d in find_dates(piece, doc.published)]
        if not gate or needs_tokens(piece, (q.dim for q in found)):
            to_tokenize.append(span)
    toks = dict(zip(to_tokenize, tokenize(doc.text, to_tokenize), strict=True)) if tokens else {}
    picked = set(chosen)
    sentences = tuple(Sentence(s.start, s.end, s in picked, toks.get(s, ())) for s in spans)
    return Analysis(doc, sentences, tuple(quantities), tuple(dates))
