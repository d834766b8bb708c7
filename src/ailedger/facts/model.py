"""Facts: the value types of the extract stage -> Entity, EntityMention, Evidence, Fact.

A Fact is one typed statement of one document with the exact words it came from; the rule
that produced it is kept so `ailedger extract --explain` can say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..quantities.fx import Converted
from ..quantities.model import Quantity

FactType = Literal["money", "compute", "partnership", "launch", "ranking"]
FACT_TYPES: tuple[FactType, ...] = ("money", "compute", "partnership", "launch", "ranking")
Kind = Literal["investment", "funding", "revenue", "valuation", "market", "budget", "other"]


@dataclass(frozen=True, slots=True)
class Entity:
    """One row of the entity table (data/entities.yaml), or an unresolved proper noun.

    `parent` and `country` are entity ids (aws -> amazon; samsung-electronics -> south-korea).
    """

    id: str
    name: str
    kind: str
    ko: str | None = None
    parent: str | None = None
    country: str | None = None

    @property
    def resolved(self) -> bool:
        return self.kind != "unresolved"


@dataclass(frozen=True, slots=True)
class EntityMention:
    """An entity named in the text: `text == doc.text[start:end]` (particles excluded)."""

    entity: Entity
    start: int
    end: int
    text: str
    weak: bool = False  # a context word (정부, the government) rather than a name


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words a fact rests on: `span == doc.text[start:end]`, inside `sentence`."""

    span: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of one document; the fields used depend on `type` (see fact.schema.json)."""

    doc: str
    type: FactType
    evidence: Evidence
    rule: str
    confidence: float
    actor: Entity | None = None
    actor_group: tuple[Entity, ...] = ()
    quantity: Quantity | None = None  # money: the amount; compute: the count or power
    converted: Converted | None = None
    kind: Kind | None = None
    unit: str | None = None  # compute: gpu, GW, MW, datacenter
    year: int | None = None
    period: str | None = None
    parties: tuple[Entity, ...] = ()
    domain: str | None = None
    product: str | None = None
    date: str | None = None  # ISO, as precise as the text allows: 2024, 2024-02, 2024-02-07
    subject: Entity | None = None
    index: str | None = None
    rank: int | None = None
