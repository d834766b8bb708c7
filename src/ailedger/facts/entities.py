"""Entities: text -> EntityMention (names from the curated table in data/entities.yaml).

One alternation of every alias, longest first, finds names; a Korean name only counts when
what follows it is a particle run (메타가, 메타와의) or not Hangul, so 메타 never matches
inside 메타버스. Latin names need non-alphanumeric neighbours, and Hangul right after a Latin
ending must be particles too (SK하이닉스 is its own name; SK온 is not SK). Short all-caps
aliases (MS, KT) match case-sensitively; an all-lowercase word never matches a capitalised
name (apple, threads, intel), while headline capitals do (NVIDIA, APPLE). A one-character
Hanja name (美, 中) only counts before another such name or a non-Hanja character (美中 갈등,
not 中企). Entities with `folds_into` resolve to that entity (AWS -> Amazon, Alphabet ->
Google), as the gold rules and users expect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import datafiles
from ..errors import DataFileError
from .model import Entity, EntityMention

KINDS = frozenset(
    {"company", "lab", "government", "country", "alliance", "index", "product", "fund", "media"}
    | {"person"}  # people act for their `parent` organisation
)
UNRESOLVED = "unresolved"  # the kind of a proper noun the table does not know (never in it)
_HANGUL = re.compile(r"[가-힣]+")


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _is_hanja(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_alnum_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True, slots=True)
class EntityTable:
    """The loaded table: entities by id, the alias -> id map, and the compiled matcher."""

    by_id: dict[str, Entity]
    alias_to_id: dict[str, str]  # exact aliases (short Latin ones) and casefolded others
    folds: dict[str, str]  # id -> id it folds into
    weak: dict[str, dict[str, str]]  # lang -> context word -> entity id
    pattern: re.Pattern[str]
    particles: re.Pattern[str]
    lowercase: frozenset[str]  # Latin aliases the table itself writes in lower case (kt cloud)
    hanja: frozenset[str]  # one-character Hanja aliases (美, 中, 日)
    spelled: frozenset[str]  # every alias exactly as the table writes it
    weak_patterns: dict[str, re.Pattern[str]]  # lang -> matcher of its context words

    def get(self, entity_id: str) -> Entity:
        return self.by_id[entity_id]

    def canonical(self, entity_id: str) -> Entity:
        """The entity `entity_id` resolves to for facts (folded into its parent when marked)."""
        seen = {entity_id}
        while entity_id in self.folds:
            entity_id = self.folds[entity_id]
            if entity_id in seen:
                break
            seen.add(entity_id)
        return self.by_id[entity_id]

    def resolve(self, name: str) -> Entity | None:
        """The canonical entity a name or alias (any case, English or Korean) refers to."""
        key = name.strip()
        entity_id = self.alias_to_id.get(key) or self.alias_to_id.get(key.casefold())
        return self.canonical(entity_id) if entity_id else None

    def country_of(self, entity: Entity) -> Entity | None:
        """The country an entity belongs to: itself for a country, else via country/parent."""
        current: Entity | None = entity
        for _ in range(6):
            if current is None:
                return None
            if current.kind == "country":
                return current
            nxt = current.country or current.parent
            current = self.by_id.get(nxt) if nxt else None
        return None


def _entity(row: dict[str, Any], where: str) -> Entity:
    for key in ("id", "name", "kind"):
        if not isinstance(row.get(key), str):
            raise DataFileError(f"{where}: every entity needs a string '{key}': {row!r}")
    if row["kind"] not in KINDS:
        raise DataFileError(f"{where}: entity {row['id']}: unknown kind {row['kind']!r}")
    return Entity(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        ko=row.get("ko"),
        parent=row.get("parent"),
        country=row.get("country"),
    )


def _short_latin(alias: str) -> bool:
    return alias.isascii() and len(alias) <= 3


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """`text` with ASCII letters in lower case: same length, so offsets carry over."""
    return text.translate(_ASCII_LOWER)


def trie_regex(words: Iterable[str]) -> str:
    """One regex for `words` as a prefix tree: at each position `re` follows one branch per
    character instead of trying every word, and the longest word wins (greedy optional tails)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


@cache
def table() -> EntityTable:
    """The process's entity table (data/entities.yaml, overlay applied)."""
    where = "data/entities.yaml"
    data = datafiles.load("entities.yaml")
    by_id: dict[str, Entity] = {}
    aliases: dict[str, str] = {}
    folds: dict[str, str] = {}
    spelled: set[str] = set()  # every alias as written (the matcher folds case itself)
    for row in data.get("entities", ()):
        entity = _entity(row, where)
        if entity.id in by_id:
            raise DataFileError(f"{where}: duplicate entity id {entity.id!r}")
        by_id[entity.id] = entity
        if row.get("folds_into"):
            folds[entity.id] = str(row["folds_into"])
        names = [entity.name, *([entity.ko] if entity.ko else []), *row.get("aliases", ())]
        for alias in names:
            alias = str(alias)
            key = alias if _short_latin(alias) else alias.casefold()
            if aliases.get(key, entity.id) != entity.id:
                raise DataFileError(f"{where}: alias {alias!r} names two entities")
            aliases[key] = entity.id
            spelled.add(alias)
    refs = [(e.id, ref) for e in by_id.values() for ref in (e.parent, e.country)]
    for child, target in [*folds.items(), *refs]:
        if target is not None and target not in by_id:
            raise DataFileError(f"{where}: {child} points at unknown entity {target!r}")
    weak = {
        str(lang): {str(w): str(i) for w, i in words.items()}
        for lang, words in data.get("weak", {}).items()
    }
    for words in weak.values():
        for word, entity_id in words.items():
            if entity_id not in by_id:
                raise DataFileError(f"{where}: weak word {word!r} -> unknown {entity_id!r}")
    pattern = re.compile(trie_regex(ascii_lower(a) for a in spelled))
    particles = datafiles.load("ko/facts.yaml")["particles"]
    particle_re = re.compile(
        "(?:" + "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True)) + ")+"
    )
    lowercase = frozenset(a for a in spelled if a.isascii() and a == a.lower())
    hanja = frozenset(a for a in spelled if len(a) == 1 and _is_hanja(a))
    weak_patterns = {lang: re.compile(trie_regex(words)) for lang, words in weak.items() if words}
    return EntityTable(
        by_id, aliases, folds, weak, pattern, particle_re, lowercase, hanja, frozenset(spelled),
        weak_patterns,
    )  # fmt: skip


def _boundary_ok(text: str, start: int, end: int, particles: re.Pattern[str]) -> bool:
    before = text[start - 1] if start else " "
    first, last = text[start], text[end - 1]
    if _is_alnum_latin(first) and _is_alnum_latin(before):
        return False
    if _is_hangul(first) and _is_hangul(before):
        return False
    after = text[end] if end < len(text) else " "
    if _is_alnum_latin(last) and _is_alnum_latin(after):
        return False
    if _is_hangul(after) and (_is_hangul(last) or _is_alnum_latin(last)):
        run = _HANGUL.match(text, end)
        assert run is not None
        return particles.fullmatch(run.group()) is not None
    return True


def _glued_hanja(text: str, end: int, hanja: frozenset[str]) -> bool:
    """A one-character Hanja name is part of a longer Hanja word (中 in 中企), not a name."""
    after = text[end] if end < len(text) else " "
    return _is_hanja(after) and after not in hanja


def _lowercase_word(alias: str) -> bool:
    return alias.isascii() and alias == alias.lower() and alias != alias.upper()


def _accept(t: EntityTable, text: str, start: int, end: int) -> str | None:
    """The entity id of text[start:end] when it is a name there, else None."""
    if not _boundary_ok(text, start, end, t.particles):
        return None
    alias = text[start:end]
    if _short_latin(alias) and alias not in t.spelled:
        return None  # short Latin names match as written: MS, not ms
    if _lowercase_word(alias) and alias not in t.lowercase:
        return None
    if alias in t.hanja and _glued_hanja(text, end, t.hanja):
        return None
    return t.alias_to_id.get(alias) or t.alias_to_id.get(alias.casefold())


def find_entities(text: str, lang: str = "ko") -> Iterator[EntityMention]:
    """Entity names in `text`, left to right, longest alias first at each position; when the
    longest alias is no name there ("EU 집행위" in "EU 집행위원장"), shorter ones are tried."""
    t = table()
    lowered = ascii_lower(text)
    pos = 0
    while (m := t.pattern.search(lowered, pos)) is not None:
        start, end = m.span()
        entity_id = _accept(t, text, start, end)
        while entity_id is None and end - 1 > start:
            shorter = t.pattern.match(lowered, start, end - 1)
            if shorter is None:
                break
            end = shorter.end()
            entity_id = _accept(t, text, start, end)
        if entity_id is None:
            pos = start + 1
            continue
        yield EntityMention(t.canonical(entity_id), start, end, text[start:end])
        pos = end
    del lang


def weak_mentions(text: str, lang: str) -> Iterator[EntityMention]:
    """Context words (정부 -> the country the article is about) in `text`."""
    t = table()
    words = t.weak.get(lang, {})
    pattern = t.weak_patterns.get(lang)
    if pattern is None:
        return
    for m in pattern.finditer(text):
        if _boundary_ok(text, m.start(), m.end(), t.particles):
            yield EntityMention(t.canonical(words[m.group()]), m.start(), m.end(), m.group(), True)
