"""Analyse: sentence spans -> Kiwi tokens with offsets into the cleaned text.

The Kiwi model (from the kiwipiepy-model package; nothing is downloaded) takes about a second
and half a gigabyte to load, so it is loaded once per process, on first use. The Korean names of
the entity table (data/entities.yaml) are added as proper nouns, so 하이퍼클로바X and SK하이닉스
are one NNP token each; names with a space or a symbol in them are left to Kiwi.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from functools import cache

from kiwipiepy import Kiwi

from .. import datafiles
from ..model import Span, Token

THREADS_ENV = "AILEDGER_KIWI_THREADS"
_USER_WORD = re.compile(r"[가-힣A-Za-z0-9.&+-]*[가-힣][가-힣A-Za-z0-9.&+-]*")


def entity_words() -> Iterator[str]:
    """The names and aliases of the entity table that can be Kiwi user words (Hangul, no space)."""
    for row in datafiles.load("entities.yaml").get("entities", ()):
        for name in (row.get("name"), row.get("ko"), *row.get("aliases", ())):
            if name is not None and _USER_WORD.fullmatch(str(name)):
                yield str(name)


def threads() -> int:
    """Kiwi's threads: $AILEDGER_KIWI_THREADS (a pool worker runs with 1, as it has one core of
    its own), else every core (-1)."""
    value = os.environ.get(THREADS_ENV, "").strip()
    return int(value) if value.lstrip("-").isdigit() and int(value) != 0 else -1


@cache
def kiwi() -> Kiwi:
    """The process's one Kiwi instance, the entity table's Korean names added as NNP."""
    model = Kiwi(num_workers=threads())
    for word in dict.fromkeys(entity_words()):
        model.add_user_word(word, "NNP", 0.0)
    return model


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
