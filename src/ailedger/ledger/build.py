"""Ledger: claims -> Ledger (entries with lineage, revisions, explained conflicts). Pure.

    claims --partitions--> per (type, actor, dimension) --cluster--> drafts
           --relate--> revisions, conflicts --assemble--> entries (ids, sources, value, status)

The result depends only on the claims, never on their order or on database row ids: claims
are sorted by date, document id and place, and every id is a hash of what it identifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from .merge import LATEST, Draft, cluster, order, partitions
from .model import Claim, Conflict, Entry, Ledger, Money, Revision, Source, Status
from .relate import (
    Finding,
    candidates,
    explain,
    inside,
    parent_scope,
    revisable,
    revision_cue,
    wrong_rate,
)
from .values import native

Partition = tuple[str, str, str]
_ONE = Decimal(1)


def _hash(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def draft_id(draft: Draft) -> str:
    """The entry id of a draft: a hash of its partition and its first claim."""
    return _hash(*draft.partition, draft.first.key)


@dataclass(frozen=True, slots=True)
class _Link:
    old: Draft
    new: Draft
    cue: str


def _revisions(parts: Mapping[Partition, list[Draft]]) -> list[_Link]:
    links = []
    for drafts in parts.values():
        for new in (d for d in drafts if revisable(d)):
            olds = [(o, c) for o in drafts if o is not new and (c := revision_cue(o, new))]
            if olds:
                old, cue = max(olds, key=lambda oc: oc[0].published or dt.date.min)
                links.append(_Link(old, new, cue))
    return links


def _chains(links: Sequence[_Link]) -> dict[int, int]:
    """Each linked draft's chain root (by object id): drafts of one chain never conflict."""
    root: dict[int, int] = {}

    def find(x: int) -> int:
        while root.get(x, x) != x:
            x = root[x]
        return x

    for link in links:
        a, b = find(id(link.old)), find(id(link.new))
        if a != b:
            root[b] = a
    return {x: find(x) for x in root}


def _conflicts(
    parts: Mapping[Partition, list[Draft]],
    links: Sequence[_Link],
    parents: Mapping[str, str],
    touched: AbstractSet[Partition],
) -> list[tuple[Finding, Draft, Draft]]:
    """Conflicts inside each touched partition, and between a group's partition and its
    member's (entity parents) when either is touched."""
    chain = _chains(links)
    found: list[tuple[Finding, Draft, Draft]] = []
    for part in sorted(touched & parts.keys()):
        drafts = parts[part]
        for i, j in candidates(drafts):
            old, new = drafts[i], drafts[j]
            if chain.get(id(old), id(old)) == chain.get(id(new), id(new)):
                continue
            finding = explain(old, new)
            if finding:
                found.append((finding, old, new))
        found += [(f, d, d) for d in drafts for f in inside(d)]
    for group_part, member_part in _family_pairs(parts.keys(), parents):
        if group_part not in touched and member_part not in touched:
            continue
        for group, member in _pairs(parts[group_part], parts[member_part]):
            finding = parent_scope(group, member)
            if finding:
                found.append((finding, group, member))
    return found


def _family_pairs(
    parts: Iterable[Partition], parents: Mapping[str, str]
) -> list[tuple[Partition, Partition]]:
    """(group partition, member partition) pairs of one type and dimension."""
    present = set(parts)
    out = []
    for kind, who, dim in sorted(present):
        parent = parents.get(who)
        if parent is not None and (kind, parent, dim) in present:
            out.append(((kind, parent, dim), (kind, who, dim)))
    return sorted(out)


def related(touched: Iterable[Partition], parents: Mapping[str, str]) -> set[Partition]:
    """The partitions whose drafts a scope conflict may pair with the touched ones': those of
    each actor's parent and of each actor's members."""
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    out: set[Partition] = set()
    for kind, who, dim in touched:
        kin = [parents[who]] if who in parents else []
        out |= {(kind, k, dim) for k in kin + children.get(who, [])}
    return out


def _pairs(groups: list[Draft], members: list[Draft]) -> Iterable[tuple[Draft, Draft]]:
    return ((g, m) for g in groups for m in members)


def _losers(found: Sequence[tuple[Finding, Draft, Draft]]) -> set[int]:
    """Drafts on the losing side of a one-sided explanation (a slip, a mix-up): the side with
    fewer sources, else the later one."""
    out = set()
    for finding, old, new in found:
        if finding.field == "value" and finding.kind in ("scale_slip", "currency_mixup"):
            out.add(id(old) if len(old.groups) < len(new.groups) else id(new))
    return out


def _sources(claims: Sequence[Claim]) -> tuple[Source, ...]:
    by_group: dict[str, list[Claim]] = {}
    for claim in claims:
        by_group.setdefault(claim.doc.group, []).append(claim)
    ordered = sorted(by_group.values(), key=lambda cs: order(cs[0]))
    return tuple(
        Source(
            group=cs[0].doc.group,
            docs=tuple(sorted({c.doc.id for c in cs})),
            published=cs[0].doc.published,
            claims=tuple(c.key for c in cs),
            role="first" if n == 0 else "re-report",
        )
        for n, cs in enumerate(ordered)
    )


def _at(value: Decimal, rate: Decimal) -> Decimal:
    return (value * rate).quantize(_ONE, rounding=ROUND_HALF_EVEN)


def _money(claim: Claim) -> Money | None:
    """The claim's amount in USD and KRW at its own rate; without one (an undated article),
    what its own currency and its stated KRW restatement give."""
    span = native(claim)
    if claim.type != "money" or span is None:
        return None
    fx = claim.fx
    if fx is not None:
        usd, krw = (
            (_at(span.lo, fx.usd_rate), _at(span.hi, fx.usd_rate)),
            (_at(span.lo, fx.krw_rate), _at(span.hi, fx.krw_rate)),
        )
        return Money(*usd, *krw, fx.date, fx.source)
    own: dict[str, tuple[Decimal | None, Decimal | None]] = {span.unit: (span.lo, span.hi)}
    if claim.krw_stated is not None and span.lo > 0:
        rate = claim.krw_stated / span.lo
        own.setdefault("KRW", (claim.krw_stated, _at(span.hi, rate)))
    if "USD" not in own and "KRW" not in own:
        return None
    none: tuple[Decimal | None, Decimal | None] = (None, None)
    return Money(*own.get("USD", none), *own.get("KRW", none), None, "own")


def _entry_money(rep: Claim, draft: Draft, avoid: frozenset[str]) -> Money | None:
    """The representative claim's conversion; when it lacks a leg (an undated article), that of
    another claim stating the same figure with a rate (its own KRW restatement)."""
    found = _money(rep)
    if found is not None and found.krw_min is not None and found.usd_min is not None:
        return found
    same = (rep.unit, rep.low, rep.high)
    for c in draft.claims:
        if c.key in avoid or (c.unit, c.low, c.high) != same:
            continue
        other = _money(c)
        if other is not None and other.krw_min is not None:
            return other
    return found


def _entry(draft: Draft, status: Status, revises: str | None, avoid: frozenset[str]) -> Entry:
    rep = draft.main(avoid)
    named = next((c for c in draft.claims if c.actor_name), draft.first)
    return Entry(
        id=draft_id(draft),
        type=draft.first.type,
        actor=draft.first.actor,
        actor_name=named.actor_name,
        actor_ko=named.actor_ko,
        group=draft.first.group,
        kind=draft.slot.kind,
        year=draft.slot.year,
        period=draft.slot.period,
        unit=rep.unit,
        value=rep.value,
        min=rep.min,
        max=rep.max,
        approx=rep.approx,
        claims=tuple(draft.claims),
        sources=_sources(draft.claims),
        status=status,
        revises=revises,
        money=_entry_money(rep, draft, avoid),
        parties=rep.parties,
        product=rep.product,
        date=rep.date,
        subject=rep.subject,
        index=rep.index,
        rank=rep.rank,
    )


def _conflict(finding: Finding, old: Draft, new: Draft) -> Conflict:
    f = finding
    return Conflict(
        id=_hash(f.kind, f.field, f.a.key, f.b.key),
        kind=f.kind,
        field=f.field,
        entry_a=draft_id(old if f.a in old.claims else new),
        entry_b=draft_id(new if f.b in new.claims else old),
        a=f.a,
        b=f.b,
        detail=f.detail,
        factor=f.factor,
    )


@dataclass(frozen=True, slots=True)
class Piece:
    """Ledger rows of some partitions, unsorted: what `build_partitions` gives."""

    entries: tuple[Entry, ...]
    conflicts: tuple[Conflict, ...]
    revisions: tuple[Revision, ...]


def build_partitions(
    claims: Mapping[Partition, Sequence[Claim]],
    parents: Mapping[str, str],
    touched: AbstractSet[Partition],
) -> Piece:
    """The entries and revisions of the touched partitions and every conflict with a side in
    one of them. `claims` must hold every claim of the touched partitions and of the
    partitions `related` to them (other partitions are not needed): a partition's entries
    depend on its own claims only, so what this gives for a partition is what a whole
    rebuild gives for it.

    Args:
        claims: claims by partition (see `merge.partition`).
        parents: entity id -> parent entity id, for scope conflicts.
        touched: the partitions to build.
    """
    parts = {p: cluster(cs) for p, cs in sorted(claims.items())}
    mine = {p: d for p, d in parts.items() if p in touched}
    links = _revisions(mine)
    found = _conflicts(parts, links, parents, touched)
    losers = _losers(found)
    avoid = frozenset(
        w.key for f, _, _ in found if f.field == "krw_stated" and (w := wrong_rate(f))
    )
    superseded = {id(link.old) for link in links}
    revises = {id(link.new): draft_id(link.old) for link in links}
    entries = []
    for drafts in mine.values():
        for d in drafts:
            status: Status = "superseded" if id(d) in superseded else "current"
            status = "disputed" if id(d) in losers else status
            entries.append(_entry(d, status, revises.get(id(d)), avoid))
    revisions = (
        Revision(draft_id(k.old), draft_id(k.new), k.old.published, k.new.published, k.cue)
        for k in links
    )
    return Piece(tuple(entries), tuple(_conflict(*item) for item in found), tuple(revisions))


def assemble(piece: Piece) -> Ledger:
    """A ledger of the piece's rows in the ledger's order: entries by first report (undated
    last), then id; conflicts by the later report; revisions by the revising report."""
    entries = sorted(piece.entries, key=lambda e: (e.published or LATEST, e.id))
    conflicts = sorted(piece.conflicts, key=lambda c: (c.b.doc.published or LATEST, c.id))
    revisions = sorted(piece.revisions, key=lambda r: (r.new_published or LATEST, r.new))
    return Ledger(tuple(entries), tuple(conflicts), tuple(revisions))


def build_ledger(claims: Iterable[Claim], parents: Mapping[str, str] | None = None) -> Ledger:
    """Merge claims into entries, link revisions and explain conflicts.

    Args:
        claims: every claim to consider (the whole store's facts).
        parents: entity id -> parent entity id (from the entity table) for scope conflicts
            between a group and its members.

    Returns:
        The ledger; entries in order of first report (undated last), then id.
    """
    parts = partitions(claims)
    return assemble(build_partitions(parts, parents or {}, parts.keys()))
