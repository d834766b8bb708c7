"""Brief: a Ledger -> a Briefing in Korean or English (templates of data/<lang>/brief.yaml).

No sentence is written free-hand: each comes from a template whose numbers are the cited
entries' own figures (rendered by `numbers`), so `check` can verify every one of them. The
sections: a summary of the largest investment plans, a table of the key figures, Korea's own
largest figure beside the leader's (a ratio of the two) and its compute (GPUs, power), the open
conflicts, a FAQ from the revisions, and a glossary of the terms used.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypedDict, Unpack

from ..ledger import derived
from ..ledger.aggregate import LeagueRow, league
from ..ledger.aggregate import amount as money
from ..ledger.model import Conflict, Entry, Ledger
from ..ledger.owners import kind_of
from .model import Briefing, Reference, Row, Section, Sentence
from .numbers import round_significant
from .phrases import Style

KOREA = "south-korea"
TABLE_ROWS = 10
MAX_CONFLICTS = 8
MAX_REVISIONS = 3
MAX_KOREA = 3


@dataclass
class _Marks:
    """Reference marks in order of first use."""

    order: list[str] = field(default_factory=list)

    def __call__(self, entry: Entry) -> str:
        if entry.id not in self.order:
            self.order.append(entry.id)
        return f"[{self.order.index(entry.id) + 1}]"


def _leaders(entries: Sequence[Entry], year: int | None) -> tuple[list[LeagueRow], int | None]:
    if year is not None:
        return league(entries, year=year), year
    years = Counter(e.year for e in entries if e.type == "money" and e.kind == "investment")
    for y in sorted((y for y in years if y is not None), reverse=True):
        rows = league(entries, year=y)
        if len(rows) >= 2:
            return rows, y
    return league(entries), None


def _summary(st: Style, rows: list[LeagueRow], year: int | None, mark: _Marks) -> Section:
    w = st.words["summary"]
    if not rows:
        return Section(st.words["sections"]["summary"], (Sentence(w["empty"]),))
    top = rows[0].entries[0]
    lead = w["lead"] if year is not None else w["lead_any"]
    out = [
        st.say(
            lead,
            {
                "year": year,
                "who": st.who(top),
                "amount": st.with_krw(top),
                "cite": mark(top),
            },
            (top.id,),
        )
    ]
    for row in rows[1:3]:
        e = row.entries[0]
        values = {"who": st.who(e), "amount": st.with_krw(e), "cite": mark(e)}
        out.append(st.say(w["next"], values, (e.id,)))
    out.append(Sentence(w["scope"]))
    return Section(st.words["sections"]["summary"], tuple(out))


def _table(st: Style, rows: list[LeagueRow], mark: _Marks) -> Section:
    out = []
    for row in rows[:TABLE_ROWS]:
        e = row.entries[0]
        cells = (
            str(row.rank),
            st.who(e),
            st.stated(e),
            st.usd(e),
            st.krw(e),
            str(e.published or "-"),
            mark(e),
        )
        out.append(Row(cells, (e.id,)))
    header = tuple(st.words["table"]["header"])
    return Section(st.words["sections"]["figures"], header=header, rows=tuple(out))


def _korea_own(
    entries: Sequence[Entry], country_of: Callable[[str], str | None], government: bool
) -> list[Entry]:
    """Korea's current entries: the government's (the country or a ministry) or its companies'."""
    kinds = ("country", "government")
    return [
        e
        for e in entries
        if e.status == "current"
        and e.actor
        and country_of(e.actor) == KOREA
        and (kind_of(e.actor) in kinds) == government
    ]


def _korea_entries(
    entries: Sequence[Entry], country_of: Callable[[str], str | None], government: bool
) -> list[Entry]:
    """Korea's investment and budget figures with a KRW value, largest first."""
    found = [
        e
        for e in _korea_own(entries, country_of, government)
        if e.type == "money" and e.kind in ("investment", "budget") and money(e, "KRW") is not None
    ]
    return sorted(found, key=lambda e: (-_won(e), e.id))


def _korea_compute(
    entries: Sequence[Entry], country_of: Callable[[str], str | None], government: bool
) -> list[Entry]:
    """Korea's largest compute figure of each unit (GPUs, power, data centres) with a single
    value (the national AI computing centre's GPUs beside Big Tech's spending)."""
    found = [
        e
        for e in _korea_own(entries, country_of, government)
        if e.type == "compute" and e.value is not None
    ]
    largest: dict[str, Entry] = {}
    for e in sorted(found, key=lambda e: (-(e.value or 0), e.id)):
        largest.setdefault(e.unit or "", e)
    return list(largest.values())


def _won(entry: Entry) -> Decimal:
    found = money(entry, "KRW")
    return found[0] if found else Decimal(0)


def _korea(
    st: Style,
    entries: Sequence[Entry],
    rows: list[LeagueRow],
    mark: _Marks,
    country_of: Callable[[str], str | None],
) -> Section:
    w = st.words["korea"]
    title = st.words["sections"]["korea"]
    gov = _korea_entries(entries, country_of, government=True)[:MAX_KOREA]
    firms = _korea_entries(entries, country_of, government=False)[:1]
    out = []
    for key, items in (("government", gov), ("company", firms)):
        for e in items:
            values = {"who": st.who(e), "what": st.kind(e), "amount": st.stated(e), "cite": mark(e)}
            out.append(st.say(w[key], values, (e.id,)))
    for key in ("government", "company"):
        for e in _korea_compute(entries, country_of, government=key == "government"):
            values = {"who": st.who(e), "amount": st.compute(e), "cite": mark(e)}
            out.append(st.say(w[f"compute_{key}"], values, (e.id,)))
    if not out:
        return Section(title, (Sentence(w["none"]),))
    top = _top(entries, rows)
    bases = {e.kind: e for e in reversed(gov)}  # the largest government figure of each kind
    for base in sorted(bases.values(), key=lambda e: (-_won(e), e.id)):
        found = derived.compare(top, base) if top is not None and top.id != base.id else None
        out += [_compare(st, found, mark)] if found else []
    return Section(title, tuple(out))


def _top(entries: Sequence[Entry], rows: list[LeagueRow]) -> Entry | None:
    """What Korea's figures are set beside: Big Tech's stated total (the library's
    `derived.big_tech` when it is one entry), else any stated total, else the leader."""
    part = derived.big_tech(entries)
    if part is not None and len(part.entries) == 1:
        return part.entries[0]
    leaders = [r.entries[0] for r in rows if money(r.entries[0], "KRW")]
    return derived.stated_total(entries) or (leaders[0] if leaders else None)


def _compare(st: Style, found: derived.Ratio, mark: _Marks) -> Sentence:
    """A ratio of two entries' KRW values: 약 29배, or a share like 약 71.1% below one."""
    w = st.words["korea"]
    top, base = found.top.entries[0], found.base.entries[0]
    share = round_significant(found.value) < 1
    value = round_significant(found.value * (100 if share else 1))
    values = {
        "top": st.who(top),
        "amount": st.with_krw(top),
        "cite_top": mark(top),
        "base": st.who(base),
        "what": st.kind(base),
        "cite_base": mark(base),
        "ratio": _plain(value),
    }
    template = w["share"] if share else w["ratio"]
    return st.say(template, values, (top.id, base.id), (top.id, base.id))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _conflicts(
    st: Style, conflicts: Sequence[Conflict], by_id: dict[str, Entry], mark: _Marks
) -> Section:
    w = st.words["conflicts"]
    out = []
    for c in conflicts[:MAX_CONFLICTS]:
        a, b = by_id.get(c.entry_a), by_id.get(c.entry_b)
        if a is None or b is None:
            continue
        quotes = {"a": st.quote(c.a), "b": st.quote(c.b), "cite_a": mark(a), "cite_b": mark(b)}
        out.append(st.say(w[c.kind], {"about": st.who(a), **quotes}, (a.id, b.id)))
    return Section(st.words["sections"]["conflicts"], tuple(out) or (Sentence(w["none"]),))


def _faq(st: Style, ledger: Ledger, by_id: dict[str, Entry], mark: _Marks) -> Section:
    w = st.words["faq"]
    pairs: list[tuple[Sentence, Sentence]] = []
    for r in ledger.revisions:
        old, new = by_id.get(r.old), by_id.get(r.new)
        if old is None or new is None or old.type != "money" or len(pairs) >= MAX_REVISIONS:
            continue
        q = st.say(w["revised_q"], {"who": st.who(new)})
        figures = {"old": st.stated(old), "cite_old": mark(old), "new": st.stated(new)}
        a = st.say(w["revised_a"], {**figures, "cite_new": mark(new)}, (old.id, new.id))
        pairs.append((q, a))
    pairs.append((Sentence(w["differ_q"]), Sentence(w["differ_a"])))
    return Section(st.words["sections"]["faq"], faq=tuple(pairs))


def _text(sections: Sequence[Section]) -> str:
    parts = []
    for s in sections:
        parts += [x.text for x in s.sentences] + [" ".join(r.cells) for r in s.rows]
        parts += [x.text for pair in s.faq for x in pair]
    return "\n".join(parts)


def references(st: Style, order: Sequence[str], by_id: dict[str, Entry]) -> tuple[Reference, ...]:
    out = []
    for n, entry_id in enumerate(order, 1):
        e = by_id[entry_id]
        doc = e.first.doc
        what = st.kind(e) if e.type == "money" else e.type
        label = f"{st.who(e)} · {what} {e.period or e.year or ''}".strip()
        out.append(
            Reference(
                n,
                e.id,
                label,
                doc.title or doc.name,
                doc.published,
                doc.url or doc.source,
                len(e.sources) - 1,
            )
        )
    return tuple(out)


class Options(TypedDict, total=False):
    """What a briefing is about (the keywords of `compose` and `brief`).

    year: the year of the league; default the latest year with two or more actors.
    keep: which entries the briefing may use (a topic, a date range).
    today: the date in the title.
    lang: ko (default) or en (data/<lang>/brief.yaml).
    """

    year: int | None
    keep: Callable[[Entry], bool] | None
    today: dt.date | None
    lang: str


def compose(
    ledger: Ledger, *, country_of: Callable[[str], str | None], **options: Unpack[Options]
) -> Briefing:
    """The briefing of the ledger's entries (those `options["keep"]` accepts), before checking.

    Args:
        ledger: the ledger.
        country_of: entity id -> country id (Korea's own figures).
        options: see `Options`.
    """
    year, keep, today = options.get("year"), options.get("keep"), options.get("today")
    lang = options.get("lang") or "ko"
    st = Style(lang)
    entries = [e for e in ledger.entries if keep is None or keep(e)]
    by_id = {e.id: e for e in ledger.entries}
    mark = _Marks()
    rows, year = _leaders(entries, year)
    ids = {e.id for e in entries}
    conflicts = [c for c in ledger.conflicts if c.entry_a in ids or c.entry_b in ids]
    sections = (
        _summary(st, rows, year, mark),
        _table(st, rows, mark),
        _korea(st, entries, rows, mark, country_of),
        _conflicts(st, conflicts, by_id, mark),
        _faq(st, ledger, {e.id: e for e in entries}, mark),
    )
    title = st.words["title"] + (f" ({today.isoformat()})" if today else "")
    refs = references(st, mark.order, by_id)
    return Briefing(title, sections, refs, st.glossary(_text(sections)), lang=lang)
