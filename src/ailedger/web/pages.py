"""Web: reads of `Dashboard` -> the page values (overview, fact, actor, alliances, document).

Presentation only: which facts to show together and where the evidence is in the text; every
value shown was computed by the library before it was stored.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..brief import brief
from ..facts.entities import table as entity_table
from .data import Dashboard
from .highlight import Mark, evidence_pieces, pieces
from .items import entity, fact_key
from .model import (
    Actor,
    ActorPage,
    AllianceGraph,
    BriefingPage,
    Currency,
    DocumentPage,
    EntryPage,
    FactDetail,
    FactQuery,
    FxRecord,
    Overview,
    Partner,
)
from .network import alliance_graph
from .urls import fact_url

RECENT = 10
OTHERS = 50
DOC_FACTS = 500


def overview(dash: Dashboard, currency: Currency, kind: str | None) -> Overview:
    """Totals, the league table in `currency` over money facts of `kind`, the latest facts
    (kept in the cache until the store changes)."""

    def compute() -> Overview:
        recent = dash.facts(FactQuery(limit=RECENT), count=False).items
        league = tuple(dash.league(currency, kind))
        conflicts = dash.open_conflicts()
        return Overview(dash.totals(), currency, kind or "all", league, recent, conflicts)

    return dash.cache.get(("overview", currency, kind), compute)


def _fx(payload: dict[str, Any]) -> FxRecord | None:
    fx = payload.get("fx")
    if not isinstance(fx, dict):
        return None
    return FxRecord(
        float(fx.get("usd_rate") or 0),
        float(fx.get("krw_rate") or 0),
        str(fx.get("date") or ""),
        str(fx.get("source") or ""),
    )


def _parties(payload: dict[str, Any]) -> tuple[Actor, ...]:
    named = [*(payload.get("parties") or ()), *(payload.get("actor_group") or ())]
    named.append(payload.get("subject"))
    return tuple(a for a in map(entity, named) if a is not None)


def fact_detail(dash: Dashboard, key: str) -> FactDetail | None:
    """The fact, its evidence highlighted in its document's text, and the document's other
    facts."""
    found = dash.fact(key)
    if found is None:
        return None
    item, payload = found
    doc = dash.document(item.doc_id)
    ev = payload.get("evidence") or {}
    start, end = int(ev.get("start", 0)), int(ev.get("end", 0))
    sentence = str(ev.get("sentence") or "")
    text = doc[1].text if doc else ""
    shown, before, after = evidence_pieces(text, sentence, start, end)
    others = dash.facts(FactQuery(doc=item.doc_id, sort="oldest", limit=OTHERS), count=False)
    stated = payload.get("krw_stated")
    return FactDetail(
        item=item,
        sentence=sentence,
        evidence_start=start,
        evidence_end=end,
        fx=_fx(payload),
        krw_stated=Decimal(str(stated)) if stated is not None else None,
        parties=_parties(payload),
        pieces=tuple(shown),
        clipped_before=before,
        clipped_after=after,
        others=tuple(o for o in others.items if o.key != key),
        payload=payload,
        entry=dash.entry_of(key),
    )


def entry_page(dash: Dashboard, entry_id: str) -> EntryPage | None:
    """A ledger entry with its sources, conflicts and revisions."""
    entry = dash.entry(entry_id)
    if entry is None:
        return None
    conflicts, revisions = dash.entry_links(entry_id)
    claims = [*entry.claims, *(c.a for c in conflicts), *(c.b for c in conflicts)]
    facts = {c.key: fact_key(c.doc.id, c.seq) for c in claims}
    return EntryPage(entry, tuple(conflicts), tuple(revisions), facts)


def _partners(dash: Dashboard, actor_id: str) -> tuple[Partner, ...]:
    partners: dict[str, Partner] = {}
    for key, payload in dash.partnerships(actor_id):
        for other in map(entity, payload.get("parties") or ()):
            if other is None or other.id == actor_id:
                continue
            seen = partners.get(other.id)
            if seen is None:
                partners[other.id] = Partner(other, 1, key)
            else:
                partners[other.id] = replace(seen, facts=seen.facts + 1)
    return tuple(sorted(partners.values(), key=lambda p: (-p.facts, p.actor.name)))


def actor_page(dash: Dashboard, actor_id: str, query: FactQuery) -> ActorPage | None:
    """The actor, a page of its facts (as `query` filters them), its money over time and its
    partners (those three kept in the cache until the store changes)."""

    def compute() -> tuple[Any, ...] | None:
        found = dash.actor(actor_id)
        if found is None:
            return None
        return (*found, tuple(dash.timeline(actor_id)), _partners(dash, actor_id))

    kept = dash.cache.get(("actor", actor_id), compute)
    if kept is None:
        return None
    actor, by_type, timeline, partners = kept
    facts = dash.facts(replace(query, actor=actor_id))
    return ActorPage(actor, by_type, facts, timeline, partners)


def _country(entity_id: str) -> str | None:
    entities = entity_table()
    found = entities.by_id.get(entity_id)
    country = entities.country_of(found) if found else None
    return country.id if country else None


def briefing(dash: Dashboard, lang: str) -> BriefingPage:
    """The ledger's briefing (checked: what fails the check is dropped), with the fact behind
    each reference (kept in the cache until the store changes)."""

    def compute() -> BriefingPage:
        checked = brief(dash.ledger(), country_of=_country, lang=lang)
        firsts = dash.first_reports([r.entry for r in checked.references])
        sources = {r.number: firsts[r.entry] for r in checked.references if r.entry in firsts}
        return BriefingPage(checked, sources)

    return dash.cache.get(("briefing", lang), compute)


def alliances(dash: Dashboard) -> AllianceGraph:
    """Every partnership fact as one graph."""
    return dash.cache.get(("alliances",), lambda: alliance_graph(dash.partnerships()))


def document_page(dash: Dashboard, doc_id: str, removed: bool) -> DocumentPage | None:
    """The document's cleaned text with every fact's evidence linked to its fact page, or its
    raw text with the removed blocks marked with the rule that removed them."""
    found = dash.document(doc_id)
    if found is None:
        return None
    item, row = found
    facts = dash.facts(FactQuery(doc=doc_id, sort="oldest", limit=DOC_FACTS), count=False).items
    blocks = tuple(dash.removed_blocks(doc_id)) if removed else ()
    if removed:
        marks = [Mark(b.start, b.end, "removed", note=b.rule) for b in blocks]
        shown = pieces(row.raw_text, marks)
    else:
        marks = [Mark(f.start, f.end, "fact", href=fact_url(f.key), note=f.type) for f in facts]
        shown = pieces(row.text, marks)
    also = tuple(s.url or s.source for s in dash.sources(doc_id)[1:])
    return DocumentPage(item, removed, tuple(shown), blocks, facts, also)
