"""Store search: a text -> the SQL condition "the fact's JSON payload contains it, in any letter
case", served by the full-text index of migration 0005 (FTS5 trigrams on SQLite, pg_trgm on
PostgreSQL).

% and _ are characters, never wildcards. On PostgreSQL the condition is ILIKE, which the
trigram index serves and rechecks itself. On SQLite a trigram phrase query is already an exact
substring test (consecutive trigrams at consecutive positions), with letters folded as the
index folds them, so the rows are not read again: reading every matching payload would cost
more than the search. A single character, or a text with a line break (the index's own
separator), is looked for with LIKE over every payload (SQLite's LIKE folds ASCII letters only).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, func, literal, select, table
from sqlalchemy.sql.elements import ColumnElement

from . import schema as t

FTS_TABLE = "facts_fts"  # FTS5, trigram tokenizer, contentless, kept by triggers on facts
FTS_TERMS = "facts_fts_terms"  # fts5vocab over it: one row per distinct trigram
TRGM_INDEX = "ix_facts_payload_trgm"  # PostgreSQL: GIN (payload gin_trgm_ops)
TRIGGERS = ("facts_fts_insert", "facts_fts_delete", "facts_fts_update")
NEVER = '"\n\n\n"'  # a phrase no payload holds (its only raw newline is the one after it)
_LAST = "\U0010ffff"

_fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))
_terms = table(FTS_TERMS, column("term"))


def is_index_object(name: str | None) -> bool:
    """Whether a table or index is part of the search index, not of `schema.metadata`."""
    return bool(name) and (name == TRGM_INDEX or str(name).startswith(FTS_TABLE))


def include_object(
    _obj: object, name: str | None, _kind: str, _reflected: bool, _to: object
) -> bool:
    """Alembic's filter: compare everything but the search index with `schema.metadata`."""
    return not is_index_object(name)


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape character \\) matching `text` anywhere, % _ and \\ literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def phrase(text: str) -> str:
    """`text` as one FTS5 phrase (a string in double quotes, inner quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'


def payload_contains(dialect: str, text: str) -> ColumnElement[bool]:
    """The condition on `facts` rows whose payload contains `text` (in any letter case).

    Args:
        dialect: the engine's dialect name ("sqlite" or "postgresql").
        text: what to find, as it is written in the JSON payload.
    """
    f = t.facts
    if dialect != "sqlite" or len(text) < 2 or "\n" in text:
        return f.c.payload.ilike(like_pattern(text), "\\")
    if len(text) >= 3:
        query: Any = literal(phrase(text))
    else:  # shorter than a trigram: any trigram that starts with it (each payload ends in \n)
        low = text.lower()
        alternatives = (
            select(
                func.group_concat(
                    literal('"') + func.replace(_terms.c.term, '"', '""') + '"', " OR "
                )
            )
            .where(_terms.c.term >= low, _terms.c.term < low + _LAST)
            .scalar_subquery()
        )
        query = func.coalesce(alternatives, NEVER)
    candidates = select(_fts.c.rowid).where(_fts.c[FTS_TABLE].match(query))
    return f.c.id.in_(candidates)
