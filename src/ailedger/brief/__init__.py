"""Brief: the ledger -> a Korean briefing whose every number is checked against the entry it
cites (compose, then check, then render as Markdown or HTML)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Unpack

from ..ledger.model import Ledger
from .check import check, problem
from .compose import Options, compose
from .model import Briefing, Problem, Reference, Row, Section, Sentence
from .render import markdown, to_html

__all__ = [
    "Briefing",
    "Options",
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
    ledger: Ledger, *, country_of: Callable[[str], str | None], **options: Unpack[Options]
) -> Briefing:
    """Compose the briefing of the ledger (in Korean or English; see `compose` and `Options`)
    and check it: what fails the check is dropped and listed in `dropped`."""
    draft = compose(ledger, country_of=country_of, **options)
    return check(draft, {e.id: e for e in ledger.entries})
