"""Test helpers: facts of a text written in the test (cleaned, analysed, extracted)."""

from __future__ import annotations

import datetime as dt

from ailedger.clean.cleaner import clean
from ailedger.facts.extract import extract_document
from ailedger.facts.model import Fact
from tests.factories import raw_doc


def facts_of(text: str, published: dt.date | None = dt.date(2025, 3, 10)) -> tuple[Fact, ...]:
    return extract_document(clean(raw_doc(text, published=published)), "t")


def money(text: str, **kw: dt.date | None) -> list[tuple[str | None, object, str | None]]:
    """(actor name, value or (min, max), currency) of each money fact."""
    out = []
    for f in facts_of(text, **kw):  # type: ignore[arg-type]
        if f.type == "money" and f.quantity is not None:
            q = f.quantity
            value = q.value if q.value is not None else (q.min, q.max)
            out.append((f.actor.name if f.actor else None, value, q.currency))
    return out


def actors(text: str, type_: str = "money") -> list[str | None]:
    return [f.actor.name if f.actor else None for f in facts_of(text) if f.type == type_]
