"""Facts: the date mentions of a sentence -> the year and period a fact is about.

The date nearest before the span (else the nearest after it) decides; "2027년까지" gives the
period "until 2027" and no year, "회계연도 2025년" gives FY2025, "4분기" gives Q4 of its year.
A bare quarter or half later than the publication date reads as last year's (news reports
quarters that have ended).
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import DateMention
from .context import View

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")


def _nearest(view: View, start: int, end: int) -> DateMention | None:
    before = [d for d in view.dates if d.end <= start and d.value]
    if before:
        return before[-1]
    after = [d for d in view.dates if d.start >= end and d.value]
    return after[0] if after else None


def _past(value: str, published: dt.date | None, relative: bool) -> str:
    if not (relative and published):
        return value
    q = _QUARTER.fullmatch(value)
    if q and (int(q.group(1)), int(q.group(2))) > (published.year, (published.month - 1) // 3 + 1):
        return f"{int(q.group(1)) - 1}-Q{q.group(2)}"
    h = _HALF.fullmatch(value)
    if h and (int(h.group(1)), int(h.group(2))) > (published.year, (published.month - 1) // 6 + 1):
        return f"{int(h.group(1)) - 1}-H{h.group(2)}"
    return value


def year_period(
    view: View, start: int, end: int, published: dt.date | None
) -> tuple[int | None, str | None]:
    """(year, period) of the span [start, end) from the sentence's dates."""
    d = _nearest(view, start, end)
    if d is None or d.value is None:
        return None, None
    value = _past(d.value, published, d.relative)
    if d.bound == "until":
        return None, f"until {value}"
    if d.bound == "since":
        return None, f"since {value}"
    if value.startswith("FY"):
        return int(value[2:]), value
    q = _QUARTER.fullmatch(value)
    if q:
        return int(q.group(1)), f"Q{q.group(2)} {q.group(1)}"
    h = _HALF.fullmatch(value)
    if h:
        return int(h.group(1)), f"H{h.group(2)} {h.group(1)}"
    return int(value[:4]), None


def iso_date(view: View, start: int, end: int, *, bounded: bool = False) -> str | None:
    """The ISO date (2023-07-06, 2023-07 or 2023) nearest the span, for launches; with
    `bounded`, "3월부터" and "2027년까지" count as the date too."""
    d = _nearest(view, start, end)
    if d is None or d.value is None or (d.bound and not bounded):
        return None
    if d.value.startswith("FY"):
        return d.value[2:]
    return d.value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d.value) else d.value[:4]
