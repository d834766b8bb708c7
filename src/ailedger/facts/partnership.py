"""Facts: sentences with a partnership cue (협력, 제휴, 손잡, 동맹, MOU …) -> partnerships.

The parties are the subject and each partner marked with 와/과 ("메타는 LG와는 XR에서,
삼성전자와는 반도체에서 동맹을" gives two partnerships), or a coordinated group of names next to
the cue ("메타와 IBM 주도로"). An organisation the subject invests in is a partner too
("아마존은 … 앤트로픽에 투자"). The domain is the domain word nearest after the partner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import Context, View, actor_for
from .model import Entity, Fact
from .structure import ORGANISATION, Phrase, usable

PARTY_KINDS = frozenset({"company", "lab", "government", "country", "alliance", "fund"})
MAX_PARTIES = 4
MAX_LISTED = 8  # the names a role of partners lists ("협력사로는 A, B, C, D, E가")
_ROLE_REACH = 30  # characters between the role and its first name
_NEAR = 30  # a cue must be this close after the partner phrase
_QUOTED_NAME = re.compile(r"[‘'“\"「][^’'”\"」]{2,40}[’'”\"」]")
_WRAPPERS = re.compile(r"[(（][^)）]{0,30}[)）]|['\"‘’“”]")


def _parties(p: Phrase) -> list[Entity]:
    """The organisations of a phrase, the unknown ones that look like one included; a product
    named there ("TPU와 엔비디아 GPU") is no party."""
    named = [x for x in p.entities if x.kind != "product"]
    return [e for e in (usable(x) for x in named) if e is not None and _party(e)]


def _party(e: Entity) -> bool:
    return e.kind in PARTY_KINDS or e.id.startswith(ORGANISATION)


def _domain(ctx: Context, view: View, at: int) -> str:
    tail = view.text[at - view.start :]
    best: tuple[int, str] | None = None
    for domain, pattern in ctx.words.domains:
        m = pattern.search(tail)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), domain)
    if best is None:
        for domain, pattern in ctx.words.domains:
            if pattern.search(view.text):
                return domain
        return ctx.words.default_domain
    return best[1]


def _fact(ctx: Context, view: View, parties: list[Entity], start: int, end: int, rule: str,
          domain: str, most: int = MAX_PARTIES) -> Fact | None:  # fmt: skip
    unique = sorted(dict.fromkeys(parties), key=lambda e: e.name)
    if not 2 <= len(unique) <= most:
        return None  # a long list of names is an industry roll-call, not one partnership
    return Fact(
        doc=ctx.doc,
        type="partnership",
        evidence=ctx.evidence(view, start, end),
        rule=rule,
        confidence=0.7,
        parties=tuple(unique),
        domain=domain,
    )


def partnership_facts(ctx: Context) -> Iterator[Fact]:
    for view in ctx.views:
        cues = list(ctx.words.partnership.finditer(view.text))
        yield from _investments(ctx, view)
        listed = _listed(ctx, view)
        if listed is not None:
            yield listed
            continue
        if not cues:
            yield from _joint(ctx, view)
            continue
        last_cue = view.start + cues[-1].end()
        partners = [p for p in view.phrases if p.role == "comitative" and _parties(p)]
        found = False
        for p in partners:
            cue = next((c for c in cues if view.start + c.start() >= p.end), None)
            if cue is None or view.start + cue.start() - p.end > 60:
                continue
            actor = actor_for(ctx, view, p.start, p.end, noun_phrase=(), ellipsis=False)
            own = [actor.entity] if actor.entity else list(actor.group)
            if not own:
                continue  # partners of nobody named: not a partnership we can state
            end = view.start + cue.end()
            domain = _domain(ctx, view, p.end)
            fact = _fact(
                ctx, view, [*own, *_parties(p)], p.start, end, "partnership/partner", domain
            )
            if fact is not None:
                found = True
                yield fact
        if found or partners:
            continue  # partners named but none usable: the group is not the partnership
        for p in view.phrases:
            if len(p.members) < 2 or p.role == "comitative":
                continue
            if ctx.words.apart.search(view.text, p.end - view.start, last_cue - view.start):
                continue  # "A와 B 등 … 진영에 맞서는 동맹": they are what the alliance opposes
            near = any(0 <= view.start + c.start() - p.end <= _NEAR for c in cues)
            if near or (p.role == "subject" and last_cue > p.end):
                fact = _fact(ctx, view, _parties(p), p.start, last_cue, "partnership/group",
                             _domain(ctx, view, p.end))  # fmt: skip
                if fact is not None:
                    yield fact


def _listed(ctx: Context, view: View) -> Fact | None:
    """The names a role of partners lists: "기술 협력사로는 A와 B, C가 이름을 올렸다", "지분
    출자는 A, B, C가 맡는다", "its partners include A, B and C" — a roll-call that is the
    partnership, so it may name more parties than a cue's group."""
    for role in ctx.words.partner_roles.finditer(view.text):
        at = view.start + role.end()
        for p in view.phrases:
            if len(p.members) >= 2 and 0 <= p.start - at <= _ROLE_REACH:
                return _fact(ctx, view, _parties(p), p.start, p.end, "partnership/listed",
                             _domain(ctx, view, at), MAX_LISTED)  # fmt: skip
    return None


def _joint(ctx: Context, view: View) -> Iterator[Fact]:
    """Names coordinated as the subject that build or plan something together: "SK그룹과
    AWS가 울산에 데이터센터를 짓는다", "두 회사가 … 건립 계획을 논의" — unless the sentence has
    them act apart or against each other (각각, 경쟁)."""
    if ctx.words.apart.search(view.text):
        return
    for p in view.phrases:
        if p.role != "subject" or len(p.members) < 2:
            continue
        cue = ctx.words.joint.search(view.text, p.end - view.start) or _named_together(ctx, view, p)
        if cue is None:
            continue
        end = view.start + cue.end()
        fact = _fact(ctx, view, _parties(p), p.start, end, "partnership/joint",
                     _domain(ctx, view, p.end))  # fmt: skip
        if fact is not None:
            yield fact
        return


_PROJECT_REACH = 40  # characters between the subject and the project it makes public


def _named_together(ctx: Context, view: View, p: Phrase) -> re.Match[str] | None:
    """The release cue after coordinated names that make a named project public together
    ("A·B·C가 '스타게이트' 계획을 내놓았다", "A and B unveiled Stargate"), else None."""
    cue = ctx.words.launch.search(view.text, p.end - view.start)
    if cue is None or view.start + cue.start() - p.end > _PROJECT_REACH:
        return None
    between = view.text[p.end - view.start : cue.start()]
    named = any(
        m.entity.kind in ("alliance", "product") and p.end <= m.start < view.start + cue.start()
        for m in view.mentions
    )
    return cue if named or _QUOTED_NAME.search(between) else None


def _investments(ctx: Context, view: View) -> Iterator[Fact]:
    """ "X는 … Y에 투자", "Y의 최대 투자자 X", "X will invest … in Y": investor and investee;
    "X는 Y에 HBM을 공급", "X would supply Y": supplier and customer (the supplier may be the
    subject the text goes on about)."""
    for p in view.phrases:
        targets = [e for e in _parties(p) if e.kind in ("company", "lab")]
        if not targets:
            continue
        after = _WRAPPERS.sub("", ctx.text[p.members[-1].end : view.end])
        before = ctx.text[view.start : p.start]  # English: "supply Humain", "invest … in OpenAI"
        object_ = p.role != "subject"  # Korean: the investee or customer is no subject
        invested = after.startswith(ctx.words.investment_links) or ctx.words.investment.match(after)
        if (object_ and invested) or ctx.words.investment_before.search(before):
            rule, domain, carry = "partnership/investment", "investment", False
        elif (object_ and ctx.words.supply.match(after)) or ctx.words.supply_before.search(before):
            rule, domain, carry = "partnership/supply", "supply", True
        else:
            continue
        actor = actor_for(ctx, view, p.start, p.end, noun_phrase=(), ellipsis=carry, main=carry)
        # "삼성전자와 SK하이닉스가 오픈AI에 공급": each supplier or investor with the target
        for own in [actor.entity] if actor.entity else _parties_of(actor.group):
            if own in targets:
                continue
            fact = _fact(ctx, view, [own, *targets], p.start, min(p.end + 12, view.end),
                         rule, domain)  # fmt: skip
            if fact is not None:
                yield fact


def _parties_of(group: tuple[Entity, ...]) -> list[Entity]:
    return [e for e in (usable(x) for x in group) if e is not None and _party(e)]
