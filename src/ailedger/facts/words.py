"""Facts: data/<lang>/facts.yaml -> compiled word lists (particles, roles, titles, cue words).

Every list is literal words compiled into one alternation, longest first; the extractors only
ask questions ("which cue is nearest?"), so no Korean word appears in Python code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import datafiles
from ..errors import DataFileError


def alternation(
    words: list[str] | tuple[str, ...], *, ignore_case: bool = False
) -> re.Pattern[str]:
    """One regex matching any of `words` (literal), longest first; never matches when empty."""
    if not words:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(f"(?i:{body})" if ignore_case else body)


@dataclass(frozen=True, slots=True)
class Words:
    """The compiled word lists of one language."""

    lang: str
    particles: re.Pattern[str]
    roles: tuple[tuple[str, str], ...]  # (particle run, role), longest first
    also_subject: re.Pattern[str]
    titles: re.Pattern[str]
    subject_frames: re.Pattern[str]
    continuation: re.Pattern[str]
    negation: re.Pattern[str]
    not_after: re.Pattern[str]
    negation_before: bool
    restatement_lead: re.Pattern[str]
    group_subject: re.Pattern[str]
    money_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    total: re.Pattern[str]
    group_count: re.Pattern[str]
    group_numbers: dict[str, int]  # the number words group_count may hold: 네 -> 4, four -> 4
    partnership: re.Pattern[str]
    investment_links: tuple[str, ...]
    supply: re.Pattern[str]
    investment: re.Pattern[str]  # Korean: the amount between ("X에 15억 달러를 투자")
    partner_roles: re.Pattern[str]  # a role before the names ("협력사로는", "partners include")
    supply_before: re.Pattern[str]  # English: the words before a customer ("would supply ")
    investment_before: re.Pattern[str]  # English: the words before an investee ("stake in ")
    domains: tuple[tuple[str, re.Pattern[str]], ...]
    default_domain: str
    launch: re.Pattern[str]
    operation: re.Pattern[str]
    founding: re.Pattern[str]
    rename: re.Pattern[str]
    not_objects: tuple[str, ...]  # "계획을 공개": what a release cue makes public is no product
    event_after: re.Pattern[str]  # "출범 행사": the cue names an event
    launch_past: re.Pattern[str]  # right after a cue: it is told as done (내놨다, 선보였고)
    former_plan: re.Pattern[str]  # right after a cue: a plan told in the past (목표였다)
    launch_after: re.Pattern[str]  # right after a cue: what is launched follows (출시할 '카나나')
    rank: re.Pattern[str]
    before_comitative: re.Pattern[str]  # English: "with" right before a name
    before_oblique: re.Pattern[str]  # English: "in", "from" … right before a name
    topic_particles: frozenset[str]
    index_words: re.Pattern[str]
    rank_topic: frozenset[str]
    ordinals: dict[str, int]
    etc: re.Pattern[str]
    org_suffixes: tuple[str, ...]
    org_descriptors: tuple[str, ...]  # "스타트업 누리AI": the word before a name says what it is
    org_name_en: re.Pattern[str]  # English: capitalised words ending in an organisation word
    acronym_max: int
    figures: tuple[str, ...]
    speakers: tuple[str, ...]  # topics that tell an estimate (업계는), not who it is about
    locative: re.Pattern[str]
    by_context: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]  # unit, counters, words
    context_gap: re.Pattern[str]
    loose_counters: tuple[tuple[str, frozenset[str]], ...]  # unit, counters read by topic
    loose_blockers: re.Pattern[str]
    respectively: re.Pattern[str]
    comparison: re.Pattern[str]
    index_source: re.Pattern[str]
    rank_category: re.Pattern[str]  # "인프라 부문에서 4위": a rank within one category
    category_after: bool  # English states the category after the rank
    rank_after_list: re.Pattern[str]  # "미국, 중국에 이어 3위": the names before rank above it
    topic_start: re.Pattern[str]
    anaphora: re.Pattern[str]  # "두 회사", "양사", "the two companies": the group named last
    anaphora_sizes: dict[str, int]  # lower-cased anaphor -> how many it refers to
    joint: re.Pattern[str]  # what a coordinated subject does together (짓는다, 논의)
    apart: re.Pattern[str]  # …unless they act apart or against each other (각각, 경쟁)


def _list(data: dict[str, Any], *keys: str) -> list[str]:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return []
        node = node[key]
    if not isinstance(node, list):
        raise DataFileError(f"facts.yaml: {'.'.join(keys)} must be a list")
    return [str(w) for w in node]


def _mapping(data: dict[str, Any], *keys: str) -> list[tuple[Any, Any]]:
    node: Any = data
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return list(node.items()) if isinstance(node, dict) else []


_SKIP_LEAD = r"(?:(?:The|A|An|Its|Their|By|In|At|For|With|And)\s+)?"


def _org_names(suffixes: list[str]) -> re.Pattern[str]:
    """English: one to three capitalised words, then an organisation word ("Helios Compute",
    "Red River Electric Cooperative"); a sentence-opening article is not part of the name."""
    ends = "|".join(re.escape(x) for x in sorted(suffixes, key=len, reverse=True))
    word = r"[A-Z][A-Za-z0-9&'-]*"
    return re.compile(rf"\b{_SKIP_LEAD}((?:{word}\s){{1,3}}(?:{ends}))\b(?!\s[A-Z][a-z])")


def _before(words: list[str]) -> re.Pattern[str]:
    """Matches at the end of the text before a name when it ends with one of `words`."""
    if not words:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i:\b(?:{body})\s+(?:the\s+|a\s+|an\s+)?)$")


def _titles(words: list[str], compound: str) -> re.Pattern[str]:
    """Titles, optionally inside a compound word ("집행위원장" ends in "위원장")."""
    body = alternation(words, ignore_case=not compound).pattern
    return re.compile(f"{compound}(?:{body})" if compound else body)


@cache
def words(lang: str) -> Words:
    """The fact words of `lang` ("ko" or "en"; anything else reads as "ko")."""
    lang = lang if lang in datafiles.languages() else "ko"
    data = datafiles.load(f"{lang}/facts.yaml")
    ci = lang != "ko"
    roles = sorted(
        ((str(p), role) for role, ps in data.get("roles", {}).items() for p in ps),
        key=lambda pr: -len(pr[0]),
    )
    particles = _list(data, "particles")
    anaphora = {str(k).lower(): int(v) for k, v in data.get("anaphora", {}).items()}
    return Words(
        lang=lang,
        particles=re.compile(
            "(?:" + "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True)) + ")+"
        )
        if particles
        else re.compile(r"(?!x)x"),
        roles=tuple(roles),
        also_subject=alternation(_list(data, "also_subject"), ignore_case=ci),
        titles=_titles(_list(data, "titles"), compound=str(data.get("title_prefix", ""))),
        subject_frames=alternation(_list(data, "subject_frames"), ignore_case=ci),
        continuation=alternation(_list(data, "continuation"), ignore_case=ci),
        negation=alternation(_list(data, "negation"), ignore_case=ci),
        not_after=alternation(_list(data, "not_after"), ignore_case=ci),
        negation_before=bool(data.get("negation_before", False)),
        restatement_lead=alternation(_list(data, "money", "restatement_lead"), ignore_case=ci),
        group_subject=re.compile(str(data.get("money", {}).get("group_subject", r"(?!x)x"))),
        money_kinds=tuple(
            (kind, alternation([str(w) for w in ws], ignore_case=ci))
            for kind, ws in data.get("money", {}).get("kinds", {}).items()
        ),
        total=alternation(_list(data, "money", "total"), ignore_case=ci),
        group_count=re.compile(
            "|".join(_list(data, "money", "group_count")) or r"(?!x)x", re.IGNORECASE if ci else 0
        ),
        group_numbers={
            str(k).lower(): int(v)
            for k, v in data.get("money", {}).get("group_numbers", {}).items()
        },
        partnership=alternation(_list(data, "partnership", "cues"), ignore_case=ci),
        investment_links=tuple(_list(data, "partnership", "investment_links")),
        supply=re.compile(str(data.get("partnership", {}).get("supply", r"(?!x)x"))),
        investment=re.compile(str(data.get("partnership", {}).get("investment", r"(?!x)x"))),
        partner_roles=re.compile(str(data.get("partnership", {}).get("roles", r"(?!x)x"))),
        supply_before=re.compile(
            str(data.get("partnership", {}).get("supply_before", r"(?!x)x")), re.IGNORECASE
        ),
        investment_before=re.compile(
            str(data.get("partnership", {}).get("investment_before", r"(?!x)x")), re.IGNORECASE
        ),
        domains=tuple(
            (domain, alternation([str(w) for w in ws], ignore_case=ci))
            for domain, ws in data.get("partnership", {}).get("domains", {}).items()
        ),
        default_domain=str(data.get("partnership", {}).get("default_domain", "AI")),
        launch=alternation(_list(data, "launch", "cues"), ignore_case=ci),
        operation=alternation(_list(data, "launch", "operation"), ignore_case=ci),
        founding=alternation(_list(data, "launch", "founding"), ignore_case=ci),
        rename=alternation(_list(data, "launch", "rename"), ignore_case=ci),
        not_objects=tuple(_list(data, "launch", "not_objects")),
        event_after=re.compile(str(data.get("launch", {}).get("event_after", r"(?!x)x"))),
        launch_past=re.compile(str(data.get("launch", {}).get("past", r"(?!x)x"))),
        former_plan=re.compile(str(data.get("launch", {}).get("former_plan", r"(?!x)x"))),
        launch_after=re.compile(str(data.get("launch", {}).get("after", r"(?!x)x"))),
        rank=re.compile(str(data.get("ranking", {}).get("rank", r"(?!x)x")), re.IGNORECASE),
        before_comitative=_before(_list(data, "prepositions", "comitative")),
        before_oblique=_before(_list(data, "prepositions", "oblique")),
        topic_particles=frozenset(_list(data, "topic_particles")),
        org_suffixes=tuple(_list(data, "org_suffixes")),
        org_descriptors=tuple(_list(data, "org_descriptors")),
        org_name_en=_org_names(_list(data, "org_suffixes")) if ci else re.compile(r"(?!x)x"),
        acronym_max=int(data.get("acronym_max", 0)),
        figures=tuple(_list(data, "figures")),
        speakers=tuple(_list(data, "speakers")),
        locative=alternation(_list(data, "locative"), ignore_case=ci),
        respectively=re.compile(str(data.get("respectively", r"(?!x)x"))),
        by_context=tuple(
            (
                unit,
                frozenset(map(str, spec["counters"])),
                alternation([str(x) for x in spec["words"]]),
            )
            for unit, spec in data.get("compute", {}).get("by_context", {}).items()
        ),
        context_gap=re.compile(str(data.get("compute", {}).get("gap", r"\s*"))),
        loose_counters=tuple(
            (str(unit), frozenset(map(str, counters)))
            for unit, counters in _mapping(data, "compute", "loose")
        ),
        loose_blockers=alternation(_list(data, "compute", "loose_blockers")),
        etc=re.compile(str(data.get("etc", r"(?!x)x"))),
        comparison=re.compile(str(data.get("comparison", r"(?!x)x"))),
        ordinals={str(k): int(v) for k, v in data.get("ranking", {}).get("ordinals", {}).items()},
        rank_topic=frozenset(_list(data, "ranking", "topic")),
        index_words=alternation(_list(data, "ranking", "index_words"), ignore_case=ci),
        index_source=re.compile(str(data.get("ranking", {}).get("source", r"(?!x)x"))),
        rank_category=re.compile(str(data.get("ranking", {}).get("category", r"(?!x)x"))),
        category_after=bool(data.get("ranking", {}).get("category_after", False)),
        rank_after_list=re.compile(str(data.get("ranking", {}).get("after_list", r"(?!x)x"))),
        topic_start=re.compile(str(data.get("topic_start", r"(?!x)x"))),
        anaphora=alternation(list(anaphora), ignore_case=ci),
        anaphora_sizes=anaphora,
        joint=alternation(_list(data, "partnership", "joint"), ignore_case=ci),
        apart=alternation(_list(data, "partnership", "apart"), ignore_case=ci),
    )
