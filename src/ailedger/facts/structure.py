"""Facts: a sentence's entity mentions -> phrases with a grammatical role, and who acts.

Korean marks roles with particles: the run of particles right after a name says whether it is
the subject (메타는, 메타가, 구글도, 구글 또한), a possessor (메타의), a partner (오픈AI와의), an
object (앤트로픽을) or an adverbial (미국에). Titles and frames are transparent: in "메타 CEO
마크 저커버그는" and "메타 입장에서는" Meta is the subject. Names joined by 와/과, commas or
middle dots with nothing between them form one coordinated phrase ("AWS와 구글은").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .entities import table
from .model import Entity, EntityMention
from .words import Words

Role = Literal["subject", "possessive", "comitative", "object", "oblique", "bare"]
NOT_ACTORS = frozenset({"media", "index"})
ORGANISATION = "unresolved-org:"  # id prefix of an unknown name that looks like an organisation

_HANGUL_WORD = re.compile(r"[가-힣]+")
_QUOTES = "'\"‘’“”`「」『』*†"  # and footnote marks: "메타*와"
_SEPARATORS = re.compile(r"\s*(?:[,·ㆍ/&]|및|그리고|and)\s*|\s+")
_DESCRIBED = re.compile(r"\s*(?:[,·ㆍ/&]|및|그리고|and)\s*([가-힣A-Za-z-]{1,12})\s")


def _joined(gap: str, w: Words) -> bool:
    """Two names coordinated: a separator between them, maybe with a word saying what the next
    one is ("부산광역시, 발전사업자 동남에너지와")."""
    if _SEPARATORS.fullmatch(gap):
        return True
    described = _DESCRIBED.fullmatch(gap)
    return described is not None and described.group(1).endswith(w.org_descriptors)


_NEXT_WORD = re.compile(r"\s+([가-힣A-Za-z.·-]{1,12})")


@dataclass(frozen=True, slots=True)
class Phrase:
    """One name, or several coordinated names, with the role its particles give it.

    `start`/`end` cover the names and their particles, title frame or parenthesis.
    """

    members: tuple[EntityMention, ...]
    role: Role
    start: int
    end: int

    @property
    def entities(self) -> tuple[Entity, ...]:
        seen: dict[str, Entity] = {}
        for m in self.members:
            seen.setdefault(m.entity.id, m.entity)
        return tuple(seen.values())


def _skip_wrappers(text: str, i: int, stop: int) -> int:
    """Skip closing quotes and one parenthetical right after a name: 마이크로소프트(MS)는."""
    while i < stop and text[i] in _QUOTES:
        i += 1
    if i < stop and text[i] in "(（":
        close = min((j for j in (text.find(")", i, i + 40), text.find("）", i, i + 40)) if j > 0),
                    default=-1)  # fmt: skip
        if close > 0:
            i = close + 1
            while i < stop and text[i] in _QUOTES:
                i += 1
    return i


def _role_of_run(run: str, w: Words) -> Role:
    for particles, role in w.roles:
        if run == particles:
            return role  # type: ignore[return-value]
    for particles, role in w.roles:
        if run.endswith(particles):
            return role  # type: ignore[return-value]
    return "bare"


def _particle_role(text: str, i: int, stop: int, w: Words) -> tuple[Role, int] | None:
    """The role of the particle run at `i` when the Hangul word there is all particles."""
    word = _HANGUL_WORD.match(text, i, stop)
    if word is None or w.particles.fullmatch(word.group()) is None:
        return None
    return _role_of_run(word.group(), w), word.end()


def _after_title(text: str, j: int, stop: int, w: Words) -> tuple[Role, int] | None:
    """A title (and maybe a person's name) after a name: "메타 CEO 마크 저커버그는"."""
    title = w.titles.match(text, j, stop)
    if title is None:
        return None
    k = _skip_wrappers(text, title.end(), stop)
    direct = _particle_role(text, k, stop, w)
    if direct is not None:
        return direct
    pos = k
    for _ in range(3):  # a person's name, its particle glued on: "마크 저커버그는"
        word = _NEXT_WORD.match(text, pos, stop)
        if word is None:
            break
        for cut in range(word.start(1) + 1, word.end(1)):
            got = _particle_role(text, cut, stop, w)
            if got is not None and got[0] == "subject" and got[1] == word.end(1):
                return got
        pos = word.end()
    return "bare", k


_WORD = re.compile(r"[^\s(（]+(?:[(（][^)）]{0,20}[)）])?[^\s]*")
_PAREN = re.compile(r"[(（][^)）]*[)）]")


def _figure_topic(text: str, i: int, stop: int, w: Words) -> int | None:
    """Where "2024 회계연도 설비투자(CAPEX)는" ends, when the words at `i` are a noun phrase
    whose last word is a figure (data: figures) marked as the topic; None otherwise."""
    for _ in range(4):
        word = _WORD.match(text, i, stop)
        if word is None:
            return None
        bare = _PAREN.sub("", word.group())
        for particle in w.topic_particles:
            if bare.endswith(particle) and bare[: -len(particle)].endswith(w.figures):
                return word.end()
        if bare.endswith(_CASE_ENDINGS):
            return None  # a case particle ends the phrase first
        i = word.end()
        while i < stop and text[i] == " ":
            i += 1
    return None


def role_after(text: str, end: int, stop: int, w: Words) -> tuple[Role, int]:
    """The role of a name ending at `end`, and where its phrase ends."""
    i = _skip_wrappers(text, end, stop)
    etc = w.etc.match(text, i, stop)  # "인텔 등 기업들과", "메타 등이": the list goes on
    if etc is not None:
        i = etc.end()
    direct = _particle_role(text, i, stop, w)
    if direct is not None:
        role, after = direct
        if role == "comitative" and w.comparison.match(text, after, stop):
            return "oblique", after  # "메타와 같은 기업": a comparison, not a partner
        if role == "possessive":
            j = after
            while j < stop and text[j] == " ":
                j += 1
            titled = _after_title(text, j, stop, w)
            if titled is not None and titled[0] == "subject":
                return titled
            figure = _figure_topic(text, j, stop, w)
            if figure is not None:
                return "subject", figure  # "MS의 2024 회계연도 설비투자는": MS's own figure
        return role, after
    j = i
    while j < stop and text[j] == " ":
        j += 1
    also = w.also_subject.match(text, j, stop)
    if also is not None:
        return "subject", also.end()
    frame = w.subject_frames.match(text, j, stop)
    if frame is not None:
        return "subject", frame.end()
    titled = _after_title(text, j, stop, w)
    if titled is not None:
        return titled
    return "bare", i


_POSSESSIVE_EN = re.compile(r"['’]s?(?![A-Za-z])")


def role_after_en(text: str, start: int, m: EntityMention, stop: int, w: Words) -> tuple[Role, int]:
    """English: a name's role from the preposition before it or the 's after it."""
    i = _skip_wrappers(text, m.end, stop)
    poss = _POSSESSIVE_EN.match(text, i, stop)
    if poss is not None:
        return "possessive", poss.end()
    before = text[max(start, m.start - 40) : m.start]
    if w.before_comitative.search(before):
        return "comitative", i
    if w.before_oblique.search(before):
        return "oblique", i
    return "bare", i


def phrases(
    text: str, start: int, stop: int, mentions: list[EntityMention], w: Words
) -> list[Phrase]:
    """The phrases of the sentence text[start:stop]; `mentions` sorted, inside it."""
    read: list[tuple[EntityMention, Role, int]] = []
    consumed = start
    for m in mentions:
        if m.start < consumed:
            continue  # inside the previous name's parenthesis or title: "대한민국 정부"
        if w.lang == "ko":
            role, end = role_after(text, m.end, stop, w)
        else:
            role, end = role_after_en(text, start, m, stop, w)
        read.append((m, role, end))
        consumed = end
    out: list[Phrase] = []
    pending: list[EntityMention] = []
    for n, (m, role, end) in enumerate(read):
        nxt = read[n + 1][0] if n + 1 < len(read) else None
        gap = text[end : nxt.start] if nxt is not None else None
        joined_by_particle = (
            role == "comitative" and gap is not None and gap.strip(_QUOTES + " ") == ""
        )
        joined_by_mark = role == "bare" and gap is not None and _joined(gap, w)
        if nxt is not None and (joined_by_particle or joined_by_mark):
            modifier = (
                gap is not None
                and gap.strip() == ""
                and role == "bare"
                and not pending
                and m.entity.kind in ("country", "alliance")
                and nxt.entity.kind != "country"
            )
            if not modifier:  # "미국 아마존웹서비스": the country only modifies the next name
                pending.append(m)
            continue
        members = (*pending, m)
        headline = (
            role == "bare"
            and text[end : end + 1] == ","
            and text[start : members[0].start].strip(_QUOTES + " ") == ""
        )
        glossary = (
            text[end : end + 1] in (":", "：")
            and text[start : members[0].start].strip(_QUOTES + " •·-*▶■□○●◆◇") == ""
        )
        if headline or glossary:  # "아마존, 올해 AI 투자 …", "• 오픈 AI: 챗GPT를 내놓은 …"
            role = "subject"
        if role == "bare" and w.lang != "ko":
            role = "subject"  # English: a name not after a preposition reads as the subject
        out.append(Phrase(members, role, members[0].start, end))
        pending = []
    return out


def usable(entity: Entity) -> Entity | None:
    """The entity an actor slot takes: products and people act through their organisation;
    media and indices never act; an unknown name acts only when it looks like an organisation."""
    if entity.kind in NOT_ACTORS:
        return None
    if entity.kind in ("product", "person"):  # a product's maker, a person's organisation
        maker = table().by_id.get(entity.parent or "")
        return table().canonical(maker.id) if maker is not None else None
    if entity.kind == "unresolved":
        return entity if entity.id.startswith(ORGANISATION) else None
    return entity


_CASE_ENDINGS = (
    "에",
    "을",
    "를",
    "으로",
    "로",
    "와",
    "과",
    "에서",
    "에게",
    "부터",
    "까지",
    "보다",
    "의",
    "만",
)
_TOPIC_ENDINGS = ("은", "는", "이", "가", "도")


def nominal_gap(gap: str, w: Words) -> bool:
    """True when `gap` is a short run of nouns (no case particle ends a word; only the last may
    carry a topic particle): "메타의 올해 설비투자 " or "대한민국 정부 예산 " may stand between a
    name and its amount, "미국 내 시설에만 " may not."""
    if len(gap) > 24 or any(ch in gap for ch in '.!?"“”()'):
        return False
    words = gap.split()
    if words and w.locative.fullmatch(words[0]):
        return False  # "미국 내", "일본 현지": a place, not the one who pays
    if any(word.endswith(_CASE_ENDINGS) for word in words):
        return False
    return all(not word.endswith(_TOPIC_ENDINGS) for word in words[:-1])
