"""Brief: Korean particles that depend on the word before them -> the right form.

Templates write both forms in one marker — 은(는), 이(가), 을(를), 과(와), (으)로 — and
`resolve` keeps the one that fits the sound the preceding word ends in: a final consonant (받침)
takes 은, 이, 을, 과, 으로 (but ㄹ takes 로). Reference marks, quotes and spaces before a
marker are looked through, and so is a parenthesis (달러(약 146조원)로: the word outside it
takes the particle); digits are read as Korean numbers (…1 일 ends in ㄹ), Latin letters by
their last one.
"""

from __future__ import annotations

import re

MARKERS = re.compile(r"은\(는\)|이\(가\)|을\(를\)|과\(와\)|\(으\)로")
_SKIP = re.compile(r"(?:\[\d+\]|[’'\"\s])+$")
_DIGIT_CODA = {"0": "ㅇ", "1": "ㄹ", "3": "ㅁ", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ"}
_CODA_L = 8  # index of ㄹ among the final consonants


def _bare(text: str) -> str:
    """The text without trailing marks, quotes, spaces and parenthesised asides."""
    while True:
        text = _SKIP.sub("", text)
        if not text.endswith(")") or "(" not in text:
            return text
        text = text[: text.rindex("(")]


def coda(text: str) -> str | None:
    """The final consonant the text ends in ("ㄹ" for ㄹ, "x" for another, None for none)."""
    text = _bare(text)
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        index = (ord(last) - 0xAC00) % 28
        return None if index == 0 else "ㄹ" if index == _CODA_L else "x"
    if last.isdigit():
        found = _DIGIT_CODA.get(last)
        return None if found is None else "ㄹ" if found == "ㄹ" else "x"
    if last.isascii() and last.isalpha():
        return None if last.lower() in "aeiouy" else "ㄹ" if last.lower() in "lr" else "x"
    return None


def _pick(marker: str, before: str) -> str:
    c = coda(before)
    if marker == "(으)로":
        return "으로" if c == "x" else "로"
    first, second = marker[0], marker[2]
    return first if c else second


def resolve(text: str) -> str:
    """The text with every particle marker replaced by the form its preceding word takes."""
    out, last = [], 0
    for m in MARKERS.finditer(text):
        out.append(text[last : m.start()])
        out.append(_pick(m.group(), "".join(out)))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
