"""Ledger: a question of a few words ("메타 AI 투자", "2025 GPU") -> Query -> the entries that
answer it. Pure, apart from reading the word lists.

Every word must be an actor (a name or alias of the entity table, or an actor the ledger holds
that the table does not know), a money kind, a fact type or compute unit, a year, or a filler
word (data/<lang>/ask.yaml); Korean particles after a word are dropped. Any other word is a
QueryError: the question is never guessed at. Words of one group are alternatives (메타 구글:
either), groups narrow each other (메타 투자 2025: Meta's investment for 2025).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from .. import datafiles
from ..errors import DataFileError, QueryError
from ..facts.entities import table
from .aggregate import involves
from .model import Entry
from .values import POWER_UNITS

LANGS = ("ko", "en")
_YEAR_WORD = re.compile(r"((?:19|20)\d\d)(?:년도?|년)?")


@dataclass(frozen=True, slots=True)
class Query:
    """What a question asks for; an empty group asks for anything."""

    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    read: tuple[tuple[str, str], ...] = ()  # each word and how it was read


@dataclass(frozen=True, slots=True)
class _Words:
    lookup: dict[str, tuple[str, str]]  # casefolded word -> (group, value)
    particles: tuple[str, ...]


def _entries(data: dict[str, object], key: str, where: str) -> dict[str, list[str]]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise DataFileError(f"{where}: '{key}' must be a mapping of lists")
    return {str(k): [str(w) for w in v] for k, v in value.items()}


@cache
def _words() -> _Words:
    lookup: dict[str, tuple[str, str]] = {}
    for lang in LANGS:
        where = f"data/{lang}/ask.yaml"
        data = datafiles.load(f"{lang}/ask.yaml")
        for group in ("kinds", "types", "units"):
            for value, words in _entries(data, group, where).items():
                for word in (value, *words):
                    lookup[word.casefold()] = (group, value)
        for word in data.get("filler") or ():
            lookup.setdefault(str(word).casefold(), ("filler", ""))
    particles = datafiles.load("ko/facts.yaml").get("particles") or []
    return _Words(lookup, tuple(sorted(map(str, particles), key=len, reverse=True)))


def _stems(word: str, particles: Sequence[str]) -> list[str]:
    """The word, then the word without each particle run it ends in (메타의 -> 메타)."""
    out = [word]
    for p in particles:
        if word.endswith(p) and len(word) > len(p):
            out.append(word[: -len(p)])
    return out


def _read(word: str, known: Mapping[str, str]) -> tuple[str, str] | None:
    words = _words()
    for stem in _stems(word, words.particles):
        if m := _YEAR_WORD.fullmatch(stem):
            return ("years", m.group(1))
        found = words.lookup.get(stem.casefold())
        if found:
            return found
        entity = table().resolve(stem)
        if entity is not None:
            return ("actors", entity.id)
        if stem.casefold() in known:
            return ("actors", known[stem.casefold()])
    return None


def known_actors(entries: Iterable[Entry]) -> dict[str, str]:
    """Names of the ledger's actors (English, Korean, id) -> their ids, casefolded: the
    actors the entity table does not know are asked for by these."""
    out: dict[str, str] = {}
    for e in entries:
        if e.actor:
            for name in (e.actor, e.actor.split(":", 1)[-1], e.actor_name, e.actor_ko):
                if name:
                    out.setdefault(name.casefold(), e.actor)
    return out


def parse_query(text: str, known: Mapping[str, str] | None = None) -> Query:
    """Read a question.

    Args:
        text: a few words: actors, kinds, types or units, years, filler.
        known: extra actor names -> ids (see `known_actors`).

    Raises:
        QueryError: a word is none of these, or the question is empty.
    """
    tokens = text.split()
    groups: dict[str, list[str]] = {"actors": [], "kinds": [], "types": [], "units": []}
    years: list[int] = []
    read: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        pair = tokens[i] + tokens[i + 1] if i + 1 < len(tokens) else None
        found = _read(pair, known or {}) if pair else None
        step = 2 if found and found[0] != "filler" else 1
        found = found if step == 2 else _read(tokens[i], known or {})
        word = pair if step == 2 and pair else tokens[i]
        if found is None:
            raise QueryError(
                f"ask: '{word}' is no actor, kind, type, unit or year the ledger knows"
                " (data/ko/ask.yaml lists the words)"
            )
        group, value = found
        if group == "years":
            years.append(int(value))
        elif group != "filler" and value not in groups[group]:
            groups[group].append(value)
        read.append((word, f"{group[:-1]} {value}".strip() if group != "filler" else "-"))
        i += step
    if not any(groups.values()) and not years:
        raise QueryError(f"ask: '{text.strip()}' names no actor, kind, type, unit or year")
    return Query(
        tuple(groups["actors"]),
        tuple(groups["kinds"]),
        tuple(groups["types"]),
        tuple(groups["units"]),
        tuple(years),
        tuple(read),
    )


def _unit_of(entry: Entry) -> str | None:
    if entry.type != "compute":
        return None
    return "power" if entry.unit in POWER_UNITS else entry.unit


def matches(entry: Entry, query: Query) -> bool:
    """The entry answers the query: every group given has one of its words in the entry."""
    types = (
        set(query.types)
        | ({"money"} if query.kinds else set())
        | ({"compute"} if query.units else set())
    )
    return (
        (not query.actors or any(involves(entry, a) for a in query.actors))
        and (not query.kinds or entry.kind in query.kinds)
        and (not types or entry.type in types)
        and (not query.units or _unit_of(entry) in query.units)
        and (not query.years or entry.year in query.years)
    )


def answer(entries: Iterable[Entry], query: Query) -> list[Entry]:
    """The entries answering the query, in ledger order (first report)."""
    return [e for e in entries if matches(e, query)]
