"""Facts: "N위" with an index in scope -> rankings.

An index is in scope when the sentence or one of the few before it names one (the table's
indices, a quoted source '…'에 따르면, or an index word). The ranked subject is, in order: the
name right before "(N위)"; the name right after "N위는"; else the subject by the sentence's
structure (…은/는 N위, carried through ellipsis). The year is the sentence's date ("작년 6위"
in a 2025 article -> 2024).
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, View, actor_for
from .model import Entity, Fact
from .periods import year_period
from .structure import usable

_LOOKBACK = 3  # sentences before the rank in which an index word may be
_NAMED_LOOKBACK = 8  # … and an index named by its name ('…'에 따르면, the X Index)
_NEAR = 6  # characters between a name and its "(N위)" or between "N위는" and the name


def _table_index(view: View) -> str | None:
    named = [m for m in view.mentions if m.entity.kind == "index"]
    return named[0].entity.name if named else None


def _index_in(ctx: Context, view: View) -> tuple[str, bool] | None:
    """The index the sentence names, and whether by its name (not only an index word)."""
    source = ctx.words.index_source.search(view.text)
    if source:
        return next(g for g in source.groups() if g), True
    word = ctx.words.index_words.search(view.text)
    return (word.group(), False) if word else None


def _in_scope(view: View, index: tuple[int, str, bool]) -> bool:
    return view.index - index[0] <= (_NAMED_LOOKBACK if index[2] else _LOOKBACK)


def _category(ctx: Context, view: View, since: int, start: int, end: int) -> str | None:
    """The category a rank is within: "인프라 부문에서 4위" (before it, since the previous
    rank), or in English "third in the talent category" (right after it)."""
    if ctx.words.category_after:
        m = ctx.words.rank_category.match(view.text, end - view.start)
        m = m or ctx.words.rank_category.search(view.text[end - view.start : end - view.start + 40])
        return next((g for g in m.groups() if g), None) if m else None
    found = list(
        ctx.words.rank_category.finditer(view.text, since - view.start, start - view.start)
    )
    return found[-1].group(1) if found else None


def _listed_before(ctx: Context, view: View, start: int, rank: int) -> list[tuple[Entity, int]]:
    """ "미국, 중국, 싱가포르에 이어 4위": the names listed right before rank above it, in
    order (1, 2, 3 here)."""
    before = [p for p in view.phrases if p.end <= start]
    if not before or not ctx.words.rank_after_list.match(ctx.text[before[-1].end : start]):
        return []
    names = [e for e in (usable(m.entity) for m in before[-1].members) if e is not None]
    first = rank - len(names)
    return [(e, first + i) for i, e in enumerate(names)] if first >= 1 else []


def _subject(ctx: Context, view: View, start: int, end: int) -> tuple[Entity | None, str]:
    before = [m for m in view.mentions if m.end <= start and start - m.end <= _NEAR]
    if before and ctx.text[before[-1].end : start].strip(" (（") == "":
        return usable(before[-1].entity), "ranking/parenthesis"
    after = [m for m in view.mentions if m.start >= end and m.start - end <= _NEAR]
    if after and ctx.text[end : after[0].start].strip() in ctx.words.rank_topic:
        return usable(after[0].entity), "ranking/named_after"
    actor = actor_for(ctx, view, start, end, noun_phrase=("bare", "possessive"))
    return actor.entity, f"ranking/{actor.rule}"


def ranking_facts(ctx: Context) -> Iterator[Fact]:
    """An index from the table stays in scope for the rest of the article; an index word or a
    quoted source only for the next few sentences, and never over a table index."""
    table_index: str | None = None
    index_name: tuple[int, str, bool] | None = None  # sentence, name, named by its name
    for view in ctx.views:
        table_index = _table_index(view) or table_index
        found = _index_in(ctx, view)
        if found and index_name and index_name[2] and not found[1] and _in_scope(view, index_name):
            index_name = (view.index, index_name[1], True)  # "the index": the one named before
        elif found:
            index_name = (view.index, *found)
        if table_index is None and (index_name is None or not _in_scope(view, index_name)):
            continue
        index = table_index or index_name[1]  # type: ignore[index]
        since = view.start
        for m in ctx.words.rank.finditer(view.text):
            said = next(g for g in m.groups() if g)
            rank = int(said) if said.isdigit() else ctx.words.ordinals.get(said.lower(), 0)
            if not rank:
                continue
            start, end = view.start + m.start(), view.start + m.end()
            category = _category(ctx, view, since, start, end)
            since = end
            named = f"{index}: {category}" if category else index
            subject, rule = _subject(ctx, view, start, end)
            ranked = [
                (e, r, "ranking/listed_before") for e, r in _listed_before(ctx, view, start, rank)
            ]
            if subject is not None:
                ranked.append((subject, rank, rule))
            year, _ = year_period(view, start, end, ctx.published)
            dates_before = [d for d in view.dates if d.end <= start and start - d.end <= 4]
            span_start = dates_before[-1].start if dates_before else start
            for entity, place, why in ranked:
                yield Fact(
                    doc=ctx.doc,
                    type="ranking",
                    evidence=ctx.evidence(view, span_start, end),
                    rule=why,
                    confidence=0.7 if why != "ranking/listed_before" else 0.6,
                    subject=entity,
                    index=named,
                    rank=place,
                    year=year,
                )
