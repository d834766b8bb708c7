"""Web: query strings -> validated parameters -> the queries of `web.model`.

Every parameter is bounded (page sizes, offsets, text lengths, enumerations), so no request can
ask the store for an unbounded amount of work. An empty form field means "any", as a browser
sends every field of a form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..ledger.model import CONFLICT_KINDS, ConflictKind
from .model import DocumentQuery, EntryQuery, EntrySort, EntryStatus, FactQuery, FactSort

MAX_PAGE = 200
MAX_OFFSET = 100_000
MAX_TEXT = 200
ID_PATTERN = r"^[0-9a-f]{6,64}$"

FactTypeParam = Literal["money", "compute", "partnership", "launch", "ranking"]
KindParam = Literal["investment", "funding", "revenue", "valuation", "market", "budget", "other"]
CurrencyParam = Literal["USD", "KRW"]


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_any(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data


class PageParams(_Params):
    """A page of a list."""

    limit: int = Field(50, ge=1, le=MAX_PAGE, description="Rows per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")


class SubjectParams(PageParams):
    """What facts or ledger entries are about: type, actor, money kind, year."""

    type: FactTypeParam | None = Field(None, description="Fact type.")
    actor: str | None = Field(
        None, max_length=MAX_TEXT, description="Actor id, English or Korean name (any case)."
    )
    kind: KindParam | None = Field(None, description="Money kind.")
    year: int | None = Field(None, ge=1900, le=2100, description="The year the fact is about.")


class FactParams(SubjectParams):
    """Filters and order of a facts list."""

    currency: str | None = Field(
        None, pattern=r"^[A-Za-z]{3}$", description="Currency the amount was stated in."
    )
    q: str | None = Field(
        None, max_length=MAX_TEXT, description="Text in the evidence sentence or names."
    )
    doc: str | None = Field(None, pattern=ID_PATTERN, description="Document id.")
    sort: FactSort = Field("newest", description="Order of the rows.")

    def query(self, **override: Any) -> FactQuery:
        """The store query these parameters ask for."""
        values = self.model_dump() | override
        return FactQuery(**values)


class EntryParams(SubjectParams):
    """Filters and order of a list of ledger entries."""

    status: EntryStatus | None = Field(None, description="current, superseded or disputed.")
    conflicted: bool = Field(False, description="Only entries that are part of a conflict.")
    sort: EntrySort = Field("newest", description="Order of the rows.")

    def query(self) -> EntryQuery:
        """The ledger query these parameters ask for."""
        return EntryQuery(**self.model_dump())


class ConflictParams(PageParams):
    """The kind of conflicts to list."""

    kind: ConflictKind | None = Field(
        None, description=f"Conflict kind: {', '.join(CONFLICT_KINDS)}."
    )


class ActorParams(PageParams):
    """The facts shown on an actor page and the currency of its chart."""

    type: FactTypeParam | None = Field(None, description="Fact type.")
    sort: FactSort = Field("newest", description="Order of the rows.")
    cur: CurrencyParam = Field("USD", description="Currency of the timeline chart.")

    def query(self) -> FactQuery:
        """The facts query of the page (its actor is set by the page)."""
        return FactQuery(type=self.type, sort=self.sort, limit=self.limit, offset=self.offset)


class OverviewParams(_Params):
    """The league table's currency and money kind."""

    cur: CurrencyParam = Field("USD", description="Currency of the league table.")
    kind: KindParam | Literal["all"] = Field(
        "investment", description="Money kind the league table ranks ('all': every kind)."
    )


class DocumentParams(PageParams):
    """Filters of a documents list."""

    q: str | None = Field(None, max_length=MAX_TEXT, description="Text in the title or body.")
    lang: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="Language code.")
    since: dt.date | None = Field(None, description="Published on or after.")
    until: dt.date | None = Field(None, description="Published on or before.")

    def query(self) -> DocumentQuery:
        """The store query these parameters ask for."""
        return DocumentQuery(**self.model_dump())


class ReaderParams(_Params):
    """How to show a document."""

    removed: bool = Field(False, description="Show the raw text with the removed blocks marked.")


class BriefingParams(_Params):
    """The language of the briefing."""

    lang: Literal["ko", "en"] = Field("ko", description="Korean or English.")


# the schema says what the route checks: a text or a URL must be given (not null)
_TEXT_OR_URL: dict[str, Any] = {
    "anyOf": [
        {"required": [name], "properties": {name: {"type": "string"}}} for name in ("text", "url")
    ]
}


class IngestBody(BaseModel):
    """One article to ingest: its text (with an optional title, URL and date), or a URL."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_TEXT_OR_URL)

    text: str | None = Field(None, max_length=2_000_000)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    published: dt.date | None = None
