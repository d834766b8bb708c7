"""Ledger values: significant digits, rounding, powers of ten and agreement between amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ailedger.ledger.values import agreement, is_rounding, power_of_ten, rounded_to, significant
from tests.ledger.factories import compute, doc, money

D = Decimal
A, B = doc("a"), doc("b")


@pytest.mark.parametrize(
    ("value", "digits"),
    [(D(32 * 10**11), "32"), (D(32 * 10**10), "32"), (D("4.5"), "45"), (D(1460 * 10**9), "146")],
)
def test_significant_digits(value: Decimal, digits: str) -> None:
    assert significant(value) == digits


def test_rounding() -> None:
    assert is_rounding(D(15 * 10**11), D(146 * 10**10))  # 1.5조 for 1조4600억
    assert is_rounding(D(3_900_000_000), D(3_870_000_000))
    assert not is_rounding(D(3_800_000_000), D(3_870_000_000))  # hedged, not rounded
    assert not is_rounding(D(8 * 10**10), D(88 * 10**9))  # 10 % apart: another figure


@given(st.integers(1, 10**6), st.integers(-6, 12))
def test_power_of_ten_finds_exactly_the_exponent(mantissa: int, k: int) -> None:
    a = D(mantissa)
    b = a.scaleb(k)
    assert power_of_ten(a, b) == (k if k else None)


@given(st.integers(1, 10**12), st.integers(2, 8))
def test_rounded_to_keeps_the_digits_asked(value: int, digits: int) -> None:
    assert len(significant(rounded_to(D(value), digits))) <= digits


def test_agreement_kinds() -> None:
    assert agreement(money(A, 10**9), money(B, 1_004_000_000)) == "equal"
    assert agreement(money(A, lo=6 * 10**10, hi=65 * 10**9), money(B, 62 * 10**9)) == "contains"
    assert agreement(money(A, 3_870_000_000), money(B, 3_900_000_000)) == "rounding"
    assert agreement(money(A, 3_870_000_000), money(B, 3_800_000_000, approx=True)) == "hedge"
    assert agreement(money(A, 3_870_000_000), money(B, 3_800_000_000)) is None
    assert agreement(money(A, 1_070_000_000), money(B, 10**9, currency="EUR")) == "fx"
    assert agreement(compute(A, 1, "GW"), compute(B, 1000, "MW")) == "equal"
    assert agreement(compute(A, 1, "GW"), money(B, 1)) is None
