"""The sample corpus's gold labels as ledger claims: what a perfect extractor would store.

Gold facts name actors in English (tests/gold/README.md); they resolve through the entity
table, and names the table does not know (the corpus's fictional companies) become ids of their
own. Dates and dedup groups come from the documents as ingested, the sentence around each span
from the cleaned text, and USD/KRW rates from the same FX step extraction uses (the stated KRW
rate first).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ailedger.facts.entities import table
from ailedger.ledger import Claim, Fx, SourceDoc
from ailedger.quantities.fx import convert, implied_rate
from ailedger.store import DocumentRow, Store

GOLD = Path(__file__).parent.parent / "gold" / "corpus.gold.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?다])\s+|\n+")


def _id(name: str | None) -> tuple[str | None, str | None]:
    if not name:
        return None, None
    entity = table().resolve(name)
    if entity is not None:
        return entity.id, entity.name
    return "gold:" + "-".join(name.casefold().split()), name


def _sentence(text: str, span: str) -> tuple[str, int]:
    at = text.find(span)
    if at < 0:
        return span, 0
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    end_match = _SENTENCE_END.search(text, at + len(span))
    return text[start : end_match.start() if end_match else len(text)], at


def _fx(row: dict[str, Any], doc: DocumentRow) -> Fx | None:
    currency = row.get("currency")
    low = row.get("value", row.get("min"))
    if not currency or low is None:
        return None
    stated = None
    if row.get("krw_stated") and currency != "KRW":
        stated = implied_rate(Decimal(low), currency, Decimal(row["krw_stated"]))
    c = convert(Decimal(low), currency, doc.published, stated_krw_rate=stated)
    return Fx(c.fx.usd_rate, c.fx.krw_rate, c.fx.date, c.fx.source)


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def claim(row: dict[str, Any], doc: DocumentRow, seq: int) -> Claim:
    """One gold line as the claim of the stored document it labels."""
    actor, actor_name = _id(row.get("actor"))
    sentence, start = _sentence(doc.text, row["span"])
    return Claim(
        doc=SourceDoc(
            doc.id, doc.group_id, doc.published, doc.name, doc.title, doc.url, doc.source, doc.lang
        ),
        seq=seq,
        type=row["type"],
        span=row["span"],
        sentence=sentence,
        start=start,
        end=start + len(row["span"]),
        actor=actor,
        actor_name=actor_name,
        group=tuple(sorted(i for n in row.get("actor_group") or () if (i := _id(n)[0]))),
        kind=row.get("kind"),
        year=row.get("year"),
        period=row.get("period"),
        unit=row.get("currency") or row.get("unit"),
        value=_dec(row.get("value")),
        min=_dec(row.get("min")),
        max=_dec(row.get("max")),
        approx=bool(row.get("approx")),
        krw_stated=_dec(row.get("krw_stated")),
        fx=_fx(row, doc) if row["type"] == "money" else None,
        parties=tuple(sorted(i for n in row.get("parties") or () if (i := _id(n)[0]))),
        product=row.get("product"),
        date=row.get("date"),
        subject=_id(row.get("subject"))[0],
        index=row.get("index"),
        rank=row.get("rank"),
    )


def gold_claims(store: Store, gold: Path = GOLD) -> list[Claim]:
    """Every gold fact of the corpus stored in `store`, as claims of its documents."""
    docs = store.documents(limit=100_000)
    by_file = {}
    for line in gold.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["file"] not in by_file:
            by_file[row["file"]] = next(d for d in docs if d.source.endswith("/" + row["file"]))
    seqs: dict[str, int] = {}
    out = []
    for line in gold.read_text("utf-8").splitlines():
        row = json.loads(line)
        doc = by_file[row["file"]]
        seq = seqs[doc.id] = seqs.get(doc.id, -1) + 1
        out.append(claim(row, doc, seq))
    return out
