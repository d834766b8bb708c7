"""Brief: the value types of a briefing -> Sentence, Row, Section, Reference, Briefing.

Every number a sentence or a table row states comes from the ledger entries it cites: `cites`
are the entry ids behind its reference marks, and `ratio` names the two entries whose KRW
amounts a stated ratio (약 29배) divides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of running text, with the entries its numbers come from."""

    text: str
    cites: tuple[str, ...] = ()
    ratio: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the key-figures table; every cell's number comes from the entry it cites."""

    cells: tuple[str, ...]
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    sentences: tuple[Sentence, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    faq: tuple[tuple[Sentence, Sentence], ...] = ()


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference mark: the entry it stands for and the document that first reported it."""

    number: int
    entry: str
    label: str
    title: str
    published: dt.date | None
    where: str
    others: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A sentence or row the checker dropped, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Briefing:
    """A checked briefing: its sections, the references its marks point to, the glossary of the
    terms it uses, and what the checker dropped (with how many numbers it checked)."""

    title: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    glossary: tuple[tuple[str, str], ...]
    dropped: tuple[Problem, ...] = ()
    checked: int = 0
    lang: str = "ko"
