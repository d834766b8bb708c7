"""Quantities: text (Korean or English) -> Quantity mentions (money, count, power, percent, ratio).

The grammar is a unit table in data files (`data/<lang>/numbers.yaml`, `money.yaml`,
`units.yaml`) plus a few composition rules: a chain of `coefficient × big unit` terms in
decreasing order (145조 6,300억), a unit or currency on either side, hedges and bounds around
it, ranges whose second member lends its unit to the first, and a parenthesized restatement
in another currency folded into the amount it restates.
"""

from __future__ import annotations

from .grammar import lexicon
from .mention import scan
from .model import Dim, Quantity


def parse_quantities(text: str, lang: str = "ko") -> list[Quantity]:
    """Find the quantities in `text`.

    Args:
        text: any text; offsets in the result index it.
        lang: "ko" or "en" (other codes use the English grammar).

    Returns:
        Quantities sorted by start, never overlapping, each with `text == input[start:end]`.

    Raises:
        DataFileError: a locale data file is missing or malformed.
    """
    return scan(text, lexicon(lang))


__all__ = ["Dim", "Quantity", "parse_quantities"]
