"""Facts: launch cues (출시, 공개, 선보여, 내놓 …) -> launches: who, what, when.

The product is a product named in the table, else the proper noun (Kiwi NNP or a Latin name)
that is the object right before the cue ("라마2를 공개"): an ordinary noun ("보고서를 공개")
is not a product. Founding cues ("xAI를 설립") launch the company itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Token
from .context import Context, View, actor_for
from .model import Entity, Fact
from .periods import iso_date
from .structure import usable

_NAMES = frozenset({"NNP", "SL", "SN", "SH"})
_NOUNS = frozenset({"NNP", "NNG", "SL", "SN", "SH", "SSO", "SSC", "SO", "XSN", "NR"})
_REACH = 14  # characters between the object and the cue


def _object_before(tokens: tuple[Token, ...], at: int) -> tuple[int, int] | None:
    """The proper-noun object (tokens before an object particle) ending just before `at`."""
    before = [t for t in tokens if t.end <= at]
    for i in range(len(before) - 1, -1, -1):
        t = before[i]
        if at - t.end > _REACH:
            return None
        if t.tag == "JKO":
            j = i - 1
            names: list[Token] = []
            while (
                j >= 0
                and before[j].tag in _NOUNS
                and (not names or names[0].start - before[j].end <= 1)
            ):
                if before[j].tag in _NAMES or names:
                    names.insert(0, before[j])
                j -= 1
                if before[j + 1].tag not in _NAMES and names:
                    break
            named = [n for n in names if n.tag in _NAMES]
            if not named:
                return None
            return named[0].start, named[-1].end
    return None


def _product(ctx: Context, view: View, cue_start: int) -> tuple[str, int] | None:
    products = [m for m in view.mentions if m.entity.kind == "product" and m.end <= cue_start]
    if products and cue_start - products[-1].end <= _REACH + 4:
        return products[-1].entity.name, products[-1].start
    span = _object_before(view.tokens, cue_start)
    if span is None:
        return None
    named = [m for m in view.mentions if span[0] <= m.start < span[1]]
    if named:
        return named[0].entity.name, span[0]
    name = ctx.text[span[0] : span[1]]
    if not any(c.isalpha() for c in name):
        return None  # "2'를 공개": a number alone is not a product's name
    return name, span[0]


def launch_facts(ctx: Context) -> Iterator[Fact]:
    for view in ctx.views:
        for cue in ctx.words.launch.finditer(view.text):
            at = view.start + cue.start()
            found = _product(ctx, view, at)
            if found is None:
                continue
            product, pstart = found
            actor = actor_for(ctx, view, pstart, at, noun_phrase=())
            if actor.entity is None:
                continue
            start = min(pstart, at)
            fact = _launch(ctx, view, actor.entity, product, start, view.start + cue.end(),
                           f"launch/{actor.rule}", actor.confidence)  # fmt: skip
            if fact is not None:
                yield fact
        for cue in ctx.words.founding.finditer(view.text):
            at = view.start + cue.start()
            companies = [m for m in view.mentions if m.end <= at and at - m.end <= _REACH
                         and m.entity.kind in ("company", "lab")]  # fmt: skip
            if companies:
                founded = usable(companies[-1].entity)
                if founded is not None:
                    fact = _launch(ctx, view, founded, founded.name, companies[-1].start,
                                   view.start + cue.end(), "launch/founding", 0.6)  # fmt: skip
                    if fact is not None:
                        yield fact


def _launch(ctx: Context, view: View, actor: Entity, product: str, start: int, end: int,
            rule: str, confidence: float) -> Fact | None:  # fmt: skip
    """The launch, when the text says when: an undated launch cannot be placed in time."""
    date = iso_date(view, start, end)
    if date is None:
        return None
    return Fact(
        doc=ctx.doc,
        type="launch",
        evidence=ctx.evidence(view, start, end),
        rule=rule,
        confidence=confidence,
        actor=actor,
        product=product,
        date=date,
    )
