"""Facts: an unknown Korean organisation name -> its English form by the Revised Romanization,
with name endings said in English ("서진건설" -> "Seojin Construction"). Tables:
data/romanize.yaml (about Hangul, so it has no per-language twin). Latin parts pass through;
the result is title-cased word by word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import datafiles

_FIRST, _LAST = 0xAC00, 0xD7A3  # the precomposed Hangul syllables
_RUNS = re.compile(r"[가-힣]+|[^가-힣]+")
_VOWEL_INITIAL = 11  # the silent initial (ㅇ): a final before it is sounded as an initial
_LATERAL = frozenset({(8, 5), (8, 2), (4, 5)})  # final + next initial: ㄹㄹ, ㄹㄴ, ㄴㄹ -> ll


@dataclass(frozen=True, slots=True)
class _Tables:
    initials: tuple[str, ...]
    medials: tuple[str, ...]
    finals: tuple[str, ...]
    linked: tuple[str, ...]
    suffixes: tuple[tuple[str, str], ...]  # longest first


@cache
def _tables() -> _Tables:
    data = datafiles.load("romanize.yaml")
    suffixes = sorted(
        ((str(k), str(v)) for k, v in data["suffixes"].items()), key=lambda kv: -len(kv[0])
    )
    return _Tables(
        tuple(map(str, data["initials"])),
        tuple(map(str, data["medials"])),
        tuple(map(str, data["finals"])),
        tuple(map(str, data["linked"])),
        tuple(suffixes),
    )


def _syllables(word: str) -> list[tuple[int, int, int] | str]:
    out: list[tuple[int, int, int] | str] = []
    for ch in word:
        code = ord(ch)
        if _FIRST <= code <= _LAST:
            code -= _FIRST
            out.append((code // 588, (code % 588) // 28, code % 28))
        else:
            out.append(ch)
    return out


def romanize(word: str) -> str:
    """The Revised Romanization of `word` (lower case); other characters pass through."""
    t = _tables()
    parts = _syllables(word)
    out: list[str] = []
    for i, part in enumerate(parts):
        if isinstance(part, str):
            out.append(part)
            continue
        initial, medial, final = part
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        prev = parts[i - 1] if i > 0 else None
        if isinstance(prev, tuple) and prev[2] and initial == _VOWEL_INITIAL:
            head = ""  # the previous final is sounded here and was written as linked
        else:
            head = t.initials[initial]
        if final and isinstance(nxt, tuple) and nxt[0] == _VOWEL_INITIAL:
            tail = t.linked[final]
        elif isinstance(nxt, tuple) and (final, nxt[0]) in _LATERAL:
            tail = "l"
        else:
            tail = t.finals[final]
        if isinstance(prev, tuple) and (prev[2], initial) in _LATERAL:
            head = "l"  # ㄹ and ㄴ meeting are both sounded l: 별내 byeollae, 신라 silla
        out.append(head + t.medials[medial] + tail)
    return "".join(out)


def english_name(name: str) -> str:
    """An unknown organisation's name in English: each word's stem romanized and capitalized,
    its known ending translated ("한울자산운용" -> "Hanul Asset Management")."""
    words: list[str] = []
    for word in name.split():
        endings: list[str] = []
        stem = word
        while stem:
            hit = next(
                ((k, v) for k, v in _tables().suffixes if stem.endswith(k) and stem != k), None
            )
            if hit is None:
                break
            endings.insert(0, hit[1])
            stem = stem[: -len(hit[0])]
        if stem in dict(_tables().suffixes):  # the word is an ending alone: "컨소시엄"
            endings.insert(0, dict(_tables().suffixes)[stem])
            stem = ""
        for run in _RUNS.findall(stem):  # "SK가스": the Latin part stays as written
            latin = run if run.isascii() else romanize(run)
            words.append(latin if latin.isupper() else latin[:1].upper() + latin[1:])
        words += endings
    return " ".join(words)
