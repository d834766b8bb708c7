"""Quantities: text (Korean or English) -> Quantity mentions (money, count, power, percent, ratio).

The grammar is a unit table in data files (`data/<lang>/numbers.yaml`, `money.yaml`,
`units.yaml`) plus a few composition rules: a chain of `coefficient × big unit` terms in
decreasing order (145조 6,300억), a unit or currency on either side, hedges and bounds around
it, ranges whose second member lends its unit to the first, and a parenthesized restatement
in another currency folded into the amount it restates.
"""

from __future__ import annotations

import datetime as dt

from ..model import DateMention
from ..timex import find_dates
from .grammar import lexicon
from .mention import scan
from .model import Bound, Dim, Quantity


def parse_quantities(
    text: str, lang: str = "ko", ref_date: dt.date | None = None, *, dates: bool | None = None
) -> list[Quantity]:
    """Find the quantities in `text`.

    Args:
        text: any text; offsets in the result index it.
        lang: "ko" or "en" (other codes use the English grammar).
        ref_date: the article's date: relative dates (올해, 지난달) resolve against it.
        dates: also return the date mentions as `dim="date"` quantities (`date` holds the
            ISO-like value, None when unresolved; `unit` the kind: day, month, year, quarter,
            half, fiscal; `approx` marks a relative form; `bound` "upper" for 까지, "lower"
            for 부터). Defaults to True when `ref_date` is given, else False.

    Returns:
        Quantities sorted by start, each with `text == input[start:end]`; amounts never
        overlap each other, and a date never overlaps an amount.

    Raises:
        DataFileError: a locale data file is missing or malformed.
    """
    found = scan(text, lexicon(lang))
    if not (ref_date is not None if dates is None else dates):
        return found
    taken = [(q.start, q.end) for q in found]
    for d in find_dates(text, ref_date):
        if all(d.end <= s or d.start >= e for s, e in taken):
            found.append(_date_quantity(d))
    return sorted(found, key=lambda q: (q.start, q.end))


_BOUNDS: dict[str | None, Bound | None] = {"until": "upper", "since": "lower", None: None}


def _date_quantity(d: DateMention) -> Quantity:
    return Quantity(
        d.text, d.start, d.end, "date", unit=d.kind, approx=d.relative, bound=_BOUNDS[d.bound],
        date=d.value,
    )  # fmt: skip


__all__ = ["Dim", "Quantity", "parse_quantities"]
