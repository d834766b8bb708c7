"""Quantities: the value types -> Quantity (a typed amount with its exact span in the text)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Dim = Literal["money", "count", "power", "percent", "ratio", "number", "date"]
Bound = Literal["upper", "lower"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One amount found in a text; `text == input[start:end]`.

    `value` is exact in base units of its currency or unit (800억달러 -> 80000000000);
    ranges and vague amounts (수백억 달러) carry `min`/`max` and no `value`.
    """

    text: str
    start: int
    end: int
    dim: Dim
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    unit: str | None = None
    approx: bool = False
    bound: Bound | None = None
    krw_stated: Decimal | None = None
    restated: tuple[str, Decimal] | None = None
    date: str | None = None  # dim "date": 2025-03-07, 2025-03, 2025, 2025-Q1, FY2025
