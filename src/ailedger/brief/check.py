"""Brief: a composed briefing -> the same briefing without the sentences and rows whose numbers
do not match the ledger entries they cite, and a record of what was dropped and why.

Each sentence is read again with the quantity grammar (`parse_quantities`, the same reader that
extracts facts from articles). Every amount must equal, in its own currency, a figure of a cited
entry — its value, its USD or KRW conversion, or the words one of its sources used — rounded to
the digits the sentence shows; a KRW restatement in parentheses likewise; a ratio (약 29배) must
be the ratio of the two entries it names; a count or power must be a cited compute figure.
Anything else that reads as a number is unsupported, and a sentence with numbers but no citation
fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal

from ..ledger.aggregate import amount
from ..ledger.model import Entry
from ..ledger.values import POWER_UNITS, significant
from ..quantities import parse_quantities
from ..quantities.model import Quantity
from .model import Briefing, Problem, Row, Sentence
from .numbers import round_significant

_MARK = re.compile(r"\[\d+\]")


def _figures(entry: Entry, currency: str) -> set[Decimal]:
    """Every amount of `currency` the entry stands for: its value or range ends, its converted
    values, and each source's own figures and KRW restatements."""
    out: set[Decimal] = set()
    if entry.unit == currency:
        out |= {v for v in (entry.value, entry.min, entry.max) if v is not None}
    if currency == "USD":
        out |= set(amount(entry, "USD") or ())
    elif currency == "KRW":
        out |= set(amount(entry, "KRW") or ())
    for c in entry.claims:
        if c.unit == currency:
            out |= {v for v in (c.value, c.min, c.max) if v is not None}
        if currency == "KRW" and c.krw_stated is not None:
            out.add(c.krw_stated)
    return out


def _compute(entry: Entry, unit: str | None) -> set[Decimal]:
    factor = POWER_UNITS.get(unit or "")
    out = set()
    for c in (*entry.claims,):
        for v in (c.value, c.min, c.max):
            if v is None or c.unit is None:
                continue
            if factor is not None and c.unit in POWER_UNITS:
                out.add(v * POWER_UNITS[c.unit] / factor)
            elif c.unit == unit:
                out.add(v)
    return out


def _shown(stated: Decimal, candidates: Iterable[Decimal]) -> bool:
    """The stated number is a candidate, exactly or rounded to the digits it shows."""
    digits = len(significant(stated))
    return any(stated == c or stated == round_significant(c, digits) for c in candidates)


def _money_ok(q: Quantity, cited: list[Entry]) -> bool:
    code = q.currency or ""
    figures = set().union(*(_figures(e, code) for e in cited)) if cited else set()
    values = [v for v in (q.value, q.min, q.max) if v is not None]
    if not values or not all(_shown(v, figures) for v in values):
        return False
    if q.krw_stated is None:
        return True
    won = set().union(*(_figures(e, "KRW") for e in cited))
    return _shown(q.krw_stated, won)


def _ratio_ok(q: Quantity, pair: tuple[Entry, Entry] | None) -> bool:
    """A ratio (약 29배) or a share (약 71%) of the two entries' KRW amounts."""
    if pair is None or q.value is None:
        return False
    top, base = (amount(e, "KRW") for e in pair)
    if top is None or base is None or base[0] == 0:
        return False
    value = top[0] / base[0] * (100 if q.dim == "percent" else 1)
    return _shown(q.value, [value])


def problem(sentence: Sentence, entries: Mapping[str, Entry], lang: str = "ko") -> str | None:
    """Why the sentence fails the check, or None when every number in it is supported.

    Returns:
        None, or a one-line reason naming the first unsupported number.
    """
    text = _MARK.sub("", sentence.text)
    found = [q for q in parse_quantities(text, lang) if q.dim != "date"]
    cited = [entries[c] for c in sentence.cites if c in entries]
    if found and not cited:
        return f"'{found[0].text}' cites no ledger entry"
    ratio = sentence.ratio
    pair = (entries[ratio[0]], entries[ratio[1]]) if ratio and set(ratio) <= set(entries) else None
    for q in found:
        if q.dim == "money":
            ok = _money_ok(q, cited)
        elif q.dim in ("ratio", "percent"):
            ok = _ratio_ok(q, pair)
        elif q.dim in ("count", "power"):
            values = set().union(*(_compute(e, q.unit) for e in cited))
            ok = q.value is not None and _shown(q.value, values)
        else:
            ok = False
        if not ok:
            return f"'{q.text}' is not a figure of the cited entries"
    return None


def _row_sentence(row: Row) -> Sentence:
    return Sentence(" · ".join(row.cells[1:5]), row.cites)


def check(briefing: Briefing, entries: Mapping[str, Entry]) -> Briefing:
    """The briefing without what fails `problem`, with every drop recorded and the number of
    quantities checked counted."""
    dropped: list[Problem] = []
    checked = 0
    lang = briefing.lang

    def keep(sentence: Sentence) -> bool:
        nonlocal checked
        checked += len(
            [q for q in parse_quantities(_MARK.sub("", sentence.text), lang) if q.dim != "date"]
        )
        reason = problem(sentence, entries, lang)
        if reason:
            dropped.append(Problem(sentence.text, reason))
        return reason is None

    sections = []
    for s in briefing.sections:
        sections.append(
            replace(
                s,
                sentences=tuple(x for x in s.sentences if keep(x)),
                rows=tuple(r for r in s.rows if keep(_row_sentence(r))),
                faq=tuple((q, a) for q, a in s.faq if keep(q) and keep(a)),
            )
        )
    return replace(
        briefing,
        sections=tuple(sections),
        dropped=briefing.dropped + tuple(dropped),
        checked=briefing.checked + checked,
    )
