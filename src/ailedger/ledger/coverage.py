"""Ledger: an entry's year and period -> the months it covers (for adding figures up). Pure.

Months are counted from year 0 (2025-03 is 2025 * 12 + 2), so a coverage is a closed range of
integers: a year is 12 months, `H1 2025` six, `Q3 2025` three, `FY2025` is taken as its year,
`until 2027` runs from the year of the first report to the end of 2027, `since 2025` has no
end. An entry with neither a year nor a period covers every month: nothing says which spend it
is, so it is taken to overlap every other figure of its actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .merge import multi_year_period
from .model import Entry

_Q = re.compile(r"^Q([1-4]) (\d{4})$")
_H = re.compile(r"^H([12]) (\d{4})$")
_FY = re.compile(r"^FY\s*(\d{4})$", re.I)
_UNTIL = re.compile(r"^(?:until|through|by) (?:FY)?(\d{4})$", re.I)
_SINCE = re.compile(r"^since (?:FY)?(\d{4})", re.I)
_RANGE = re.compile(r"(\d{4})\s*[-~–]\s*(\d{4})")
_YEARS = re.compile(r"(\d+) years", re.I)
ALL = (0, 10**6)


@dataclass(frozen=True, slots=True)
class Coverage:
    """A closed range of months (see the module docstring)."""

    first: int
    last: int

    def overlaps(self, other: Coverage) -> bool:
        return self.first <= other.last and other.first <= self.last

    def within_year(self, year: int) -> bool:
        return year * 12 <= self.first and self.last <= year * 12 + 11


def _year(y: int) -> Coverage:
    return Coverage(y * 12, y * 12 + 11)


def _multi(period: str, start: int | None) -> Coverage | None:
    if m := _UNTIL.match(period):
        end = int(m.group(1))
        return Coverage(min(start or end, end) * 12, end * 12 + 11)
    if m := _SINCE.match(period):
        return Coverage(int(m.group(1)) * 12, ALL[1])
    if m := _RANGE.search(period):
        return Coverage(int(m.group(1)) * 12, int(m.group(2)) * 12 + 11)
    if (m := _YEARS.search(period)) and start is not None:
        return Coverage(start * 12, (start + int(m.group(1))) * 12 - 1)
    return None


def coverage(entry: Entry) -> Coverage:
    """The months the entry's figure is for."""
    return months(entry.year, entry.period, entry.published.year if entry.published else None)


def months(year: int | None, period: str | None, reported: int | None = None) -> Coverage:
    """The months of a year and period; `reported` (the year of the first report) starts a
    period that only says when it ends."""
    start = year or reported
    if period:
        if m := _Q.match(period):
            q, y = int(m.group(1)), int(m.group(2))
            return Coverage(y * 12 + 3 * (q - 1), y * 12 + 3 * q - 1)
        if m := _H.match(period):
            h, y = int(m.group(1)), int(m.group(2))
            return Coverage(y * 12 + 6 * (h - 1), y * 12 + 6 * h - 1)
        if m := _FY.match(period):
            return _year(int(m.group(1)))
        found = _multi(period, start)
        if found is not None:
            return found
    return _year(year) if year is not None else Coverage(*ALL)


def multi_year(entry: Entry) -> bool:
    """The figure is for several years (a cumulative plan), so not for any single year."""
    return multi_year_period(entry.period) or bool(entry.period and _SINCE.match(entry.period))
