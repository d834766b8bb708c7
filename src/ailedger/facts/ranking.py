"""Facts: "N위" with an index named in the sentence or just before -> rankings.

The subject is the ranked country or company (the sentence's subject, else the carried one);
the year is the sentence's date ("작년 6위" in a 2025 article -> 2024).
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, actor_for
from .model import Fact
from .periods import year_period

_LOOKBACK = 3  # sentences before the rank in which the index may be named


def ranking_facts(ctx: Context) -> Iterator[Fact]:
    index_name: tuple[int, str] | None = None
    for view in ctx.views:
        named = [m for m in view.mentions if m.entity.kind == "index"]
        source = ctx.words.index_source.search(view.text)
        if named:
            index_name = (view.index, named[0].entity.name)
        elif source:
            index_name = (view.index, source.group(1))
        elif ctx.words.index_words.search(view.text):
            index_name = (view.index, ctx.words.index_words.search(view.text).group())  # type: ignore[union-attr]
        if index_name is None or view.index - index_name[0] > _LOOKBACK:
            continue
        for m in ctx.words.rank.finditer(view.text):
            start, end = view.start + m.start(), view.start + m.end()
            actor = actor_for(ctx, view, start, end, noun_phrase=("bare", "possessive"))
            if actor.entity is None:
                continue
            year, _ = year_period(view, start, end, ctx.published)
            dates_before = [d for d in view.dates if d.end <= start and start - d.end <= 4]
            span_start = dates_before[-1].start if dates_before else start
            yield Fact(
                doc=ctx.doc,
                type="ranking",
                evidence=ctx.evidence(view, span_start, end),
                rule=f"ranking/{actor.rule}",
                confidence=actor.confidence,
                subject=actor.entity,
                index=index_name[1],
                rank=int(next(g for g in m.groups() if g)),
                year=year,
            )
            break
