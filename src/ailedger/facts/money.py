"""Facts: money amounts of a document -> money facts with actor, kind, year/period and FX.

Every monetary amount the text states is a fact, except a KRW amount that only restates a
foreign amount given elsewhere in the document (a headline's 466조 원 for 3,200억 달러) and an
amount whose clause withdraws or denies it (투자 계획을 철회). A stated total over several named
actors ("빅테크 4개 기업의 총액") has no actor and lists the group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from ..errors import FxError
from ..measure import stated_rates
from ..quantities.fx import Converted, convert
from ..quantities.model import Quantity
from .context import NOBODY, Actor, Context, View, actor_for
from .model import Entity, Fact, Kind
from .periods import year_period

TOLERANCE = Decimal("0.005")
_WINDOW = 24  # characters after an amount searched for its verb or noun cue


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _restatements(ctx: Context) -> list[Decimal]:
    return [
        q.krw_stated
        for v in ctx.views
        for q in v.quantities
        if q.dim == "money" and q.currency != "KRW" and q.krw_stated is not None
    ]


def _restates(q: Quantity, stated: list[Decimal], ctx: Context, view: View) -> bool:
    """A KRW amount that restates a foreign one: equal to a stated restatement, or introduced
    as one right after a foreign amount ("800억 달러, 우리 돈 약 117조 원")."""
    if q.currency != "KRW":
        return False
    lead = view.text[max(0, q.start - view.start - 12) : q.start - view.start]
    if ctx.words.restatement_lead.search(lead):
        before = [o for o in view.quantities if o.end <= q.start]
        if not before and view.index > 0:  # "…3600억 달러다. 우리 돈으로는 500조 원에 육박한다."
            earlier = [v for v in ctx.views if v.index == view.index - 1]
            before = list(earlier[0].quantities) if earlier else []
        if any(o.dim == "money" and o.currency not in (None, "KRW") for o in before):
            return True
    value = q.value if q.value is not None else q.min
    return value is not None and any(_close(value, s) for s in stated)


def _clause_after(view: View, q: Quantity) -> str:
    rest = view.text[q.end - view.start :]
    cut = min((i for i in (rest.find(". "), rest.find(", ")) if i >= 0), default=len(rest))
    return rest[: max(cut, _WINDOW)]


def withdrawn(ctx: Context, view: View, q: Quantity) -> bool:
    """The clause withdraws or denies the amount: after it in Korean ("투자 계획을 철회"),
    before it where the language says so ("cancelled plans for a 600-megawatt campus"); not when
    that is denied in turn ("계획을 철회하거나 줄이지 않았다")."""
    clauses = [_clause_after(view, q)]
    if ctx.words.negation_before:
        lead = view.text[: q.start - view.start]
        clauses.append(lead[max(lead.rfind(", "), lead.rfind(". "), len(lead) - 48, 0) :])
    for clause in clauses:
        for m in ctx.words.negation.finditer(clause):
            if not ctx.words.not_after.search(clause, m.end(), m.end() + 14):
                return True
    return False


def kind_of(ctx: Context, view: View, q: Quantity) -> Kind:
    """The cue word nearest the amount: after it (its verb or noun) first, then before it."""
    after = view.text[q.end - view.start : q.end - view.start + _WINDOW]
    before = view.text[max(0, q.start - view.start - _WINDOW) : q.start - view.start]
    best: tuple[int, Kind] | None = None
    for kind, pattern in ctx.words.money_kinds:
        m = pattern.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)  # type: ignore[assignment]
    if best is not None:
        return best[1]
    best_before: tuple[int, Kind] | None = None
    for kind, pattern in ctx.words.money_kinds:
        hits = list(pattern.finditer(before))
        if hits:
            distance = len(before) - hits[-1].end()
            if best_before is None or distance < best_before[0]:
                best_before = (distance, kind)  # type: ignore[assignment]
    return best_before[1] if best_before else "other"


def _total(ctx: Context, view: View, q: Quantity, actor: Actor) -> Actor:
    """A total over several actors: the coordinated names of the sentence, completed from the
    subjects of earlier sentences when the text says how many ("4개 기업") and names fewer."""
    window = view.text[: q.start - view.start]
    counted = ctx.words.group_count.search(window)
    acting = counted is not None and ctx.words.group_subject.match(window, counted.end())
    stated_total = ctx.words.total.search(view.text) is not None or acting
    if not stated_total or (counted is None and len(actor.group) < 2):
        return actor  # "4개사가 쓴 돈": the counted group itself acts
    group: list[Entity] = list(actor.group)
    if actor.entity is not None:
        group.append(actor.entity)
    for p in view.phrases:
        if p.end <= q.start and len(p.members) > 1:
            group += [m.entity for m in p.members]
    group = list(dict.fromkeys(group))
    want = _count(next(g for g in counted.groups() if g), ctx) if counted else len(group)
    if want and len(group) < want:  # the subjects named before, the most mentioned first
        earlier = [v for v in ctx.views if v.index < view.index]
        named = list(
            dict.fromkeys(e for v in reversed(earlier) for p in v.subjects for e in p.entities)
        )
        mentioned = Counter(m.entity for v in ctx.views for m in v.mentions)
        for e in sorted(named, key=lambda e: -mentioned[e]):
            if e not in group and e.kind in ("company", "lab") and len(group) < want:
                group.append(e)
    if len(group) < 2:
        # "N개사 합계" whose N names the text does not give: a total of nobody in particular
        return NOBODY if counted else actor
    return Actor(None, tuple(sorted(group, key=lambda e: e.name)), "total", 0.7)


def _count(word: str, ctx: Context) -> int:
    if word.isdigit():
        return int(word)
    return ctx.words.group_numbers.get(word.lower(), 0)


def _converted(q: Quantity, ctx: Context, rates: dict[str, Decimal]) -> Converted | None:
    """USD and KRW at the article's date; none for an undated article or a currency the ECB
    does not quote (VND): the fact keeps its stated amount either way."""
    if ctx.published is None or q.currency is None:
        return None
    try:
        return convert(q.value, q.currency, ctx.published, min=q.min, max=q.max,
                       stated_krw_rate=rates.get(q.currency))  # fmt: skip
    except FxError:
        return None


_LIST_END = re.compile(r"(?<=[을를]),\s")  # the object of "각각" closed, another clause opens


def _respectively(ctx: Context, view: View, amounts: list[Quantity]) -> dict[int, Actor]:
    """ "아마존과 구글은 각각 1000억, 750억 달러를": the n-th amount is the n-th name's, when a
    coordinated subject of n names meets exactly n amounts after a 'respectively' word."""
    out: dict[int, Actor] = {}
    for p in view.phrases:
        names = p.entities
        if p.role != "subject" or len(names) < 2:
            continue
        word = ctx.words.respectively.search(view.text, p.end - view.start)
        if word is None:
            continue
        ends = _LIST_END.search(view.text, word.end())  # "각각 A와 B를, C가 D를": it ends there
        stop = view.start + ends.start() if ends else view.end
        after = [q for q in amounts if p.end <= q.start < stop]
        if len(after) != len(names):
            continue
        for q, entity in zip(after, names, strict=True):
            out[q.start] = Actor(entity, (), "respectively", 0.75)
    return out


def money_facts(ctx: Context) -> Iterator[Fact]:
    stated = _restatements(ctx)
    rates = stated_rates([q for v in ctx.views for q in v.quantities])
    for view in ctx.views:
        amounts = [
            q for q in view.quantities
            if q.dim == "money" and q.currency is not None and not _restates(q, stated, ctx, view)
        ]  # fmt: skip
        each = _respectively(ctx, view, amounts)
        for q in amounts:
            if withdrawn(ctx, view, q):
                continue
            kind = kind_of(ctx, view, q)
            found = actor_for(ctx, view, q.start, q.end, main=kind not in ("market", "budget"))
            actor = each.get(q.start) or _total(ctx, view, q, found)
            year, period = year_period(view, q.start, q.end, ctx.published)
            converted = _converted(q, ctx, rates)
            yield Fact(
                doc=ctx.doc,
                type="money",
                evidence=ctx.evidence(view, q.start, q.end),
                rule=f"money/{actor.rule}",
                confidence=actor.confidence,
                actor=actor.entity,
                actor_group=actor.group,
                quantity=q,
                converted=converted,
                kind=kind,
                year=year,
                period=period,
            )
