"""Facts: launch cues -> launches: who, what, when.

Two kinds of cue (data/<lang>/facts.yaml): a release cue (출시, 공개, 선보여, 내놓 …) needs a
name for what is released — a product in the table, a quoted name, or a proper noun (Kiwi
NNP, a Latin name) as the object right before the cue, so "보고서를 공개" is no launch; an
operation cue (가동, 양산, 출하, 준공 …) and a founding cue (설립) take the noun phrase before
them, named or not ("1단계 가동", "AI 전환 법인을 설립"). Every launch needs an actor and a
date: an undated launch cannot be placed in time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..model import Token
from .context import Actor, Context, View, actor_for
from .model import EntityMention, Fact
from .periods import iso_date
from .structure import usable

_NAMES = frozenset({"NNP", "SL", "SH"})
_NOUNS = frozenset({"NNP", "NNG", "SL", "SN", "SH", "NR", "XSN", "SS", "SSO", "SSC", "SO", "SW"})
_PARTICLES = frozenset({"JKO", "JKS", "JX", "JKB", "JC"})
_REACH = 16  # characters between the object and the cue
_QUOTED = re.compile(r"[‘'“\"「]([^’'”\"」]{1,40})[’'”\"」]")
# The version after a product's name ("그록 3", "그록(Grok) 3", "엑사원 2.0", "Llama 3.1"); not a
# count or an amount ("GPU 3만 개", "라마 3개").
_VERSION = re.compile(
    r"\)?(?:\s?\([^)]{1,20}\))?[\s-]?(\d{1,2}(?:\.\d{1,2})?)"
    r"(?![\d.,]|\s?(?:개|명|억|조|만|천|백|달러|원|%|년|월|일|위|배|곳|대|장|기|종|건|차|세대|나노|단))"
)


def _named(ctx: Context, m: EntityMention) -> str:
    """A product's name with the version the text gives it: Grok 3, EXAONE 2.0."""
    version = _VERSION.match(ctx.text, m.end)
    if version is None or m.entity.name.endswith(version.group(1)):
        return m.entity.name
    return f"{m.entity.name} {version.group(1)}"


def _noun_run(tokens: tuple[Token, ...], at: int) -> list[Token]:
    """The nouns right before `at`, through one particle (the object or subject of the cue)."""
    before = [t for t in tokens if t.end <= at]
    i = len(before) - 1
    if i >= 0 and before[i].tag in _PARTICLES:
        i -= 1
    run: list[Token] = []
    while i >= 0 and before[i].tag in _NOUNS and len(run) < 5:
        if run and run[0].start - before[i].end > 1:
            break
        run.insert(0, before[i])
        i -= 1
    if run and at - run[-1].end > _REACH:
        return []
    return [t for t in run if t.tag not in ("SS", "SSO", "SSC", "SO", "SW")]


def _last_nouns(tokens: tuple[Token, ...], at: int) -> list[Token]:
    """The last run of common or proper nouns before `at` ("용인 클러스터 1기 팹 … 준공")."""
    before = [t for t in tokens if t.end <= at and at - t.end <= 40]
    run: list[Token] = []
    for t in reversed(before):
        if t.tag in ("NNG", "NNP", "SL"):
            if run and run[0].start - t.end > 1:
                break
            run.insert(0, t)
        elif run:
            break
    return run if sum(t.end - t.start for t in run) >= 2 else []


_OBJECT_MARK = re.compile(r"[을를]\s")


def _object_of_cue(lead: str, q: re.Match[str]) -> bool:
    """A quoted name marked as the object ('라마 3'를) is what the cue releases however long its
    description before the cue ("… 두 가지 크기의 오픈소스로 풀었다"), unless another object
    comes between."""
    marked = _OBJECT_MARK.match(lead, q.end())
    return marked is not None and _OBJECT_MARK.search(lead, marked.end()) is None


def _product(
    ctx: Context, view: View, at: int, named_only: bool, *, tokens: bool = True
) -> tuple[str, int] | None:
    """What is launched and where its name starts, or None; without `tokens`, only a product
    of the table or a quoted name."""
    products = [m for m in view.mentions if m.entity.kind == "product" and m.end <= at]
    if products and at - products[-1].end <= _REACH + 4:
        return _named(ctx, products[-1]), products[-1].start
    lead = view.text[max(0, at - view.start - 40) : at - view.start]
    quoted = list(_QUOTED.finditer(lead))
    if quoted and (len(lead) - quoted[-1].end() <= _REACH or _object_of_cue(lead, quoted[-1])):
        q = quoted[-1]
        start = at - len(lead) + q.start(1)
        inside = [m for m in products if start <= m.start < start + len(q.group(1))]
        return (_named(ctx, inside[0]) if inside else q.group(1)), start  # Llama 3, not 라마 3
    if not tokens:
        return None
    run = _noun_run(view.tokens, at) or ([] if named_only else _last_nouns(view.tokens, at))
    if not run:
        return None
    if named_only and not any(t.tag in _NAMES for t in run):
        return None
    name = ctx.text[run[0].start : run[-1].end]
    if not any(c.isalpha() for c in name):
        return None  # "2'를 공개": a number alone is not a product's name
    return name, run[0].start


def launch_facts(ctx: Context) -> Iterator[Fact]:
    seen: set[tuple[object, ...]] = set()  # one launch told by two cues of a sentence
    key: tuple[object, ...]
    for view in ctx.views:
        cues = [(m, True, "release") for m in ctx.words.launch.finditer(view.text)]
        cues += [(m, False, "operation") for m in ctx.words.operation.finditer(view.text)]
        cues += [(m, False, "founding") for m in ctx.words.founding.finditer(view.text)]
        for cue, named_only, rule in sorted(cues, key=lambda c: c[0].start()):
            at = view.start + cue.start()
            if ctx.words.event_after.match(view.text, cue.end()) or _not_a_product(ctx, view, at):
                continue
            if ctx.words.former_plan.match(view.text, cue.end()):
                continue  # "1단계 준공이 목표였다": a plan that is no more
            itself = _founded(ctx, view, at, view.start + cue.end()) if rule == "founding" else None
            if itself is not None:
                key = (view.index, itself.actor, (), itself.product)
                if key not in seen:
                    seen.add(key)
                    yield itself
                continue
            after = _product_after(ctx, view, view.start + cue.end())
            if ctx.lang == "ko":
                found = _product(ctx, view, at, named_only) or after
            else:  # English names the product after the cue, or before it in the passive
                found = after or _product(ctx, view, at, named_only, tokens=False)
            if found is None:
                continue
            each = _respectively(ctx, view, at, view.start + cue.end()) if rule == "release" else []
            if each:
                for one in each:
                    key = (view.index, one.actor, (), one.product)
                    if key not in seen:
                        seen.add(key)
                        yield one
                continue
            product, pstart = found
            actor = actor_for(ctx, view, pstart, at, noun_phrase=("possessive",), main=True)
            if actor.entity is None and not actor.group and rule == "founding":
                founded = [m for m in view.mentions if pstart <= m.start < at]
                who = usable(founded[0].entity) if founded else None
                actor = Actor(who, (), "founded", 0.6)
            if actor.entity is None and not actor.group:
                continue
            fact = _launch(ctx, view, actor, product, min(pstart, at), view.start + cue.end(),
                           f"launch/{rule}/{actor.rule}")  # fmt: skip
            key = (view.index, actor.entity, actor.group, product)
            if fact is not None and key not in seen:
                seen.add(key)
                yield fact


def _respectively(ctx: Context, view: View, at: int, stop: int) -> list[Fact]:
    """ "A와 B는 13일과 14일 각각 'X'와 'Y'를 공개했다": the n-th name launched the n-th quoted
    product, on the n-th date when the sentence gives one per name."""
    word = ctx.words.respectively.search(view.text, 0, at - view.start)
    if word is None:
        return []
    for p in view.phrases:
        names = [e for e in (usable(x) for x in p.entities) if e is not None]
        if p.role != "subject" or len(names) < 2 or p.end > view.start + word.start():
            continue
        between = ctx.text[view.start + word.end() : at]
        quoted = list(_QUOTED.finditer(between))
        if len(quoted) != len(names):
            return []
        days = [d for d in view.dates if p.end <= d.start < at and d.kind == "day"]
        out = []
        for n, (entity, q) in enumerate(zip(names, quoted, strict=True)):
            start = view.start + word.end() + q.start(1)
            fact = _launch(ctx, view, Actor(entity, (), "respectively", 0.7), q.group(1), start,
                           stop, "launch/release/respectively")  # fmt: skip
            if fact is None:
                continue
            day = days[n].value if len(days) == len(names) else None
            out.append(replace(fact, date=_day(day)) if day else fact)
        return out
    return []


_FOUNDED_NEAR = 3  # characters between "창업한" and the organisation it founded


def _founded(ctx: Context, view: View, at: int, end: int) -> Fact | None:
    """An organisation founding itself: "2018년 부산에서 창업한 가온클라우드는" (the name right
    after the cue that modifies it), "가온클라우드는 2018년 창업했다" (the subject, with no
    object between it and the cue)."""
    orgs = [m for m in view.mentions if m.entity.kind in ("company", "lab", "unresolved")]
    if ctx.words.launch_after.match(ctx.text, end, view.end):
        named = [m for m in orgs if 0 <= m.start - end <= _FOUNDED_NEAR + 3]
        org = usable(named[0].entity) if named else None
    else:
        subjects = [p for p in view.phrases if p.role == "subject" and p.end <= at]
        between = ctx.text[subjects[-1].end : at] if subjects else "을 "
        names = [usable(x) for x in subjects[-1].entities] if subjects else []
        alone = len(names) == 1 and names[0] is not None and not _OBJECT_MARK.search(between)
        org = names[0] if alone and any(m.entity == names[0] for m in orgs) else None
    if org is None:
        return None
    return _launch(ctx, view, Actor(org, (), "founded", 0.65), org.name, at, end,
                   "launch/founding/itself")  # fmt: skip


def _day(value: str) -> str:
    return value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else value[:4]


_AFTER_REACH = 40  # characters between the cue and a name after it
_CAPITALISED = re.compile(r"\b([A-Z][A-Za-z0-9.-]*(?:\s[A-Z0-9][A-Za-z0-9.-]*)*)")


def _product_after(ctx: Context, view: View, end: int) -> tuple[str, int] | None:
    """A named product after the cue: Korean when the cue modifies it ("올해 출시할 AI 메신저
    '카나나'", "지난해 선보인 엑사원 2.0"), English in its word order ("unveiled Grok 3",
    "mass production of its HBM3E")."""
    if not ctx.words.launch_after.match(ctx.text, end, view.end):
        return None
    stop = min(view.end, end + _AFTER_REACH)
    products = [m for m in view.mentions if m.entity.kind == "product" and end <= m.start < stop]
    if products:
        return _named(ctx, products[0]), products[0].start
    tail = ctx.text[end:stop]
    quoted = _QUOTED.search(tail)
    if quoted:
        return quoted.group(1), end + quoted.start(1)
    if ctx.lang != "ko":
        named = _CAPITALISED.search(tail)
        if named and not any(m.start <= end + named.start() < m.end for m in view.mentions):
            return named.group(1), end + named.start(1)
    return None


_OBJECT = re.compile(r"(?:을|를|도|은|는)?\s*$")


def _not_a_product(ctx: Context, view: View, at: int) -> bool:
    """True when the object right before the cue is a plan or a report ("구축 계획을 공개")."""
    lead = view.text[: at - view.start]
    lead = lead[: _OBJECT.search(lead).start()]  # type: ignore[union-attr]
    return lead.lower().endswith(ctx.words.not_objects)


def _launch(ctx: Context, view: View, actor: Actor, product: str, start: int, end: int,
            rule: str) -> Fact | None:  # fmt: skip
    date = iso_date(view, end, end, bounded=True)  # nearest before the cue: "X를 24일 공개"
    confidence = actor.confidence
    if date is None and ctx.published and ctx.words.launch_past.match(ctx.text, end, view.end):
        # "… 함께 내놨다" with no date of its own: news tells what happened lately, so the
        # month of publication (not the day: it may have been the day before)
        date, rule, confidence = ctx.published.isoformat()[:7], rule + "/published", 0.4
    if date is None:
        return None
    return Fact(
        doc=ctx.doc,
        type="launch",
        evidence=ctx.evidence(view, start, end),
        rule=rule,
        confidence=confidence,
        actor=actor.entity,
        actor_group=actor.group,
        product=product,
        date=date,
    )
