"""Brief: the ledger -> a Korean briefing whose every number is checked against the entry it
cites (compose, then check, then render as Markdown or HTML)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..ledger.model import Entry, Ledger
from .check import check, problem
from .compose import compose
from .model import Briefing, Problem, Reference, Row, Section, Sentence
from .render import markdown, to_html

__all__ = [
    "Briefing",
    "Problem",
    "Reference",
    "Row",
    "Section",
    "Sentence",
    "brief",
    "check",
    "compose",
    "markdown",
    "problem",
    "to_html",
]


def brief(
    ledger: Ledger,
    *,
    country_of: Callable[[str], str | None],
    year: int | None = None,
    keep: Callable[[Entry], bool] | None = None,
    today: dt.date | None = None,
    lang: str = "ko",
) -> Briefing:
    """Compose the briefing of the ledger (in Korean or English) and check it: what fails the
    check is dropped and listed in `dropped`."""
    draft = compose(ledger, country_of=country_of, year=year, keep=keep, today=today, lang=lang)
    return check(draft, {e.id: e for e in ledger.entries})
