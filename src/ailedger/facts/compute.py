"""Facts: GPU counts, data-centre counts and power (GW/MW) -> compute facts with their actor.

A name right before a GPU count is usually the chip's maker ("엔비디아 GPU 1만장"), not the
buyer, so only a possessive heads the phrase here ("메타의 GPU 130만 개").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..quantities.model import Quantity
from .context import Context, View, actor_for
from .model import Fact
from .money import withdrawn
from .periods import year_period

MIN_GPUS = 100  # fewer GPUs than this is a server or a price unit, not compute capacity
MAX_GPUS = 100_000_000  # more than this is not a count of GPUs (transistors, tokens)
UNITS = {"gpu": "gpu", "datacenter": "datacenter", "GW": "GW", "MW": "MW"}


_REACH = 16  # characters between a GPU's or a data centre's word and its count
_TOPIC = re.compile(r"[가-힣][은는]\s")


def _unit_by_context(ctx: Context, view: View, q: Quantity) -> str | None:
    """A plain count shortly after a GPU's or a data centre's word counts that unit:
    "H100 2만장", "GPU를 2만 장 이상", "데이터센터 후보지 35곳"."""
    if q.dim != "count":
        return None
    lead = view.text[max(0, q.start - view.start - _REACH) : q.start - view.start]
    for unit, counters, pattern in ctx.words.by_context:
        if q.unit not in counters:
            continue
        hits = list(pattern.finditer(lead))
        if hits and ctx.words.context_gap.fullmatch(lead, hits[-1].end()):
            return unit
    return _unit_by_topic(ctx, view, q)


def _unit_by_topic(ctx: Context, view: View, q: Quantity) -> str | None:
    """A count in a counter only GPUs take here (장) when this sentence or the one before
    names GPUs anywhere and nothing else countable so (웨이퍼) is near; or the count the
    sentence says its topic is ("… 요청한 데이터센터는 9월 기준 730곳 가량이다")."""
    topic = _counted_topic(ctx, view, q)
    if topic is not None:
        return topic
    before = [v for v in ctx.views if v.index == view.index - 1]
    around = view.text + "".join(v.text for v in before)
    near = view.text[max(0, q.start - view.start - _REACH) : q.end - view.start + _REACH]
    for unit, counters in ctx.words.loose_counters:
        words = next(p for u, _, p in ctx.words.by_context if u == unit)
        if (
            q.unit in counters
            and words.search(around)
            and not ctx.words.loose_blockers.search(near)
        ):
            return unit
    return None


def _counted_topic(ctx: Context, view: View, q: Quantity) -> str | None:
    """The unit whose word is the sentence's topic (데이터센터는) when `q`, in one of its
    counters, is the sentence's last quantity: what the sentence counts."""
    if ctx.lang != "ko" or view.quantities[-1] is not q:
        return None
    lead = view.text[: q.start - view.start]
    for unit, counters, words in ctx.words.by_context:
        if q.unit not in counters:
            continue
        for m in words.finditer(lead):
            rest = lead[m.end() :]
            if rest.startswith(("는 ", "은 ")) and not _TOPIC.search(rest, 2):
                return unit  # the last topic before the count
    return None


def compute_facts(ctx: Context) -> Iterator[Fact]:
    for view in ctx.views:
        for q in view.quantities:
            unit = UNITS.get(q.unit or "") or _unit_by_context(ctx, view, q)
            if q.dim not in ("count", "power") or unit is None:
                continue
            gpus = q.value if q.value is not None else q.max
            if unit == "gpu" and (gpus is None or not MIN_GPUS <= gpus <= MAX_GPUS):
                continue  # "GPU 한 장당 300만 원" is a unit price; 800억 개 counts transistors
            if withdrawn(ctx, view, q):
                continue  # a cancelled campus's capacity is no fact
            actor = actor_for(ctx, view, q.start, q.end, noun_phrase=("possessive",))
            year, _ = year_period(view, q.start, q.end, ctx.published)
            yield Fact(
                doc=ctx.doc,
                type="compute",
                evidence=ctx.evidence(view, q.start, q.end),
                rule=f"compute/{actor.rule}",
                confidence=actor.confidence,
                actor=actor.entity,
                actor_group=actor.group,
                quantity=q,
                unit=unit,
                year=year,
            )
