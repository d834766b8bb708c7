"""Quantities properties: amounts rendered in every Korean/English style parse back exactly."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ailedger.quantities import Quantity, parse_quantities

BIG = (("조", 10**12), ("억", 10**8), ("만", 10**4))
DIGITS = "영일이삼사오육칠팔구"
CURRENCIES = (
    ("원", "KRW"),
    (" 원", "KRW"),
    ("달러", "USD"),
    (" 달러", "USD"),
    ("위안", "CNY"),
    (" 유로", "EUR"),
    ("엔", "JPY"),
    (" 파운드", "GBP"),
)
HEDGES = (("약 ", "", None), ("최대 ", "", "upper"), ("", " 이상", "lower"), ("", " 가량", None))


def hangul(n: int) -> str:
    """1..9999 in Sino-Korean words (일 left out before 십/백/천, as newspapers write it)."""
    out = ""
    for unit, word in ((1000, "천"), (100, "백"), (10, "십")):
        d, n = divmod(n, unit)
        out += (DIGITS[d] if d > 1 else "") + word if d else ""
    return out + (DIGITS[n] if n else "")


def render(groups: list[tuple[int, str]], style: str, sep: str) -> str:
    parts = []
    for coef, unit in groups:
        if style == "hangul":
            parts.append(("일" if coef == 1 and unit != "만" else hangul(coef)) + unit)
        elif style == "comma":
            parts.append(f"{coef:,}{unit}")
        else:
            parts.append(f"{coef}{unit}")
    return sep.join(parts)


groups = st.lists(
    st.tuples(st.integers(1, 9999), st.sampled_from(range(3))), min_size=1, max_size=3
).map(lambda xs: sorted({u: c for c, u in xs}.items()))


def assert_spans(text: str, found: list[Quantity]) -> None:
    ends = 0
    for q in found:
        assert q.text == text[q.start : q.end]
        assert q.start >= ends
        ends = q.end


@settings(max_examples=400)
@given(
    groups,
    st.sampled_from(["plain", "comma", "hangul"]),
    st.sampled_from(["", " "]),
    st.sampled_from(CURRENCIES),
    st.sampled_from(HEDGES),
)
def test_korean_amounts_round_trip(
    picked: list[tuple[int, int]],
    style: str,
    sep: str,
    currency: tuple[str, str],
    hedge: tuple[str, str, str | None],
) -> None:
    chain = [(c, BIG[u][0]) for u, c in picked]
    value = sum(c * BIG[u][1] for u, c in picked)
    text = hedge[0] + render(chain, style, sep) + currency[0] + hedge[1]
    found = parse_quantities(text)
    assert len(found) == 1, (text, found)
    q = found[0]
    assert (q.value, q.currency, q.dim) == (Decimal(value), currency[1], "money"), text
    assert q.bound == hedge[2] and q.approx == bool(hedge[0] or hedge[1])
    assert (q.start, q.end) == (0, len(text))


@given(st.integers(1, 9999), st.integers(1, 9999), st.sampled_from(["억", "조"]))
def test_restatement_is_one_quantity(usd: int, krw: int, unit: str) -> None:
    text = f"기업은 {usd}억달러(약 {krw}{unit}원)를 투자한다"
    found = parse_quantities(text)
    assert len(found) == 1
    scale = 10**8 if unit == "억" else 10**12
    assert found[0].value == Decimal(usd * 10**8)
    assert found[0].krw_stated == Decimal(krw * scale)


ENGLISH = (("billion", 10**9), ("bn", 10**9), ("million", 10**6), ("trillion", 10**12))


@given(
    st.integers(1, 999),
    st.integers(0, 9),
    st.sampled_from(ENGLISH),
    st.sampled_from(["$", "US$", "USD ", "€", "£"]),
)
def test_english_amounts_round_trip(
    whole: int, tenth: int, scale: tuple[str, int], prefix: str
) -> None:
    number = f"{whole}.{tenth}" if tenth else str(whole)
    gap = "" if scale[0] == "bn" else " "
    text = f"the company will spend {prefix}{number}{gap}{scale[0]} on chips"
    found = parse_quantities(text, "en")
    assert len(found) == 1, (text, found)
    assert found[0].value == Decimal(number) * scale[1]
    assert_spans(text, found)


@given(st.lists(st.sampled_from(["1", "억", "조", " ", "만", "원", "~", "(", ")", "약", ",", "."])))
def test_spans_index_the_input(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert_spans(text, parse_quantities(text))
