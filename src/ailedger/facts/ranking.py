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

_LOOKBACK = 3  # sentences before the rank in which the index may be named
_NEAR = 6  # characters between a name and its "(N위)" or between "N위는" and the name


def _index_in(ctx: Context, view: View) -> str | None:
    named = [m for m in view.mentions if m.entity.kind == "index"]
    if named:
        return named[0].entity.name
    source = ctx.words.index_source.search(view.text)
    if source:
        return source.group(1)
    word = ctx.words.index_words.search(view.text)
    return word.group() if word else None


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
    index_name: tuple[int, str] | None = None
    for view in ctx.views:
        found = _index_in(ctx, view)
        if found:
            index_name = (view.index, found)
        if index_name is None or view.index - index_name[0] > _LOOKBACK:
            continue
        for m in ctx.words.rank.finditer(view.text):
            said = next(g for g in m.groups() if g)
            rank = int(said) if said.isdigit() else ctx.words.ordinals.get(said.lower(), 0)
            if not rank:
                continue
            start, end = view.start + m.start(), view.start + m.end()
            subject, rule = _subject(ctx, view, start, end)
            if subject is None:
                continue
            year, _ = year_period(view, start, end, ctx.published)
            dates_before = [d for d in view.dates if d.end <= start and start - d.end <= 4]
            span_start = dates_before[-1].start if dates_before else start
            yield Fact(
                doc=ctx.doc,
                type="ranking",
                evidence=ctx.evidence(view, span_start, end),
                rule=rule,
                confidence=0.7,
                subject=subject,
                index=index_name[1],
                rank=rank,
                year=year,
            )
