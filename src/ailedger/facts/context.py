"""Facts: an Analysis -> per-sentence views (mentions, phrases, quantities, dates) and the actor
of a span. Every fact module reads these views; none reads raw text on its own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from ..model import Analysis, DateMention, Token
from ..quantities.model import Quantity
from .entities import UNRESOLVED, find_entities, weak_mentions
from .model import Entity, EntityMention, Evidence
from .romanize import english_name
from .structure import ORGANISATION, Phrase, nominal_gap, phrases, role_after, usable
from .words import Words, words


@dataclass(frozen=True, slots=True)
class View:
    """One analysed sentence with what the extractors need."""

    index: int
    start: int
    end: int
    text: str  # the sentence
    mentions: tuple[EntityMention, ...]
    phrases: tuple[Phrase, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    tokens: tuple[Token, ...]
    continues: bool  # opens with a continuation word (이 회사는, 또한 …)
    previous_subject: Phrase | None  # the topic carried from earlier sentences, if any
    own_subject: bool  # some subject or topic (a name or not) is marked before any amount

    @property
    def subjects(self) -> tuple[Phrase, ...]:
        return tuple(p for p in self.phrases if p.role == "subject" and _acting(p))


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a span is about: one entity, or a group stated together, and the rule that chose."""

    entity: Entity | None
    group: tuple[Entity, ...]
    rule: str
    confidence: float


NOBODY = Actor(None, (), "none", 0.5)
_RELATIVE = 16  # at most this many characters between an amount and a subject after it


@dataclass(frozen=True, slots=True)
class Context:
    """A document ready for the fact extractors."""

    doc: str
    text: str
    lang: str
    published: dt.date | None
    words: Words
    views: tuple[View, ...]
    main: Entity | None = None  # the subject most of the article's sentences are about

    def evidence(self, view: View, start: int, end: int) -> Evidence:
        return Evidence(self.text[start:end], start, end, view.text)


def _acting(p: Phrase) -> bool:
    return any(usable(m.entity) is not None for m in p.members)


def _without_overlaps(found: list[EntityMention]) -> list[EntityMention]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[EntityMention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_NAME_TAGS = frozenset({"NNP", "SL"})


def unresolved(
    text: str, tokens: tuple[Token, ...], known: list[EntityMention], w: Words
) -> list[EntityMention]:
    """Proper nouns the table does not know (Kiwi NNP runs, Latin names) right before a
    particle: kept as unresolved entities, never dropped."""
    taken = [(m.start, m.end) for m in known]
    out: list[EntityMention] = []
    run: list[Token] = []
    for tok in (*tokens, None):
        if tok is not None and tok.tag in _NAME_TAGS and (not run or tok.start - run[-1].end <= 1):
            run.append(tok)
            continue
        if tok is not None and tok.tag == "NNG" and _name_part(tok, run, w):
            run.append(tok)  # "다온데이터센터", "남도은행 컨소시엄": a common noun in the name
            continue
        if tok is not None and tok.tag == "NNG" and not run and _unknown_word_name(tok.form, w):
            run = [tok]  # "서진건설도": one word Kiwi does not know, with an organisation ending
            continue
        if run and tok is not None and tok.tag.startswith("J") and tok.start == run[-1].end:
            while (
                len(run) > 1
                and run[1].start > run[0].end
                and run[0].form.endswith(w.org_descriptors)
            ):
                run = run[1:]  # "발전사업자 동남에너지": a word saying what it is, then the name
            start, end = _glued_start(text, run[0].start, w), run[-1].end
            name = text[start:end]
            clear = all(e <= start or s >= end for s, e in taken)
            if clear and len(name) >= 2 and not name.isdigit():
                org = _organisation_like(name, w) and not any(
                    w.titles.fullmatch(t.form) for t in run
                )
                if org and w.lang == "ko":  # named in English, as users and labels do
                    entity = Entity(ORGANISATION + name, english_name(name), UNRESOLVED, ko=name)
                else:
                    entity = Entity(("unresolved:", ORGANISATION)[org] + name, name, UNRESOLVED)
                out.append(EntityMention(entity, start, end, name))
        run = [tok] if tok is not None and tok.tag in _NAME_TAGS else []
    return out


def _unknown_names(
    analysis: Analysis, known: list[EntityMention], w: Words
) -> tuple[dict[str, Entity], dict[int, list[EntityMention]]]:
    """The unknown organisations the tokenized sentences name (Korean), by their name: found
    once, a name is found in every sentence of the article, tokenized or not, however Kiwi tags
    it there ("가온클라우드가 밝힌" after "가온클라우드와 부산광역시"). English: the names
    with an organisation word (Helios Compute), and their first word alone (Helios); and
    those English mentions by sentence start, so they are found once."""
    out: dict[str, Entity] = {}
    english: dict[int, list[EntityMention]] = {}
    text = analysis.document.text
    for s in analysis.sentences:
        if w.lang == "en" and s.gated:
            here = [m for m in known if s.start <= m.start < s.end]
            english[s.start] = unresolved_en(text, s.start, s.end, here, w)
            for m in english[s.start]:
                out.setdefault(m.text, m.entity)
                short = _short_name(m.text, w)
                if short:
                    out.setdefault(short, m.entity)
        elif s.tokens:
            here = [m for m in known if s.start <= m.start < s.end]
            for m in unresolved(text, s.tokens, here, w):
                if m.entity.id.startswith(ORGANISATION):
                    out.setdefault(m.text, m.entity)
    return out, english


def _named_again(
    text: str,
    start: int,
    end: int,
    known: list[EntityMention],
    names: dict[str, Entity],
    w: Words,
) -> list[EntityMention]:
    """Each occurrence of an unknown organisation's name in text[start:end] that ends before a
    particle or a separator and overlaps no known name."""
    taken = [(m.start, m.end) for m in known]
    out: list[EntityMention] = []
    for name, entity in names.items():
        at = text.find(name, start, end)
        while at >= 0:
            stop = at + len(name)
            edge = text[stop : stop + 1]
            ends = not edge or not edge.isalnum() or w.particles.match(text, stop) is not None
            clear = all(stop <= a or at >= b for a, b in taken)
            if ends and clear and (at == 0 or not text[at - 1].isalnum()):
                out.append(EntityMention(entity, at, stop, name))
            at = text.find(name, stop, end)
    return out


_SHORT_MIN = 4  # letters of an English name's first word to stand for the whole name


def _short_name(name: str, w: Words) -> str | None:
    """ "Helios Compute" -> "Helios": the one word before the organisation words."""
    words = name.split()
    while len(words) > 1 and words[-1] in w.org_suffixes:
        words.pop()
    if len(words) != 1 or words[0] == name or len(words[0]) < _SHORT_MIN:
        return None
    return words[0] if words[0][0].isupper() and words[0][1:].islower() else None


def unresolved_en(
    text: str, start: int, end: int, known: list[EntityMention], w: Words
) -> list[EntityMention]:
    """English organisations the table does not know: capitalised words ending in an
    organisation word ("Helios Compute", "the Red River Electric Cooperative")."""
    taken = [(m.start, m.end) for m in known]
    out: list[EntityMention] = []
    for m in w.org_name_en.finditer(text, start, end):
        s, e = m.span(1)
        if all(e <= a or s >= b for a, b in taken):
            name = m.group(1)
            out.append(EntityMention(Entity(ORGANISATION + name, name, UNRESOLVED), s, e, name))
    return out


def _glued_start(text: str, start: int, w: Words) -> int:
    """Where a name starts that Kiwi split before its Latin part: "스타트업 누리AI는" -> 누리AI
    (after a descriptor word such as 스타트업, 기업, 업체), else `start`."""
    word = text.rfind(" ", 0, start) + 1
    head = text[word:start]
    if not head or not all("가" <= c <= "힣" for c in head):
        return start
    before = text[: max(word - 1, 0)].rsplit(" ", 1)[-1]
    return word if before.endswith(w.org_descriptors) else start


_SUFFIX_MIN = 2  # letters of an organisation ending that make an unknown word a name
_HEAD_MIN = 2  # letters of the name before that ending


def _unknown_word_name(form: str, w: Words) -> bool:
    """One Hangul word ending in an organisation ending with a name before it (서진건설,
    다온데이터센터): Kiwi tags such an unknown compound as one common noun."""
    if len(form) < _HEAD_MIN + _SUFFIX_MIN or not all("가" <= c <= "힣" for c in form):
        return False
    endings = _endings(w.org_suffixes)
    return any(form[-n:] in endings for n in range(_SUFFIX_MIN, len(form) - _HEAD_MIN + 1))


@cache
def _endings(suffixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(suffixes)


def _name_part(tok: Token, run: list[Token], w: Words) -> bool:
    """A common noun continues a Korean proper name when glued to it, or when it is an
    organisation ending of its own after a space ("컨소시엄")."""
    if not any(t.tag == "NNP" for t in run):
        return False  # "AI반도체": an acronym and a noun are no name
    gap = tok.start - run[-1].end
    return gap == 0 or (gap == 1 and tok.form in w.org_suffixes)


def _organisation_like(name: str, w: Words) -> bool:
    """Latin letters in it (Coupang, 퓨리오사AI) or an organisation ending (한빛로보틱스); an
    all-capital acronym alone (AI, GPU, LLM) is not an organisation."""
    if name.isascii() and name.isupper() and len(name) <= w.acronym_max:
        return False
    return any(c.isascii() and c.isalpha() for c in name) or name.endswith(w.org_suffixes)


def _weak(strong: list[EntityMention], weak: list[EntityMention]) -> list[EntityMention]:
    """Context words (정부) mean the table's default country (Korean news: Korea's government)
    unless the article never names it and keeps naming another (a story about Britain)."""
    counts = Counter(m.entity for m in strong if m.entity.kind == "country")
    if not weak or not counts:
        return weak
    top, n = counts.most_common(1)[0]
    out = []
    for m in weak:
        if top != m.entity and n >= 2 and not counts.get(m.entity, 0):
            m = replace(m, entity=top)
        out.append(m)
    return out


ANAPHORA_REACH = 3  # "두 회사는" refers to a group named at most this many sentences before


def _group(found: list[Phrase]) -> tuple[Entity, ...]:
    """The organisations a sentence names together as its subject: the last coordinated
    subject ("SK그룹과 AWS가"), else a subject and its partner ("MS는 오픈AI와"); () when there
    is none (names only compared or opposed are no group the text goes on about)."""
    for p in reversed(found):
        ents = tuple(dict.fromkeys(e for e in map(usable, p.entities) if e is not None))
        if len(ents) >= 2 and p.role == "subject":
            return ents
    subject = next((p for p in found if p.role == "subject" and _acting(p)), None)
    partners = [p for p in found if p.role == "comitative" and _acting(p)]
    if subject is None or not partners:
        return ()
    ents = (*subject.entities, *(e for p in partners for e in p.entities))
    return tuple(dict.fromkeys(e for e in map(usable, ents) if e is not None))


def _anaphora(
    text: str, start: int, stop: int, found: list[Phrase], group: tuple[Entity, ...], w: Words
) -> list[Phrase]:
    """`found` with each anaphor of the sentence ("두 회사는", "양사가") read as a phrase of
    the group named last, when the sizes agree (size 0: "the companies", any group)."""
    out = list(found)
    for m in w.anaphora.finditer(text, start, stop):
        size = w.anaphora_sizes.get(m.group().lower())
        if size is None or len(group) < 2 or size not in (0, len(group)):
            continue
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        members = tuple(EntityMention(e, m.start(), m.end(), m.group()) for e in group)
        if w.lang == "ko":
            role, end = role_after(text, m.end(), stop, w)
        else:
            role, end = "subject", m.end()
        out.append(Phrase(members, role, m.start(), end))
    return sorted(out, key=lambda p: p.start)


MAIN_SHARE = 0.5  # the main actor is the subject of at least this share of subject sentences
MAIN_MIN = 3  # and of at least this many


def _main(subjects: list[Entity]) -> Entity | None:
    """The article's main actor: one entity that is the subject of most sentences."""
    if not subjects:
        return None
    entity, n = Counter(subjects).most_common(1)[0]
    ok = n >= MAIN_MIN and n >= MAIN_SHARE * len(subjects) and entity.kind != "country"
    return entity if ok else None


def build(analysis: Analysis, doc: str) -> Context:
    """The views of the gated sentences of an analysed document."""
    document = analysis.document
    text = document.text
    w = words(document.lang)
    strong = list(find_entities(text, document.lang))
    weak = _weak(strong, list(weak_mentions(text, document.lang)))
    mentions = _without_overlaps([*strong, *weak])
    views: list[View] = []
    topic: Phrase | None = None  # the subject the text is about, carried through ellipsis
    subjects: list[Entity] = []  # every sentence's first acting subject, for the main actor
    named: tuple[int, tuple[Entity, ...]] = (-ANAPHORA_REACH - 1, ())  # the last group named
    qi = di = mi = 0
    quantities, dates = analysis.quantities, analysis.dates
    unknown, english = _unknown_names(analysis, mentions, w)
    for n, s in enumerate(analysis.sentences):
        while mi < len(mentions) and mentions[mi].start < s.start:
            mi += 1
        mj = mi
        while mj < len(mentions) and mentions[mj].end <= s.end:
            mj += 1
        here = mentions[mi:mj]
        if w.lang == "en" and s.gated:
            found_en = english[s.start]
            again = _named_again(text, s.start, s.end, [*here, *found_en], unknown, w)
            here = _without_overlaps([*here, *found_en, *again])
        elif unknown:
            here = _without_overlaps([*here, *_named_again(text, s.start, s.end, here, unknown, w)])
        qs = tuple(q for q in quantities[qi:] if s.start <= q.start < s.end)
        ds = tuple(d for d in dates[di:] if s.start <= d.start < s.end)
        sentence = text[s.start : s.end]
        found = phrases(text, s.start, s.end, here, w)
        if n - named[0] <= ANAPHORA_REACH:
            found = _anaphora(text, s.start, s.end, found, named[1], w)
        group = _group(found)
        if group:
            named = (n, group)
        subj = [p for p in found if p.role == "subject" and _acting(p)]
        marked = bool(subj) or _topic_word(sentence, s.tokens, s.start, w)
        if s.gated:
            opens = w.continuation.match(sentence.lstrip()) is not None
            views.append(
                View(n, s.start, s.end, sentence, tuple(here), tuple(found), qs, ds, s.tokens,
                     opens, topic, marked)
            )  # fmt: skip
        carried = [p for p in subj if not _embedded(s.tokens, p)]
        if carried:
            topic = carried[0]
            subjects += [e for e in carried[0].entities if usable(e) is not None]
        elif marked and not w.continuation.match(sentence.lstrip()):
            topic = None
    return Context(doc, text, document.lang, document.published, w, tuple(views), _main(subjects))


def _actor_of(p: Phrase, rule: str, confidence: float) -> Actor:
    ents = tuple(e for e in (usable(m.entity) for m in p.members) if e is not None)
    unique = tuple(dict.fromkeys(ents))
    if len(unique) == 1:
        return Actor(unique[0], (), rule, confidence)
    return Actor(None, unique, rule + "_group", confidence)


def actor_for(
    ctx: Context,
    view: View,
    start: int,
    end: int,
    *,
    noun_phrase: tuple[str, ...] = ("bare", "possessive"),
    ellipsis: bool = True,
    main: bool = False,
) -> Actor:
    """Who acts on the span [start, end) of `view`, by the sentence's structure.

    In order: a name heading the noun phrase of the span ("메타의 설비투자 650억달러",
    "대한민국 정부 예산 655조원"); the nearest subject before the span; a subject after it
    (a relative clause: "…를 투자한 메타는"); the previous sentence's subject when this one
    opens with a continuation word. Otherwise nobody: a wrong actor is worse than none.
    """
    row = _row_actor(ctx, view, start)
    if row is not None:
        return row
    before = [p for p in view.phrases if p.end <= start and _acting(p)]
    if noun_phrase and before:
        last = before[-1]
        if last.role in noun_phrase and nominal_gap(ctx.text[last.end : start], ctx.words):
            strong = [m for m in last.members if not m.weak]
            if strong or not _names_a_country(view):
                return _actor_of(last, "noun_phrase", 0.85)
    subjects = [p for p in before if p.role == "subject" and not _clause_apart(view, p, start)]
    if subjects:
        chosen = subjects[-1]
        if all(m.weak for m in chosen.members) and _names_a_country(view):
            return NOBODY
        return _actor_of(chosen, "subject", 0.8)
    after = [p for p in view.phrases if p.start >= end and p.role == "subject" and _acting(p)]
    if after and not any(p.role == "subject" for p in before):
        gap = ctx.text[end : after[0].start]
        if len(gap) <= _RELATIVE and "," not in gap and not all(m.weak for m in after[0].members):
            return _actor_of(after[0], "subject_after", 0.6)  # "…를 투자한 메타는"
    own = [p for p in view.subjects if p.start < start and not _clause_apart(view, p, start)]
    if view.previous_subject is not None and not own:
        if view.continues:
            return _actor_of(view.previous_subject, "previous_subject", 0.6)
        if ellipsis and not view.own_subject:  # Korean drops a subject the text goes on about
            return _actor_of(view.previous_subject, "ellipsis", 0.55)
    if main and ctx.main is not None and not view.subjects:
        return Actor(ctx.main, (), "main_actor", 0.45)
    return NOBODY


def _row_actor(ctx: Context, view: View, start: int) -> Actor | None:
    """In a table row ("| 메타 | 600억 달러 | 720억 달러 |"), the name in the first cell acts
    for the figures in the others."""
    line = view.text.strip()
    if not line.startswith("|") or line.count("|") < 3:
        return None
    first_end = view.start + view.text.index("|", view.text.index("|") + 1)
    if start < first_end:
        return None
    head = [p for p in view.phrases if p.end <= first_end and _acting(p)]
    return _actor_of(head[0], "table_row", 0.75) if len(head) == 1 else None


_EMBEDDED_REACH = 8  # characters between a subject and its own verb


def _clause_apart(view: View, p: Phrase, start: int) -> bool:
    """True when `p` is the subject of a relative clause ("SK가스가 보유한 부지") and a clause
    ends (a connective ending: 들어서며) between it and the span: it does not act there."""
    if not _embedded(view.tokens, p):
        return False
    return any(p.end <= t.start < start and t.tag == "EC" for t in view.tokens)


def _embedded(tokens: tuple[Token, ...], p: Phrase) -> bool:
    """True when a subject's verb right after it modifies a noun (Kiwi ETM): the subject of a
    relative clause ("SK가스가 보유한 부지"), which later sentences do not go on about."""
    for t in tokens:
        if t.start < p.end:
            continue
        if t.start >= p.end + _EMBEDDED_REACH or t.tag in ("EC", "EF", "JKB", "JKO", "SP"):
            return False
        if t.tag == "ETM":
            return True
    return False


def _topic_word(sentence: str, tokens: tuple[Token, ...], offset: int, w: Words) -> bool:
    """True when the sentence marks a subject or topic of its own near its start (이 돈은,
    업계는): then an earlier sentence's subject does not carry over. A figure as the topic
    (매출은, 영업이익은, 투자액은) is the carried subject's figure and does not count, nor does
    who tells an estimate (업계는 … 것으로 본다)."""
    if tokens:
        head = offset + min(len(sentence), 40)
        for i, t in enumerate(tokens):
            if t.start >= head:
                break
            # 하반기에는: a time; 많게는, 적게는: an adverb (an ending before the particle)
            after_case = i > 0 and tokens[i - 1].tag.startswith(("J", "E"))
            if t.tag in ("JKS", "JX") and t.form in w.topic_particles and not after_case:
                phrase = []  # the noun phrase the particle marks: 영업이익 5조원대는
                for before in reversed(tokens[max(0, i - 6) : i]):
                    if before.tag.startswith(("J", "E", "V")):
                        break
                    phrase.append(before.form)
                # the same actor's figure (매출은), or who tells it (업계는)
                return not any(f.endswith(w.figures) or f in w.speakers for f in phrase)
        return False
    topic = w.topic_start.match(sentence)
    if topic is None:
        return False
    noun = topic.group().rstrip()[:-1]
    return not noun.endswith(w.figures) and noun.split()[-1] not in w.speakers


def _names_a_country(view: View) -> bool:
    return any(m.entity.kind == "country" and not m.weak for m in view.mentions)
