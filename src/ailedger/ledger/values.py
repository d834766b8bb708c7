"""Ledger: two claims' amounts -> whether they state the same value, and how they differ.

Amounts compare in their own currency or unit when they share it (power in MW, so 1GW and
1,000MW agree) and in USD through each claim's own rate otherwise. Tolerances:

- equal: within 0.5 % (the evaluation's tolerance), or a narrow range containing the other
  value (a range whose ends are at most a factor 2 apart; 수십억 달러 contains too much);
- rounding: one figure is the other rounded to its own significant digits (1.5조 for 1조4600억),
  within 5 %;
- hedge: one side is hedged (약, 이상, about) and they are within 5 %;
- across currencies: within 3 % in USD (rates move between two articles' dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from .model import Claim

EXACT = Decimal("0.005")
NEAR = Decimal("0.05")
ACROSS = Decimal("0.03")
NARROW = Decimal(2)
POWER_UNITS = {"GW": Decimal(1000), "MW": Decimal(1)}

Agreement = Literal["equal", "contains", "rounding", "hedge", "fx"]


@dataclass(frozen=True, slots=True)
class Interval:
    """An amount as a closed interval in one comparable unit (a point has lo == hi)."""

    unit: str
    lo: Decimal
    hi: Decimal

    @property
    def point(self) -> bool:
        return self.lo == self.hi

    @property
    def narrow(self) -> bool:
        return self.lo > 0 and self.hi / self.lo <= NARROW

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def dimension(claim: Claim) -> str | None:
    """What a claim measures: money, power, or its compute unit (gpu, datacenter)."""
    if claim.type == "money":
        return "money"
    if claim.unit in POWER_UNITS:
        return "power"
    return claim.unit


def native(claim: Claim) -> Interval | None:
    """The claim's amount in its own currency, or in MW for power."""
    lo, hi = claim.low, claim.high
    if lo is None or hi is None or claim.unit is None:
        return None
    factor = POWER_UNITS.get(claim.unit)
    if factor is not None:
        return Interval("MW", lo * factor, hi * factor)
    return Interval(claim.unit, lo, hi)


def in_usd(claim: Claim) -> Interval | None:
    """A money claim's amount in USD at its own rate."""
    span = native(claim)
    if span is None or claim.type != "money":
        return None
    if span.unit == "USD":
        return span
    if claim.fx is None:
        return None
    return Interval("USD", span.lo * claim.fx.usd_rate, span.hi * claim.fx.usd_rate)


def relative(a: Decimal, b: Decimal) -> Decimal:
    """|a - b| relative to the larger magnitude (0 when both are 0)."""
    top = max(abs(a), abs(b))
    return abs(a - b) / top if top else Decimal(0)


def significant(value: Decimal) -> str:
    """The significant digits of a positive amount: 3200억 and 3조2000억 both give "32"."""
    digits = format(abs(value).normalize(), "f").replace(".", "").lstrip("0").rstrip("0")
    return digits or "0"


def rounded_to(value: Decimal, digits: int) -> Decimal:
    """`value` rounded half-up to `digits` significant digits."""
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def is_rounding(a: Decimal, b: Decimal) -> bool:
    """One of two different figures is the other rounded to its own significant digits."""
    if a == b or relative(a, b) > NEAR:
        return False
    for coarse, fine in ((a, b), (b, a)):
        if len(significant(coarse)) < len(significant(fine)):
            return rounded_to(fine, len(significant(coarse))) == coarse
    return False


def power_of_ten(a: Decimal, b: Decimal) -> int | None:
    """k when b == a * 10**k exactly (k != 0), else None."""
    if a <= 0 or b <= 0 or a == b:
        return None
    k = b.adjusted() - a.adjusted()
    return k if k != 0 and a.scaleb(k) == b else None


def _within(x: Interval, y: Interval, tol: Decimal) -> bool:
    return relative(x.lo, y.lo) <= tol and relative(x.hi, y.hi) <= tol


def _contains(outer: Interval, inner: Interval) -> bool:
    return outer.narrow and outer.lo <= inner.lo and inner.hi <= outer.hi and not outer.point


def agreement(a: Claim, b: Claim) -> Agreement | None:
    """How two claims of one dimension state the same amount, or None when they do not."""
    if dimension(a) != dimension(b):
        return None
    x, y = native(a), native(b)
    if x is None or y is None:
        return None
    if x.unit != y.unit:
        ux, uy = in_usd(a), in_usd(b)
        return "fx" if ux and uy and _within(ux, uy, ACROSS) else None
    if _within(x, y, EXACT):
        return "equal"
    if _contains(x, y) or _contains(y, x):
        return "contains"
    if x.point and y.point:
        if is_rounding(x.lo, y.lo):
            return "rounding"
        if (a.approx or b.approx) and relative(x.lo, y.lo) <= NEAR:
            return "hedge"
    return None


def ordering(a: Claim, b: Claim) -> int:
    """-1, 0 or 1 as a's amount is below, about equal to, or above b's (by midpoint, in USD
    across currencies); 0 also when they cannot be compared."""
    x, y = native(a), native(b)
    if x is not None and y is not None and x.unit != y.unit:
        x, y = in_usd(a), in_usd(b)
    if x is None or y is None or relative(x.mid, y.mid) <= EXACT:
        return 0
    return -1 if x.mid < y.mid else 1


def ratio(a: Claim, b: Claim) -> Decimal | None:
    """b's amount over a's (midpoints, in USD across currencies), or None."""
    x, y = native(a), native(b)
    if x is not None and y is not None and x.unit != y.unit:
        x, y = in_usd(a), in_usd(b)
    if x is None or y is None or x.mid == 0:
        return None
    return y.mid / x.mid
