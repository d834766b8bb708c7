"""Ledger: entity ids -> their country, their owning group and their parent (from the entity
table in data/entities.yaml), for the aggregates that roll actors up."""

from __future__ import annotations

from functools import cache

from ..facts.entities import table

ROLL_UP = ("country", "alliance")  # owners stop below these: a country is not a spender's owner


def country_of(entity_id: str) -> str | None:
    """The id of the country the entity belongs to (itself for a country), or None."""
    t = table()
    entity = t.by_id.get(entity_id)
    country = t.country_of(entity) if entity else None
    return country.id if country else None


def owner_of(entity_id: str) -> str | None:
    """The top organisation above the entity through `parent` (SK hynix -> SK Group), or None
    when its parent is none or a country."""
    t = table()
    current, top = t.by_id.get(entity_id), None
    for _ in range(8):
        parent = t.by_id.get(current.parent) if current and current.parent else None
        if parent is None or parent.kind in ROLL_UP:
            break
        current = parent
        top = parent.id
    return top


@cache
def parents() -> dict[str, str]:
    """Entity id -> parent entity id, from the entity table (for group/member scope)."""
    return {e.id: e.parent for e in table().by_id.values() if e.parent}


def kind_of(entity_id: str) -> str | None:
    """The entity's kind (company, government, country ...), None when the table lacks it."""
    entity = table().by_id.get(entity_id)
    return entity.kind if entity else None
