"""Quantities: text at a position -> Numeral (a chain like 145조 6,300억, or a vague 수십억)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .lexicon import Lexicon, key

HANGUL_OR_LATIN = re.compile("[가-힣A-Za-z]")


@dataclass(slots=True)
class Numeral:
    """A number read from the text, before any unit: an exact value or a vague range.

    Never changed once built; not frozen: one is built per candidate, and a frozen dataclass
    takes five times as long to build.
    """

    start: int
    end: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    scale: int | None = None  # the last big unit (억 in 200억), lent to a bare range start
    approx: bool = False
    needs_currency: bool = False
    words_only: bool = False  # written without any digit (삼백만, 수십억)
    head: Numeral | None = None  # the same chain without its space-separated trailing number

    @property
    def lowest(self) -> Decimal:
        return self.value if self.value is not None else self.low or Decimal(0)

    @property
    def highest(self) -> Decimal:
        return self.value if self.value is not None else self.high or Decimal(0)

    def scaled(self, factor: int) -> Numeral:
        """The same numeral times `factor` (100~200억: the 100 is 100억)."""
        f = Decimal(factor)
        if self.value is not None:
            return replace(self, value=self.value * f, scale=factor)
        low, high = self.low, self.high
        return replace(
            self, low=None if low is None else low * f, high=None if high is None else high * f
        )


def coefficient(text: str, lex: Lexicon) -> Decimal | None:
    """The value of a coefficient: 2천500 -> 2500, 이천오백 -> 2500, 1,000 -> 1000, 1.5 -> 1.5."""
    memo = lex.coefficients
    if text not in memo:
        if len(memo) > 4096:
            memo.clear()
        memo[text] = _coefficient(text, lex)
    return memo[text]


def _coefficient(text: str, lex: Lexicon) -> Decimal | None:
    total, pending, last_small = Decimal(0), None, None
    for token in lex.coef_token.finditer(text):
        word = token.group()
        if word[0].isdigit():
            if pending is not None:
                return None
            try:
                pending = Decimal(word.replace(",", ""))
            except InvalidOperation:
                return None
            continue
        k = key(word)
        if k in lex.small:
            mult = lex.small[k]
            if last_small is not None and mult >= last_small:
                return None
            total += (Decimal(1) if pending is None else pending) * mult
            pending, last_small = None, mult
        elif pending is None:
            pending = lex.digits[k]
        else:
            return None
    return total + (pending or 0)


def read_numeral(text: str, i: int, lex: Lexicon) -> Numeral | None:
    """The number chain starting exactly at `i`, or None."""
    v = lex.vague.match(text, i) if lex.vague_first.match(text, i) else None
    if v:
        found = _vague(text, i, v.end(), key(v.group("v")), lex)
        if found is not None:
            return found
    n = None if text[i : i + 1].isdigit() else lex.native.match(text, i)
    if n is not None:
        low, high = lex.native_values[key(n.group("w"))]
        if low == high:
            return Numeral(i, n.end(), low, words_only=True)
        return Numeral(i, n.end(), None, low, high, approx=True, words_only=True)
    return _chain(text, i, lex)


def _vague(text: str, i: int, j: int, word: str, lex: Lexicon) -> Numeral | None:
    low, high, allow_small = lex.vague_ranges[word]
    mult, scale = 1, None
    s = lex.vague_small.match(text, j) if allow_small else None
    if s:
        mult, j = lex.small[key(s.group("s"))], s.end()
    b = lex.vague_big.match(text, j)
    if b and key(b.group("big")) not in lex.attached_only:
        scale = lex.big[key(b.group("big"))]
        mult, j = mult * scale, b.end()
    if mult == 1 and not _vague_unit(text, j, lex):
        return None
    return Numeral(i, j, None, low * mult, high * mult, scale, True, words_only=True)


def _vague_unit(text: str, j: int, lex: Lexicon) -> bool:
    """수 기가와트, 몇 곳: a vague word with no multiplier needs one of a few units after a space
    (수장 is a chief, 세대 a generation)."""
    if not text[j : j + 1].isspace():
        return False
    m = lex.suffix.match(text, j)
    unit = lex.units.get(key(m.group("u"))) if m else None
    return unit is not None and unit.label in lex.vague_units


def _first_term(text: str, i: int, lex: Lexicon) -> Numeral | None:
    m = lex.term.match(text, i)
    if m is None or m.end() == i:
        return None
    coef_text, big_word = m.group("coef"), m.group("big")
    if big_word and m.group("sp") and key(big_word) in lex.attached_only:
        big_word = None
    end = m.end() if big_word else max(m.end("coef"), m.end("yeo"))
    if end <= i:
        return None
    words_only = not text[i].isdigit() and not any(c.isdigit() for c in text[i:end])
    if coef_text is None:
        return _bare_big(i, end, key(big_word or ""), lex)
    coef = coefficient(coef_text, lex)
    if coef is None or (big_word is None and key(coef_text) in lex.need_big):
        return None
    scale = lex.big[key(big_word)] if big_word else None
    value = coef * scale if scale else coef
    needs = bool(big_word) and key(big_word or "") in lex.needs_currency
    approx = m.group("yeo") is not None
    return Numeral(i, end, value, None, None, scale, approx, needs, words_only)


def _bare_big(i: int, end: int, big: str, lex: Lexicon) -> Numeral | None:
    """A big unit with no number before it: 만 (= 1만) or billions (= 1e9..1e10)."""
    if big not in lex.big:
        return None
    scale = lex.big[big]
    if big in lex.vague_alone:
        return Numeral(
            i, end, None, Decimal(scale), Decimal(scale * 10), scale, True, words_only=True
        )
    if lex.need_big:  # English: a big unit needs a number ("million" alone is not one)
        return None
    return Numeral(i, end, Decimal(scale), None, None, scale, words_only=True)


def _chain(text: str, i: int, lex: Lexicon) -> Numeral | None:
    first = _first_term(text, i, lex)
    if first is None or first.scale is None or first.value is None:
        return first
    total, last, num = first.value, first.scale, first
    while True:
        m = lex.next_term.match(text, num.end)
        if m is None:
            break
        scale = lex.big[key(m.group("big"))]
        coef = coefficient(m.group("coef"), lex)
        if (
            scale >= last
            or coef is None
            or (m.group("sp") and key(m.group("big")) in lex.attached_only)
        ):
            break
        total, last = total + coef * scale, scale
        num = replace(
            num, end=m.end(), value=total, scale=scale, approx=num.approx or bool(m.group("yeo"))
        )
    return _trailing(text, num, lex)


def _trailing(text: str, num: Numeral, lex: Lexicon) -> Numeral:
    """145조 6,300억 is done; 1만 2000 takes the plain number after the last big unit."""
    if lex.trailing is None or num.value is None:
        return num
    m = lex.trailing.match(text, num.end)
    if m is None:
        return num
    small = Decimal(m.group("n").replace(",", ""))
    if small >= 10000 or (num.scale or 0) < 10000:
        return num
    return replace(num, end=m.end(), value=num.value + small, head=num, words_only=False)


def normal(value: Decimal | None) -> Decimal | None:
    """An integral Decimal without exponent or trailing zeros after the point."""
    if value is None or value != value.to_integral_value():
        return value
    return Decimal(int(value))
