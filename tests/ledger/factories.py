"""Builds ledger claims directly, so the ledger's tests do not depend on extraction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ailedger.ledger import Claim, Fx, SourceDoc

KRW_PER = {"USD": Decimal(1400), "EUR": Decimal(1500), "KRW": Decimal(1), "CNY": Decimal(195)}
USD_PER = {
    "USD": Decimal(1),
    "EUR": Decimal("1.07"),
    "KRW": Decimal(1) / 1400,
    "CNY": Decimal("0.14"),
}


def doc(
    name: str, published: str | None = "2025-01-10", group: str | None = None, lang: str = "ko"
) -> SourceDoc:
    """A document; its dedup group is its own unless `group` names a shared one."""
    day = dt.date.fromisoformat(published) if published else None
    return SourceDoc(
        f"id-{name}",
        group or f"g-{name}",
        day,
        name,
        f"title {name}",
        None,
        f"corpus/{name}.txt",
        lang,
    )


def money(
    source: SourceDoc,
    value: int | str | None = None,
    *,
    lo: int | None = None,
    hi: int | None = None,
    currency: str = "USD",
    actor: str | None = "meta",
    group: tuple[str, ...] = (),
    kind: str | None = "investment",
    year: int | None = 2025,
    period: str | None = None,
    approx: bool = False,
    krw_stated: int | None = None,
    span: str | None = None,
    sentence: str | None = None,
    seq: int = 0,
) -> Claim:
    """A money claim; its rates are fixed per currency unless `krw_stated` states one."""
    low = Decimal(value) if value is not None else Decimal(lo or 0)
    krw_rate = KRW_PER[currency]
    if krw_stated is not None and currency != "KRW":
        krw_rate = Decimal(krw_stated) / low
    fx = Fx(
        USD_PER[currency],
        krw_rate,
        source.published or dt.date(2025, 1, 1),
        "stated" if krw_stated else "ecb",
    )
    text = span or f"{value or f'{lo}~{hi}'} {currency}"
    return Claim(
        doc=source,
        seq=seq,
        type="money",
        span=text,
        sentence=sentence or f"그들은 {text}를 쓴다.",
        start=0,
        end=len(text),
        actor=actor,
        actor_name=actor.title() if actor else None,
        group=group,
        kind=kind,
        year=year,
        period=period,
        unit=currency,
        value=Decimal(value) if value is not None else None,
        min=Decimal(lo) if lo is not None else None,
        max=Decimal(hi) if hi is not None else None,
        approx=approx,
        krw_stated=Decimal(krw_stated) if krw_stated is not None else None,
        fx=fx,
    )


def compute(
    source: SourceDoc,
    value: int | str,
    unit: str = "gpu",
    *,
    actor: str = "meta",
    year: int | None = 2025,
    approx: bool = False,
    seq: int = 0,
    sentence: str | None = None,
) -> Claim:
    text = f"{value} {unit}"
    return Claim(
        doc=source,
        seq=seq,
        type="compute",
        span=text,
        sentence=sentence or text,
        start=0,
        end=len(text),
        actor=actor,
        actor_name=actor.title(),
        year=year,
        unit=unit,
        value=Decimal(value),
        approx=approx,
    )


def partnership(source: SourceDoc, *parties: str, seq: int = 0) -> Claim:
    return Claim(
        doc=source,
        seq=seq,
        type="partnership",
        span="손잡았다",
        sentence="손잡았다",
        start=0,
        end=4,
        parties=tuple(sorted(parties)),
    )


def launch(
    source: SourceDoc,
    product: str,
    date: str,
    *,
    actor: str = "daon",
    sentence: str = "",
    seq: int = 0,
) -> Claim:
    return Claim(
        doc=source,
        seq=seq,
        type="launch",
        span=product,
        sentence=sentence or product,
        start=0,
        end=len(product),
        actor=actor,
        actor_name=actor.title(),
        product=product,
        date=date,
    )
