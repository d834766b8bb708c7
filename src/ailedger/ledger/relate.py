"""Ledger: pairs of drafts (or of claims inside one draft) -> revisions and typed conflicts.

A revision is a later, larger figure in the same slot (at most 3 times the earlier one) whose
article says the plan changed (a revision cue) or restates the earlier figure beside it; for a
launch, the same product with a later article giving another date. A conflict needs two
different sources and one explanation that fits exactly, tried in this order:

- scale_slip: the same digits a power of ten apart (3조2000억 vs 3200억, 117조 vs 117억);
- currency_mixup: the same number in two currencies;
- time_basis: a multi-year total against one year's figure, or a fiscal against a calendar year;
- scope: the smaller figure's sentence says it is a part (1단계, of which), or the two actors
  are a group and its member (entity parents);
- fx_rate: two KRW restatements of one amount at different rates;
- rounding / hedge: one figure rounds the other, or a hedged figure is within 5 % of it;
- unexplained: two figures for one fully known slot (kind, year, period) within a factor of 10.

Anything else that merely differs is not a conflict: two articles about one actor usually
report different things, and the ledger does not know what a figure was spent on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from ..errors import FxError
from ..quantities.fx import reference_rates
from .merge import UNKNOWN_KINDS, Draft, multi_year_period, product_key
from .model import Claim, ConflictKind, Field
from .values import EXACT, native, ordering, power_of_ten, ratio, relative, significant
from .words import cue, years

MAX_RAISE = Decimal(3)
MAX_APART = Decimal(10)
RATE_SPREAD = Decimal("0.15")
SLIP_SLACK = Decimal("0.02")
YEARS_SLACK = Decimal("0.03")
_KRW_SCALES = {1: "조 read as 천억", 4: "만/억/조", 8: "만/조"}
_SCALES = {3: "thousand/million/billion", 6: "thousand/billion or million/trillion"}


@dataclass(frozen=True, slots=True)
class Finding:
    """A conflict before it has ids: the two claims (a earlier), what differs and why."""

    kind: ConflictKind
    field: Field
    a: Claim
    b: Claim
    detail: str
    factor: Decimal | None = None


# revisions -----------------------------------------------------------------------------------


def _same_kind(a: Draft, b: Draft) -> bool:
    return a.slot.kind not in UNKNOWN_KINDS and a.slot.kind == b.slot.kind


def _same_year(a: Draft, b: Draft) -> bool:
    return _same_kind(a, b) and a.slot.year is not None and a.slot.year == b.slot.year


def _raised(old: Draft, new: Draft) -> bool:
    """A fitting slot (money: the same known kind; both or neither over several years), and a
    larger figure at most MAX_RAISE times the old one."""
    if not old.slot.fits(new.slot) or (old.first.type == "money" and not _same_kind(old, new)):
        return False
    if _multi_year(old.main()) != _multi_year(new.main()):
        return False
    a, b = old.main(), new.main()
    r = ratio(a, b)
    return ordering(a, b) < 0 and r is not None and r <= MAX_RAISE


def _moved(old: Draft, new: Draft) -> bool:
    """The same product launched at another date."""
    a, b = old.first, new.first
    return product_key(a) == product_key(b) and bool(a.date and b.date) and a.date != b.date


def revisable(new: Draft) -> bool:
    """A draft can revise another only when one of its claims carries a revision (or, for a
    launch, a moved) cue: the cheap test before comparing it with every other draft."""
    which = "moved" if new.first.type == "launch" else "revision"
    return new.first.type in ("money", "compute", "launch") and any(
        cue(c, which) for c in new.claims
    )


def revision_cue(old: Draft, new: Draft) -> str | None:
    """Why `new` revises `old`, or None when it does not: a later article, a raised figure
    (`_raised`) with a revision cue next to it, or a moved launch (`_moved`) with a moved cue."""
    if old.published is None or new.published is None or new.published <= old.published:
        return None
    kind = old.first.type
    if kind == "launch" and _moved(old, new):
        which = "moved"
    elif kind in ("money", "compute") and _raised(old, new):
        which = "revision"
    else:
        return None
    return next((w for c in new.claims if (w := cue(c, which))), None)


# conflicts between drafts ----------------------------------------------------------------------


def _slip(x: Claim, y: Claim) -> Finding | None:
    a, b = native(x), native(y)
    if a is None or b is None or a.unit != b.unit:
        return None
    k = power_of_ten(a.lo, b.lo)
    if k is None or (power_of_ten(a.hi, b.hi) != k and not (a.point and b.point)):
        return None
    if len(significant(a.lo)) < 2 and abs(k) not in (3, 4):
        return None  # 1 and 10 are too common to be the same figure by chance
    names = _KRW_SCALES if a.unit == "KRW" else _SCALES
    scale = names.get(abs(k), f"10^{abs(k)}")
    detail = f"{x.span} vs {y.span}: the same digits {10 ** abs(k):,}× apart ({scale})"
    return Finding("scale_slip", "value", x, y, detail, Decimal(10) ** k)


def _mixup(x: Claim, y: Claim) -> Finding | None:
    a, b = native(x), native(y)
    if x.type != "money" or a is None or b is None or a.unit == b.unit:
        return None
    if (a.lo, a.hi) != (b.lo, b.hi):
        return None
    detail = f"{x.span} ({a.unit}) vs {y.span} ({b.unit}): the same number in another currency"
    return Finding("currency_mixup", "value", x, y, detail, ratio(x, y))


def _multi_year(claim: Claim) -> bool:
    return multi_year_period(claim.period) or bool(cue(claim, "multi_year"))


def _fiscal(claim: Claim) -> bool:
    return (claim.period or "").upper().startswith("FY")


def _whole_years(r: Decimal) -> int | None:
    """r when it is (within 3 %) a whole number of years from 2 to 10."""
    n = int(r.to_integral_value())
    return n if 2 <= n <= 10 and relative(r, Decimal(n)) <= YEARS_SLACK else None


def _time_basis(old: Draft, new: Draft) -> Finding | None:
    if not _same_kind(old, new):
        return None
    x, y = old.main(), new.main()
    mx, my = _multi_year(x), _multi_year(y)
    if mx != my:
        total, single = (x, y) if mx else (y, x)
        r = ratio(single, total)
        n = _whole_years(r) if r is not None else None
        stated = years(total)
        if n and (stated is None or stated == n) and (_fiscal(single) or cue(single, "annual")):
            detail = f"{total.span} covers {n} years, {single.span} one year"
            return Finding("time_basis", "value", x, y, detail, ratio(x, y))
    if not _same_year(old, new) or _fiscal(x) == _fiscal(y):
        return None
    r = ratio(x, y)
    if r and 1 / MAX_RAISE < r < MAX_RAISE:
        fy, cal = (x, y) if _fiscal(x) else (y, x)
        detail = f"{fy.span} is for {fy.period}, {cal.span} for calendar {cal.year}"
        return Finding("time_basis", "value", x, y, detail, r)
    return None


def _part(old: Draft, new: Draft) -> Finding | None:
    if not _same_year(old, new):
        return None
    x, y = old.main(), new.main()
    side = ordering(x, y)
    if side == 0:
        return None
    smaller, larger = (x, y) if side < 0 else (y, x)
    if _multi_year(smaller) != _multi_year(larger):
        return None  # a year's part of a multi-year plan is a time-basis question first
    word = cue(smaller, "part")
    if not word or cue(larger, "part"):
        return None
    detail = f"{smaller.span} is a part ({word}) of {larger.span}"
    return Finding("scope", "value", x, y, detail, ratio(x, y))


def _unexplained(old: Draft, new: Draft) -> Finding | None:
    if not old.slot.pinned(new.slot):
        return None
    x, y = old.main(), new.main()
    r = ratio(x, y)
    if r is None or not 1 / MAX_APART < r < MAX_APART:
        return None
    detail = f"{x.span} vs {y.span} for {old.slot.kind} {old.slot.period}: no explanation fits"
    return Finding("unexplained", "value", x, y, detail, r)


def explain(old: Draft, new: Draft) -> Finding | None:
    """The conflict between two drafts of one partition (old opened first), or None."""
    if old.groups & new.groups or not old.slot.fits(new.slot, periods=False):
        return None
    x, y = old.main(), new.main()
    if x.type == "ranking":
        pinned = x.year is not None and x.year == y.year and x.rank != y.rank
        detail = f"rank {x.rank} vs rank {y.rank} in {x.year}"
        return Finding("unexplained", "value", x, y, detail) if pinned else None
    if x.type not in ("money", "compute"):
        return None
    found = _slip(x, y) or _mixup(x, y) if old.slot.fits(new.slot) else None
    return found or _time_basis(old, new) or _part(old, new) or _unexplained(old, new)


def _pairs_within(groups: dict[object, list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for ids in groups.values() for a, b in combinations(sorted(ids), 2)}


def _index(drafts: Sequence[Draft], key: Callable[[Draft], object]) -> dict[object, list[int]]:
    out: dict[object, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        k = key(d)
        if k is not None:
            out[k].append(i)
    return out


def _kind_year(d: Draft) -> object:
    return (d.slot.kind, d.slot.year) if d.slot.kind not in UNKNOWN_KINDS and d.slot.year else None


def candidates(drafts: Sequence[Draft]) -> list[tuple[int, int]]:
    """The pairs (i < j, by opening order) that `explain` can find a conflict in: the same
    digits (a slip), the same number (a mix-up), a multi-year and a single figure of one kind,
    a fiscal and a calendar figure of one year, a part cue within one kind and year, a fully
    known slot, a ranking of one year. Every other pair fails every test, so all pairs need
    not be tried: a busy actor's thousands of figures are not compared all against all."""
    if not drafts or drafts[0].first.type not in ("money", "compute", "ranking"):
        return []
    if drafts[0].first.type == "ranking":
        return sorted(_pairs_within(_index(drafts, lambda d: d.main().year)))

    def digits(d: Draft) -> object:
        span = native(d.main())
        return (span.unit, significant(span.lo)) if span and span.lo > 0 else None

    def number(d: Draft) -> object:
        span = native(d.main())
        return (span.lo, span.hi) if span else None

    pairs = _pairs_within(_index(drafts, digits)) | _pairs_within(_index(drafts, number))
    pairs |= _pairs_within(_index(drafts, lambda d: d.slot if d.slot.pinned(d.slot) else None))
    kinds = _index(drafts, lambda d: d.slot.kind if d.slot.kind not in UNKNOWN_KINDS else None)
    for ids in kinds.values():
        multi = [i for i in ids if _multi_year(drafts[i].main())]
        pairs |= {(min(a, b), max(a, b)) for a in multi for b in ids if b not in multi}
    for ids in _index(drafts, _kind_year).values():
        marked = [i for i in ids if cue(drafts[i].main(), "part") or _fiscal(drafts[i].main())]
        pairs |= {(min(a, b), max(a, b)) for a in marked for b in ids if a != b}
    return sorted(pairs)


def parent_scope(group: Draft, member: Draft) -> Finding | None:
    """A group's figure against its member's (entity parent) for the same known year."""
    x, y = sorted((group.main(), member.main()), key=lambda c: c.doc.published or dt.date.max)
    same_year = x.year is not None and x.year == y.year
    if not same_year or group.groups & member.groups or not group.slot.fits(member.slot):
        return None
    if ordering(x, y) == 0:
        return None
    g, m = group.main(), member.main()
    detail = f"{g.span} is {g.actor_name or g.actor}'s, {m.span} its member {m.actor_name}'s"
    return Finding("scope", "value", x, y, detail, ratio(x, y))


# conflicts inside one draft ----------------------------------------------------------------------


def _ecb_gap(claim: Claim, rate: Decimal) -> Decimal | None:
    if claim.doc.published is None or claim.unit is None:
        return None
    try:
        ecb = reference_rates(claim.unit, claim.doc.published).krw_rate
    except FxError:
        return None
    return relative(rate, ecb)


def _rate(claim: Claim) -> Decimal | None:
    low = claim.low
    if claim.krw_stated is None or low is None or low <= 0 or claim.unit in (None, "KRW"):
        return None
    return claim.krw_stated / low


def _rates(x: Claim, y: Claim) -> Finding | None:
    rx, ry = _rate(x), _rate(y)
    if rx is None or ry is None or x.unit != y.unit or relative(rx, ry) <= EXACT:
        return None
    factor = ry / rx
    k = factor.adjusted()
    if k != 0 and relative(rx.scaleb(k), ry) <= SLIP_SLACK:
        detail = f"{x.span} vs {y.span}: the KRW restatements are {10 ** abs(k):,}× apart"
        return Finding("scale_slip", "krw_stated", x, y, detail, factor)
    if relative(rx, ry) <= RATE_SPREAD:
        detail = f"{x.span} vs {y.span}: {_won(rx)} vs {_won(ry)} KRW/{x.unit}" + _dates(x, y)
        return Finding("fx_rate", "krw_stated", x, y, detail, factor)
    detail = f"{x.span} vs {y.span}: rates {_won(rx)} and {_won(ry)} KRW/{x.unit}"
    return Finding("unexplained", "krw_stated", x, y, detail, factor)


def _won(rate: Decimal) -> str:
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:,.4f}"


def _dates(x: Claim, y: Claim) -> str:
    dx, dy = x.doc.published, y.doc.published
    return f" (stated on {dx} and {dy})" if dx and dy and dx != dy else ""


def wrong_rate(finding: Finding) -> Claim | None:
    """The side of a KRW scale slip whose rate is further from the ECB rate of its date."""
    gaps = [(_ecb_gap(c, r), c) for c in (finding.a, finding.b) if (r := _rate(c)) is not None]
    known = [(g, c) for g, c in gaps if g is not None]
    if len(known) < 2:
        return None
    return max(known, key=lambda gc: gc[0])[1]


def inside(draft: Draft) -> list[Finding]:
    """Conflicts between the first reporter and each later source of one draft."""
    found: list[Finding] = []
    first, seen = draft.first, {draft.first.doc.group}
    stated = [c for c in draft.claims if _rate(c) is not None]
    for claim in draft.claims[1:]:
        if claim.doc.group in seen:
            continue
        seen.add(claim.doc.group)
        how = draft.agreements.get(claim.key)
        if how in ("rounding", "hedge"):
            detail = f"{first.span} vs {claim.span}: " + (
                "one rounds the other" if how == "rounding" else "within the hedge"
            )
            found.append(Finding(how, "value", first, claim, detail, ratio(first, claim)))
    groups = {stated[0].doc.group} if stated else set()
    for claim in stated[1:]:
        if claim.doc.group not in groups:
            groups.add(claim.doc.group)
            finding = _rates(stated[0], claim)
            if finding:
                found.append(finding)
    return found
