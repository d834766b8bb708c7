"""Quantities: a language's data files -> its compiled Lexicon (the regexes of the grammar)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from .. import datafiles
from .lexicon import (
    ARABIC,
    NEVER,
    Bare,
    Lexicon,
    alt,
    edge_chars,
    hedge_table,
    inverse,
    key,
    unit_table,
    words_of,
)

FLAGS = re.IGNORECASE
MODIFIER = r"(?-i:[A-Z][A-Za-z0-9-]*)"


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of `lang` ("ko", "en"); other languages fall back to English.

    Raises:
        DataFileError: a data file is missing or malformed.
    """
    lang = lang if lang in datafiles.languages() else "en"
    return compile_lexicon(
        lang,
        datafiles.load(f"{lang}/numbers.yaml"),
        datafiles.load(f"{lang}/money.yaml"),
        datafiles.load(f"{lang}/units.yaml"),
    )


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def _suffix_words(money: dict[str, Any], units: dict[str, Any]) -> list[str]:
    words = [w for group in money["suffix"].values() for w in group]
    for kind in ("counters", "ranks", "percent", "ratio", "power"):
        words += [w for group in units[kind].values() for w in group]
    return words + list(units["time"])


def _coefficient(numbers: dict[str, Any], big: str) -> str:
    """Arabic digits (with 천/백 inside: 2천500) or number words composed with small units."""
    small = alt(numbers["small_units"])
    digit = alt(numbers["digits"])
    arabic = rf"{ARABIC}(?:{small}(?:\d{{1,4}}{small})*\d{{0,4}}(?!\d))?"
    if numbers["spaced_words"]:
        return rf"{arabic}|(?:{digit}\s)?{small}(?:\s{digit})?|{digit}"
    return rf"{arabic}|(?:(?:{digit})?{small})+(?:{digit})?|{digit}(?=\s?{big})"


def _start(numbers: dict[str, Any], parts: dict[str, str], bare_words: list[str], skip: str) -> str:
    """Where a mention may begin: a digit at a word edge, or a number word at a word edge.

    The pattern opens with a character class of every possible first character, so `re`
    scans for it in C; the real conditions are a lookahead run from that character. A date,
    time or glued run of digits (2024년, 10:40, 2024.05.03) matches as `skip`.
    """
    ordinal = "".join(f"(?<!{re.escape(w)})" for w in numbers["ordinal_prefixes"])
    digit = rf"(?<![0-9A-Za-z_.,#@/]){ordinal}(?<![A-Za-z]-)(?<!\d[-:])"
    p = parts
    heads: tuple[str, ...]
    if numbers["spaced_words"]:
        head = rf"(?:{p['vague']}|{p['digit']}|{p['big']})(?![A-Za-z])"
        noun = rf"(?:(?:{p['mods']})\s){{0,2}}{p['noun']}"  # "two new AI data centres"
        tail = rf"\s?(?:{p['joiner']}\s)?(?:{p['big']}|{p['small']}|{p['suffix']}|{noun})"
        word = rf"(?<![A-Za-z0-9])(?={head}{tail})"
        heads = ("vague", "digits", "big_units")
    else:
        chars = "".join(
            sorted(
                {
                    c
                    for k in ("digits", "small_units", "big_units", "vague")
                    for c in "".join(numbers[k])
                }
            )
        )
        head = rf"(?:{p['vague']}|{p['digit']}?(?:{p['small']}|{p['big']}))[{chars}]*{p['infix']}?"
        tail = rf"(?:\s?(?:{p['suffix']}|{p['noun']})|(?![가-힣])|{p['particles']})"
        native = rf"{p['native']}\s{p['counter']}"
        word = rf"(?<![가-힣])(?={head}{tail}|{native})"
        heads = ("vague", "digits", "small_units", "big_units", "native")
    bare = rf"(?P<bare>(?<![0-9A-Za-z가-힣]){p['bare']})"
    inner = rf"(?=\d){digit}(?P<skip>{skip})?|{word}|{bare}"
    firsts = [w for k in heads for w in numbers[k]] + bare_words
    # After a digit start the rest of its run is eaten: no later digit of it can start a number.
    return rf"(?-i:[\d{_first_chars(firsts)}])(?<=(?={inner}).)(?:(?<=\d)[\d,.]*)?"


def _first_chars(words: list[str]) -> str:
    chars = {c for w in words if w for c in (w[0].lower(), w[0].upper())}
    return "".join(re.escape(c) for c in sorted(chars))


def _skip(money: dict[str, Any], units: dict[str, Any], joiner: str) -> str:
    """A plain number glued to more digits (10:40, 2024.05.03) or followed by a time word.

    Mirrors what the full reading would reject, so skipping it never changes a result: a time
    word counts only where no longer unit word (세 in 세트) would have been read instead.
    """
    table = unit_table(money, units)
    suffixes = _suffix_words(money, units)
    blockers = {**units["blockers"], **money["blockers"]}
    times = sorted({w for w in units["time"] if table[key(w)].kind == "time"}, key=len)
    stops: dict[str, list[str]] = {}
    for t in times:
        longer = [w for w in suffixes if len(key(w)) > len(key(t)) and key(w).startswith(key(t))]
        longer = [w for w in longer if table[key(w)].kind != "time"]
        if any(" " in w for w in longer):
            continue  # a spaced longer word: leave this time word to the full reading
        stops[t] = [*blockers.get(t, []), *(key(w)[len(key(t)) :] for w in longer)]
    time = alt(list(stops), stops)
    glued = r"(?=[:/.]\d|-\d+-\d)[\d\-:/.,]*"
    return rf"(?>{ARABIC})(?:{glued}|\s?(?:{joiner}\s)?{time})"


def _hedge_after(numbers: dict[str, Any], n: str = "") -> str:
    plain = alt(words_of(numbers["hedges_after"]))
    verbs = alt(words_of(numbers["hedges_after_verbs"]))
    particles = alt(numbers["hedge_verb_particles"])
    attached = alt(words_of(numbers["hedges_attached"]), numbers["hedges_attached_blockers"])
    return rf"\s?(?P<h{n}>{plain})|\s?(?:{particles}\s?)?(?P<v{n}>{verbs})|(?P<a{n}>{attached})"


def _noun_after(units: dict[str, Any], noun: str, group: str) -> str:
    """The counted noun after an amount: 2만 개의 엔비디아 H100 GPU."""
    mods = alt(units["noun_modifiers"])
    joiner = alt(units["noun_joiners"])
    return rf"(?:\s?{joiner})?\s?(?:(?:{mods}|{MODIFIER})\s?){{0,2}}(?P<{group}>{noun})"


def _post(numbers: dict[str, Any], unit: str, noun_after: str) -> str:
    """All that may follow a number, in one pattern: its unit, then a range connector or up to
    two hedges, then the counted noun (each part is optional, so it reads as the parts would
    one after another)."""
    connector = _connector(numbers["range_connectors"])
    hedges = rf"(?:{_hedge_after(numbers, '1')})(?:{_hedge_after(numbers, '2')})?"
    return rf"{unit}?(?:(?P<c>{connector})|(?P<hedges>{hedges}))?(?P<na>{noun_after})?"


def _connector(words: list[str]) -> str:
    parts = []
    for word in words:
        if word.isascii() and word.isalpha():
            parts.append(rf"\s+{re.escape(word)}\s+")
        elif re.match("[가-힣]", word):
            parts.append(rf"{re.escape(word)}\s?")
        else:
            parts.append(rf"\s?{re.escape(word)}\s?")
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")" if parts else NEVER


def _vague(numbers: dict[str, Any]) -> dict[str, tuple[Decimal, Decimal, bool]]:
    return {
        key(w): (Decimal(str(v["min"])), Decimal(str(v["max"])), bool(v.get("small", True)))
        for w, v in numbers["vague"].items()
    }


def _native(words: dict[str, Any]) -> dict[str, tuple[Decimal, Decimal]]:
    """두: 2 -> (2, 2); 두세: [2, 3] -> (2, 3)."""
    out = {}
    for word, v in words.items():
        low, high = v if isinstance(v, list) else (v, v)
        out[key(word)] = (Decimal(str(low)), Decimal(str(high)))
    return out


def compile_lexicon(
    lang: str, numbers: dict[str, Any], money: dict[str, Any], units: dict[str, Any]
) -> Lexicon:
    """Compile the grammar of one language from its three data files."""
    big = alt(numbers["big_units"], numbers["big_unit_blockers"])
    small = alt(numbers["small_units"])
    suffix = alt(_suffix_words(money, units), {**units["blockers"], **money["blockers"]})
    noun_words = [w for group in units["nouns"].values() for w in group]
    noun = alt(noun_words)
    infix = alt(numbers["approx_infix"])
    joiner = alt(money["suffix_joiners"])
    coef = _coefficient(numbers, big)
    parts = {
        "vague": alt(numbers["vague"]),
        "digit": alt(numbers["digits"]),
        "big": big,
        "small": small,
        "suffix": suffix,
        "noun": noun,
        "infix": infix,
        "joiner": joiner,
        "particles": alt(numbers["particles"]),
        "bare": alt(units["bare"]),
        "native": alt(numbers["native"]),
        "mods": alt(units["noun_modifiers"]),
        "counter": alt(numbers["native_counters"], units["blockers"]),
    }
    term = rf"(?P<coef>{coef})?(?P<yeo>{infix})?(?:(?P<sp>\s?)(?P<big>{big}))?"
    next_term = rf"\s?(?P<coef>{coef})(?P<yeo>{infix})?(?P<sp>\s?)(?P<big>{big})"
    trailing = rf"\s?(?P<n>\d{{1,3}}(?:,\d{{3}})?|\d{{1,4}})(?![\d,.]|\s?(?:{small}|{big}|{infix}))"
    left_cur = alt(words_of_groups(money["prefix"]), reverse=True)
    left_hedge = alt(words_of(numbers["hedges_before"]), reverse=True)
    left_noun = alt(noun_words, reverse=True)
    left = rf"\s?(?P<cur>{left_cur})?\s?(?P<h>{left_hedge})?\s?(?P<n>{left_noun})?"
    unit_after = rf"(?:(?:\s|-(?=[A-Za-z]))?(?:{joiner}\s)?(?P<u>{suffix}))"  # 1-gigawatt
    fillers = alt([*money["restatement_fillers"], *words_of(numbers["hedges_before"])])
    return Lexicon(
        lang=lang,
        start=_c(_start(numbers, parts, list(units["bare"]), _skip(money, units, joiner))),
        term=_c(term),
        next_term=_c(next_term),
        trailing=_c(trailing) if numbers["trailing_number"] else None,
        coef_token=_c(rf"{ARABIC}|{small}|{parts['digit']}"),
        vague=_c(rf"(?P<v>{parts['vague']})"),
        vague_small=_c((r"\s" if numbers["spaced_words"] else "") + rf"(?P<s>{small})"),
        vague_big=_c(rf"\s?(?P<big>{big})"),
        suffix=_c(unit_after),
        post=_c(_post(numbers, unit_after, _noun_after(units, noun, "nn"))),
        left=_c(left),
        after=_c(_hedge_after(numbers)),
        noun_after=_c(_noun_after(units, noun, "n")),
        connector=_c(
            rf"{_connector(numbers['range_connectors'])}(?P<cur>{alt(words_of_groups(money['prefix']))})?\s?"
        ),
        closer=_c(rf"\s?{alt(numbers['range_closers'])}"),
        fillers=_c(rf"\s*(?:{fillers}\s*)*"),
        digits={key(w): Decimal(str(v)) for w, v in numbers["digits"].items()},
        small={key(w): int(v) for w, v in numbers["small_units"].items()},
        big={key(w): int(v) for w, v in numbers["big_units"].items()},
        vague_ranges=_vague(numbers),
        vague_alone=frozenset(key(w) for w in numbers["vague_alone"]),
        needs_currency=frozenset(key(w) for w in numbers["needs_currency"]),
        need_big=frozenset(key(w) for w in numbers.get("need_big", ())),
        scale_only=frozenset(money.get("scale_only", ())),
        attached_only=frozenset(key(w) for w in numbers["attached_only"]),
        units=unit_table(money, units),
        prefix_currency=inverse(money["prefix"]),
        hedges=hedge_table(
            [*numbers["hedges_before"], *numbers["hedges_after"], *numbers["hedges_after_verbs"]]
            + numbers["hedges_attached"]
        ),
        nouns=inverse(units["nouns"]),
        bare={
            key(w): Bare(v["dim"], Decimal(str(v["value"])), v["unit"])
            for w, v in units["bare"].items()
        },
        native=_c(rf"(?P<w>{parts['native']})(?=\s{parts['counter']})"),
        native_values=_native(numbers["native"]),
        vague_units=frozenset(numbers["vague_units"]),
        short_alone=frozenset(key(w) for w in numbers["short_alone"]),
        power_scale={str(k): Decimal(str(v)) for k, v in units["power_scale"].items()},
        band_spaced=_c(str(numbers.get("band_spaced", NEVER))),
        restate_lead=_c(str(money.get("restatement_lead", NEVER))),
        band_part=_c(rf"\s?(?P<part>{alt(numbers.get('band_parts', {}))})"),
        band_parts={
            key(w): (Decimal(str(a)), Decimal(str(b)))
            for w, (a, b) in numbers.get("band_parts", {}).items()
        },
        vague_first=_c(edge_chars(numbers["vague"])),
        left_last=_c(
            edge_chars(
                [
                    *words_of_groups(money["prefix"]),
                    *words_of(numbers["hedges_before"]),
                    *noun_words,
                ],
                last=True,
            )
        ),
    )


def words_of_groups(groups: dict[str, list[str]]) -> list[str]:
    """Every word of a `label: [words]` mapping."""
    return [w for words in groups.values() for w in words]
