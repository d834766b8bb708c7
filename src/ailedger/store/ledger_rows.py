"""Store: the ledger tables' columns -> entry heads (entries read without their JSON payload).

`read_entries` decodes each entry's payload, which holds every claim with its document and
sentence: on a ledger of 12 000 money entries that takes seconds. Ranking entries needs none of
it: an entry's actor, kind, year, period, status and money are columns of `ledger_entries`,
and the date it was first reported is its first claim's row in `ledger_claims`. A head is the
entry those give: equal to `read_entries`'s but that `claims` is empty, `sources` holds only
the first source (which dates the entry: `Entry.published`), and the fields the tables have no
column for (`parties`, `product`, `date`, `subject`, `index`, `rank`) are left at their
defaults. Amounts go through the JSON number the payload holds (`facts.serialize.number`), so
they are the same Decimals to the digit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..facts.serialize import number
from ..ledger.model import Entry, Money, Source
from . import ledger_schema as lt
from .connect import describe
from .reads import Reads

e, cl = lt.ledger_entries, lt.ledger_claims
_COLUMNS = tuple(c for c in e.c if c.name not in ("payload", "part"))  # a payload is large
_SAME = (
    "id", "type", "actor_name", "actor_ko", "kind", "year", "period", "unit", "status", "revises",
)  # fmt: skip


def _amount(value: Decimal | None) -> Decimal | None:
    """The Decimal the payload gives back: its JSON number read through its text."""
    n = number(value)
    return None if n is None else Decimal(str(n))


def _money(row: Any) -> Money | None:
    if row.fx_source is None:  # an entry with money always names its rates' source
        return None
    legs = (row.usd_min, row.usd_max, row.krw_min, row.krw_max)
    usd_min, usd_max, krw_min, krw_max = map(_amount, legs)
    return Money(usd_min, usd_max, krw_min, krw_max, row.fx_date, row.fx_source)


def _head(row: Any) -> Entry:
    first = Source(row.first_group, (), row.first_published, (), "first")
    fields: dict[str, Any] = {name: getattr(row, name) for name in _SAME}  # as the row has them
    fields |= {name: _amount(getattr(row, name)) for name in ("value", "min", "max")}
    return Entry(
        **fields,
        actor=row.actor_id,
        group=tuple(row.actor_group.split(",")) if row.actor_group else (),
        approx=bool(row.approx),
        claims=(),
        sources=(first,) if row.first_group is not None else (),
        money=_money(row),
    )


def read_entry_heads(
    store: Reads,
    *,
    type: str | None = None,  # the CLI option and JSON key
    status: str | None = None,
    actors_only: bool = False,
) -> list[Entry]:
    """The heads of the stored entries (see the module docstring) in ledger order, filtered by
    type and status; with `actors_only`, only the entries of one actor (a league table ranks
    no other: `ledger.aggregate.select`). What a league table ranks, read in one query.

    Raises:
        StoreError: the database cannot be read.
    """
    first = and_(cl.c.entry_id == e.c.id, cl.c.seq == 0)  # the first claim: the first source's
    dated = (cl.c.group_id.label("first_group"), cl.c.published.label("first_published"))
    stmt = select(*_COLUMNS, *dated).select_from(e.outerjoin(cl, first))
    if actors_only:
        stmt = stmt.where(e.c.actor_id.is_not(None))
    if type:
        stmt = stmt.where(e.c.type == type)
    if status:
        stmt = stmt.where(e.c.status == status)
    try:
        with store.engine.connect() as conn:
            return [_head(row) for row in conn.execute(stmt.order_by(e.c.seq))]
    except SQLAlchemyError as exc:
        raise StoreError(f"read from {store.engine.url} failed: {describe(exc)}") from exc
