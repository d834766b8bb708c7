"""Clean: data/<lang>/boilerplate.yaml -> compiled cleaning rules (the union over languages)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import datafiles
from ..errors import DataFileError


@dataclass(frozen=True, slots=True)
class LineRule:
    """A named regex over one stripped line; `min_position` only matters for cut rules."""

    name: str
    regex: re.Pattern[str]
    min_position: float = 0.0


@dataclass(frozen=True, slots=True)
class Rules:
    """Every cleaning rule, compiled once per process."""

    drop: tuple[LineRule, ...]
    cut: tuple[LineRule, ...]
    nav_lines: frozenset[str]
    min_repeat_chars: int
    teaser_endings: tuple[str, ...]


def _compile(entries: list[dict[str, object]], where: str) -> list[LineRule]:
    out = []
    for entry in entries:
        name, pattern = entry.get("name"), entry.get("regex")
        if not isinstance(name, str) or not isinstance(pattern, str):
            raise DataFileError(f"{where}: every rule needs a name and a regex")
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise DataFileError(f"{where}: rule {name}: bad regex: {exc}") from exc
        position = entry.get("min_position", 0.0)
        out.append(
            LineRule(name, regex, float(position) if isinstance(position, int | float) else 0)
        )
    return out


@cache
def load_rules() -> Rules:
    """Return the cleaning rules of every language folder, merged.

    Raises:
        DataFileError: a rule file is malformed.
    """
    drop: list[LineRule] = []
    cut: list[LineRule] = []
    nav: set[str] = set()
    min_chars, endings = 0, set[str]()
    for lang in datafiles.languages():
        where = f"data/{lang}/boilerplate.yaml"
        data = datafiles.load(f"{lang}/boilerplate.yaml")
        drop += _compile(data.get("drop", []), where)
        cut += _compile(data.get("cut", []), where)
        nav |= {str(line).strip().casefold() for line in data.get("nav_lines", [])}
        repeated = data.get("repeated", {})
        min_chars = max(min_chars, int(repeated.get("min_chars", 30)))
        endings |= {str(e) for e in repeated.get("teaser_endings", [])}
    return Rules(tuple(drop), tuple(cut), frozenset(nav), min_chars, tuple(sorted(endings)))
