"""Brief: an exact amount in a currency -> words the quantity grammar reads back: Korean
(2조5000억원, 720억 달러, 38억7000만 달러) or English (2.5 trillion won, 3.87 billion dollars),
rounded to significant digits when asked.

Currency words are the first suffix word of each currency in data/<lang>/money.yaml, the
grammar's own words, so whatever this writes `parse_quantities` can read.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from .. import datafiles

UNITS = ((Decimal(10) ** 12, "조"), (Decimal(10) ** 8, "억"), (Decimal(10) ** 4, "만"))
SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
SIGNIFICANT = 3


@cache
def currency_word(code: str, lang: str = "ko") -> str:
    """The word written after an amount of `code` (원, 달러; won, dollars ...); the code when
    the grammar has no word for it."""
    words = datafiles.load(f"{lang}/money.yaml").get("suffix", {}).get(code)
    return str(words[0]) if words else code


def round_significant(value: Decimal, digits: int = SIGNIFICANT) -> Decimal:
    """`value` rounded half-up to `digits` significant digits (a whole number when large)."""
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def korean_number(value: Decimal) -> str:
    """A whole amount in 조/억/만 groups (2조5000억, 38억7000만, 1198조); below 1만 as digits;
    a fraction below 1만 keeps its decimals (4.5)."""
    if value < 0:
        return "-" + korean_number(-value)
    rest = value
    parts = []
    for unit, word in UNITS:
        count = int(rest // unit)
        if count:
            parts.append(f"{count}{word}")
            rest -= count * unit
    if rest or not parts:
        parts.append(
            format(rest.normalize(), "f") if rest != rest.to_integral() else str(int(rest))
        )
    return "".join(parts)


def english_number(value: Decimal) -> str:
    """An amount in trillions, billions or millions (3.87 billion, 1,198 trillion); below a
    million with thousands separators (30,000)."""
    for scale, word in SCALES:
        if value >= scale:
            return f"{_digits(value / scale)} {word}"
    return _digits(value)


def _digits(value: Decimal) -> str:
    plain = value.normalize()
    whole = plain == plain.to_integral()
    return f"{int(plain):,}" if whole else f"{plain:,f}"


def amount(value: Decimal, code: str, *, rounded: bool = False, lang: str = "ko") -> str:
    """`value` of currency `code` in words: 720억 달러, 2조5000억원; 72 billion dollars.
    `rounded` rounds to three significant digits and adds 약 (about) when that changed it."""
    shown = round_significant(value) if rounded else value
    word = currency_word(code, lang)
    if lang == "en":
        about = "about " if rounded and shown != value else ""
        return f"{about}{english_number(shown)} {word}"
    about = "약 " if rounded and shown != value else ""
    space = "" if code == "KRW" else " "
    return f"{about}{korean_number(shown)}{space}{word}"


def amount_range(low: Decimal, high: Decimal, code: str, lang: str = "ko") -> str:
    """A range the grammar reads as one: 600억~650억 달러; 60 billion to 65 billion dollars."""
    if lang == "en":
        return f"{english_number(low)} to {amount(high, code, lang='en')}"
    return f"{korean_number(low)}~{amount(high, code)}"
