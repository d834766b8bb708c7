"""Evaluate, reading: gold and predicted JSON lines -> EvalFact (the folded fields compared)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TextIO, get_args

from ..errors import FormatError, SourceError
from ..facts.entities import table

TYPES = ("money", "compute", "partnership", "launch", "ranking")
Split = Literal["dev", "held_out"]
SPLITS: tuple[str, ...] = get_args(Split)

Bounds = tuple[Decimal | None, Decimal | None]  # None: open on that side


@dataclass(frozen=True, slots=True)
class EvalFact:
    """One gold or predicted fact reduced to the folded fields the metrics compare."""

    doc: str
    type: str
    line: int
    span: str
    actor: str | None = None
    group: frozenset[str] = frozenset()
    measure: str | None = None  # currency for money, unit for compute
    bounds: Bounds | None = None
    parties: frozenset[str] = frozenset()
    date: str | None = None
    product: str = ""
    subject: str | None = None
    rank: int | None = None
    index: str = ""
    split: str | None = None


def read_lines(source: str | Path, stdin: TextIO | None = None) -> list[str]:
    """The lines of a file, or of `stdin` when `source` is "-".

    Raises:
        SourceError: the file does not exist or cannot be read as UTF-8.
    """
    if str(source) == "-" and stdin is not None:
        return stdin.read().splitlines()
    try:
        return Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{source}: cannot read: {exc.__class__.__name__}") from None


def _objects(lines: Iterable[str], name: str) -> Iterable[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError:
            obj = None
        if not isinstance(obj, dict):
            raise FormatError(
                f"{name}:{number}", "not a JSON object (eval reads JSON Lines only, not CSV)"
            )
        if not isinstance(obj.get("doc"), str) or obj.get("type") not in TYPES:
            raise FormatError(
                f"{name}:{number}", f"needs a string 'doc' and a 'type' of {', '.join(TYPES)}"
            )
        yield number, obj


def _fold(entity: Any) -> str | None:
    """An entity (name string or {"id", "name"} object) as its canonical id, else casefolded."""
    if entity is None:
        return None
    t = table()
    if isinstance(entity, dict):
        entity_id, name = entity.get("id"), entity.get("name")
        if isinstance(entity_id, str) and entity_id in t.by_id:
            return t.canonical(entity_id).id
        entity = name if isinstance(name, str) else entity_id
        if not isinstance(entity, str):
            return None
    found = t.resolve(str(entity))
    if found is not None:
        return found.id
    key = str(entity).strip().casefold()
    return t.canonical(key).id if key in t.by_id else key


def _folds(entities: Any) -> frozenset[str]:
    return frozenset(f for f in (_fold(e) for e in entities or ()) if f is not None)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _bounds(holder: dict[str, Any]) -> Bounds | None:
    value = _number(holder.get("value"))
    if value is not None:
        return (value, value)
    low, high = _number(holder.get("min")), _number(holder.get("max"))
    return None if low is None and high is None else (low, high)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _rank(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _fact(obj: dict[str, Any], line: int, gold: bool) -> EvalFact:
    if gold:
        holder, span = obj, obj.get("span")
    else:
        holder = _mapping(obj.get("amount") or obj.get("quantity"))
        span = _mapping(obj.get("evidence")).get("span")
    measure = holder.get("currency") if obj["type"] == "money" else holder.get("unit")
    date = obj.get("date")
    return EvalFact(
        doc=obj["doc"],
        type=obj["type"],
        line=line,
        span=str(span or ""),
        actor=_fold(obj.get("actor")),
        group=_folds(obj.get("actor_group")),
        measure=str(measure) if measure is not None else None,
        bounds=_bounds(holder),
        parties=_folds(obj.get("parties")),
        date=str(date) if date else None,
        product=str(obj.get("product") or "").casefold(),
        subject=_fold(obj.get("subject")),
        rank=_rank(obj.get("rank")),
        index=str(obj.get("index") or "").casefold(),
        split=obj.get("split") if gold else None,
    )


def read_facts(lines: Iterable[str], name: str, gold: bool) -> list[EvalFact]:
    """The facts of JSON lines named `name` (gold: the ../shared/gold shape).

    Raises:
        FormatError: a line is not a JSON object with a string `doc` and a known `type`.
    """
    return [_fact(obj, number, gold) for number, obj in _objects(lines, name)]
