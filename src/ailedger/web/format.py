"""Web: values -> short display text for the templates (amounts, counts, confidence)."""

from __future__ import annotations

import re
from decimal import Decimal

from .model import EntryItem, FactItem

CITE = re.compile(r"\[(\d+)\]")
SCALES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"))


def short(value: Decimal | float | int | None) -> str:
    """Three significant digits and a scale (1.46T, 72B, 260,000); exact digits are in JSON."""
    if value is None:
        return "-"
    value = Decimal(str(value))
    for scale, suffix in SCALES:
        if abs(value) >= scale:
            scaled = value / scale
            places = 0 if abs(scaled) >= 100 else 1 if abs(scaled) >= 10 else 2
            text = f"{scaled:,.{places}f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + suffix
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: Decimal | None, currency: str) -> str:
    """A converted amount with its currency code (72B USD), or - when there is none."""
    return "-" if value is None else f"{short(value)} {currency}"


def stated(item: FactItem | EntryItem) -> str:
    """The amount in its own currency or unit: a value or a range, ~ when vague."""
    if item.value is None and item.min is None and item.max is None:
        return "-"
    text = short(item.value) if item.value is not None else f"{short(item.min)}–{short(item.max)}"
    unit = (item.currency if isinstance(item, FactItem) else None) or item.unit
    return ("~" if item.approx else "") + text + (f" {unit}" if unit else "")


def count(value: int) -> str:
    """An integer with thousands separators."""
    return f"{value:,}"


def cited(text: str) -> list[tuple[str, int | None]]:
    """A briefing's text split at its reference marks: (text, None) runs and ("[n]", n)."""
    out: list[tuple[str, int | None]] = []
    at = 0
    for m in CITE.finditer(text):
        if m.start() > at:
            out.append((text[at : m.start()], None))
        out.append((m.group(0), int(m.group(1))))
        at = m.end()
    if at < len(text):
        out.append((text[at:], None))
    return out


def marked(sentence: str, span: str) -> list[tuple[str, bool]]:
    """A sentence split around the first place its span occurs: (text, is_span) runs."""
    at = sentence.find(span) if span else -1
    if at < 0:
        return [(sentence, False)]
    runs = [(sentence[:at], False), (span, True), (sentence[at + len(span) :], False)]
    return [r for r in runs if r[0]]
