"""Measure: free text (+ the article's date) -> quantities with USD/KRW values and date mentions;
what `ailedger parse` prints and what the fact extractors build on.

The FX rate an article states (a KRW restatement in parentheses) is used for every amount in
that currency in the same text; otherwise the ECB rate of the date (see quantities/fx.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .model import DateMention
from .quantities import Quantity, parse_quantities
from .quantities.fx import Converted, convert, implied_rate
from .timex import find_dates


@dataclass(frozen=True, slots=True)
class Measured:
    """A quantity and, for money when a date is known, its USD and KRW values."""

    quantity: Quantity
    converted: Converted | None = None


def stated_rates(quantities: list[Quantity]) -> dict[str, Decimal]:
    """KRW per unit of each currency as the text first states it: 800억달러(약 110조원) -> 1375."""
    rates: dict[str, Decimal] = {}
    for q in quantities:
        if q.dim == "money" and q.currency and q.currency != "KRW" and q.krw_stated and q.value:
            rates.setdefault(q.currency, implied_rate(q.value, q.currency, q.krw_stated))
    return rates


def _convert(q: Quantity, day: dt.date | None, rates: dict[str, Decimal]) -> Converted | None:
    if q.dim != "money" or q.currency is None:
        return None
    return convert(
        q.value, q.currency, day, min=q.min, max=q.max, stated_krw_rate=rates.get(q.currency)
    )


def measure(
    text: str, lang: str = "ko", ref_date: dt.date | None = None, *, fx: bool = True
) -> tuple[list[Measured], list[DateMention]]:
    """Quantities (with FX at `ref_date` for money) and date mentions of `text`, in text order.

    Args:
        text: the text to read.
        lang: "ko" or "en": the grammar to prefer.
        ref_date: the article's publication date (relative dates, FX date); None leaves
            relative dates unresolved and converts money at the latest rates only if `fx`.
        fx: convert money amounts to USD and KRW.
    """
    quantities = parse_quantities(text, lang)
    rates = stated_rates(quantities)
    measured = [
        Measured(q, _convert(q, ref_date, rates) if fx and ref_date else None) for q in quantities
    ]
    return measured, find_dates(text, ref_date)
