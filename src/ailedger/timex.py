"""Dates: text (+ the article's date) -> date mentions: absolute dates, months, years, quarters,
halves, fiscal years and relative words (올해, 지난달, next year), resolved against the
publication date when relative; the stated form is always kept. Rules: data/<lang>/timex.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from . import datafiles
from .model import Bound, DateMention


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    groups: tuple[str, ...]
    offset: int
    digits: bool  # every mention it finds has a digit


@dataclass(frozen=True, slots=True)
class _Locale:
    rules: tuple[_Rule, ...]
    words: tuple[_Rule, ...]  # the rules that can find a mention without a digit
    months: dict[str, int]
    halves: dict[str, int]
    bounds: tuple[tuple[str, Bound], ...]


@cache
def _locales() -> tuple[_Locale, ...]:
    out = []
    for lang in datafiles.languages():
        data = datafiles.load(f"{lang}/timex.yaml")
        months = datafiles.load(f"{lang}/dates.yaml").get("months", {})
        rules = tuple(_rule(r) for r in data["rules"])
        bounds = tuple((str(w), "until") for w in data["until"]) + tuple(
            (str(w), "since") for w in data["since"]
        )
        out.append(
            _Locale(
                rules,
                tuple(r for r in rules if not r.digits),
                {str(k).lower(): int(v) for k, v in months.items()},
                {str(k): int(v) for k, v in data["halves"].items()},
                bounds,  # type: ignore[arg-type]
            )
        )
    return tuple(out)


def _rule(entry: dict[str, Any]) -> _Rule:
    groups = tuple(entry.get("groups", ()))
    offset = int(entry.get("offset", 0))
    digits = bool(entry.get("digits", not str(entry["kind"]).startswith("rel_")))
    return _Rule(entry["name"], entry["kind"], re.compile(entry["regex"]), groups, offset, digits)


@cache
def _relative_words() -> frozenset[str]:
    """Names of the rules for relative words (올해, 지난달, next year): they carry no part."""
    return frozenset(r.name for loc in _locales() for r in loc.rules if r.kind.startswith("rel_"))


def _month(value: str, loc: _Locale) -> int:
    return int(value) if value.isdigit() else loc.months.get(value.lower()[:3], 0)


def _year(parts: dict[str, str], ref: dt.date | None) -> int | None:
    if "year" in parts:
        year = int(parts["year"])
        return year + 2000 if year < 100 else year
    return ref.year if ref else None


def _value(rule: _Rule, parts: dict[str, str], ref: dt.date | None, loc: _Locale) -> str | None:
    if rule.kind == "rel_year":
        return str(ref.year + rule.offset) if ref else None
    if rule.kind == "rel_month":
        if ref is None:
            return None
        index = ref.year * 12 + ref.month - 1 + rule.offset
        return f"{index // 12}-{index % 12 + 1:02d}"
    if rule.kind == "rel_day":
        return (ref + dt.timedelta(days=rule.offset)).isoformat() if ref else None
    if rule.kind == "day" and "month" not in parts:
        if ref is None:
            return None
        back = int(parts["day"]) > ref.day  # "30일" in an article of the 2nd: last month's
        index = ref.year * 12 + ref.month - 1 - back
        return _absolute("day", index // 12, {**parts, "month": str(index % 12 + 1)}, loc)
    year = _year(parts, ref)
    if year is None:
        return None
    return _absolute(rule.kind, year, parts, loc)


def _absolute(kind: str, year: int, parts: dict[str, str], loc: _Locale) -> str | None:
    if kind == "year":
        return str(year)
    if kind == "fiscal":
        return f"FY{year}"
    if kind == "quarter":
        return f"{year}-Q{parts['n']}"
    if kind == "half":
        return f"{year}-H{loc.halves.get(parts['n'], parts['n'])}"
    month = _month(parts["month"], loc)
    if not 1 <= month <= 12:
        return None
    if kind == "month":
        return f"{year}-{month:02d}"
    try:
        return dt.date(year, month, int(parts["day"])).isoformat()
    except ValueError:
        return None


def _bound(text: str, end: int, loc: _Locale) -> tuple[Bound | None, int]:
    for word, bound in loc.bounds:
        if text.startswith(word, end):
            return bound, end + len(word)
    return None, end


_DIGIT = re.compile(r"\d")


def _candidates(text: str, ref: dt.date | None) -> list[DateMention]:
    found = []
    digit = _DIGIT.search(text) is not None
    for loc in _locales():
        for rule in loc.rules if digit else loc.words:
            for m in rule.regex.finditer(text):
                parts: dict[str, Any] = dict(zip(rule.groups, m.groups(), strict=False))
                value = _value(rule, parts, ref, loc)
                if value is None and (ref is not None or "year" in parts):
                    continue  # not a real date (e.g. 13월), or unresolvable as stated
                bound, end = _bound(text, m.end(), loc)
                relative = rule.kind.startswith("rel_") or "year" not in parts
                kind = rule.kind.removeprefix("rel_")
                mention = DateMention(
                    text[m.start() : end], m.start(), end, kind, value, relative, bound, rule.name
                )
                found.append(mention)
    return found


def find_dates(text: str, ref_date: dt.date | None = None) -> list[DateMention]:
    """Date mentions of `text`, longest first where they overlap, in text order.

    Args:
        text: the text to search.
        ref_date: the article's publication date, for relative expressions.
    """
    chosen: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(_candidates(text, ref_date), key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= s or cand.start >= e for s, e in taken):
            chosen.append(cand)
            taken.append((cand.start, cand.end))
    return _join_years(text, sorted(chosen, key=lambda c: c.start))


def _join_years(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "올해 1분기", "지난해 상반기": a year word lends its year to the part that follows it."""
    out: list[DateMention] = []
    for cur in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "year"
            and prev.bound is None
            and cur.kind in ("quarter", "half", "month", "day")
            and cur.relative  # the part states no year of its own
            and cur.rule not in _relative_words()
            and not text[prev.end : cur.start].strip()
        ):
            value = prev.value + cur.value[4:] if prev.value and cur.value else None
            rule = f"{prev.rule}+{cur.rule}"
            span = text[prev.start : cur.end]
            out[-1] = DateMention(
                span, prev.start, cur.end, cur.kind, value, prev.relative, cur.bound, rule
            )
        elif prev is not None and (day := _day_in_month(text, prev, cur)) is not None:
            out.append(day)
        else:
            out.append(cur)
    return out


_DAY_ONLY = "d"  # the rule of a day stated alone ("14일")
_DAY_AFTER = re.compile(r"\s*(?:과|와|,|및|~|-)?\s*")


def _day_in_month(text: str, prev: DateMention, cur: DateMention) -> DateMention | None:
    """ "지난달 13일", "3월 13일과 14일": a day stated alone right after a month (or after a day
    with its month) is in that month, not in the publication's."""
    if cur.rule != _DAY_ONLY or prev.value is None or prev.bound is not None:
        return None
    if prev.kind not in ("month", "day") or not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", prev.value):
        return None
    between = text[prev.end : cur.start]
    if not _DAY_AFTER.fullmatch(between) or (prev.kind == "month" and between.strip()):
        return None
    number = re.search(r"\d+", cur.text)
    year, month = int(prev.value[:4]), int(prev.value[5:7])
    try:
        day = dt.date(year, month, int(number.group()) if number else 0)
    except ValueError:
        return None
    return replace(cur, value=day.isoformat(), rule=f"{prev.rule}+{cur.rule}")
