"""Extract: Analysis -> facts (money, compute, partnership, launch, ranking), each with the
exact evidence span and the rule that produced it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..analyse.analyse import analyse
from ..clean.cleaner import clean
from ..errors import AiledgerError
from ..ingest.parse import parse
from ..ingest.sources import SourceOptions, SourceReader, issue_of
from ..model import Analysis, Document, IngestIssue
from .compute import compute_facts
from .context import build
from .launch import launch_facts
from .model import Fact
from .money import money_facts
from .partnership import partnership_facts
from .ranking import ranking_facts

EXTRACTORS = (money_facts, compute_facts, partnership_facts, launch_facts, ranking_facts)


def extract(analysis: Analysis, doc: str | None = None) -> tuple[Fact, ...]:
    """Every fact of one analysed document, in text order.

    Args:
        analysis: the document's analysis (sentences, tokens, quantities, dates).
        doc: the name facts carry (a file's stem on the command line); the document id when
            None.
    """
    ctx = build(analysis, doc or analysis.document.id)
    seen: set[tuple[str, int, int, tuple[str, ...]]] = set()
    out: list[Fact] = []
    for extractor in EXTRACTORS:
        for fact in extractor(ctx):
            who = (*(e.id for e in fact.parties), *((fact.subject.id,) if fact.subject else ()))
            key = (fact.type, fact.evidence.start, fact.evidence.end, who)
            if key not in seen:
                seen.add(key)
                out.append(fact)
    out.sort(key=lambda f: (f.evidence.start, f.type))
    return tuple(out)


def extract_document(document: Document, doc: str | None = None) -> tuple[Fact, ...]:
    """Analyse one cleaned document and extract its facts."""
    return extract(analyse(document), doc)


def extract_sources(
    sources: Sequence[str], options: SourceOptions | None = None, lang: str | None = None
) -> Iterator[tuple[Document, tuple[Fact, ...]] | IngestIssue]:
    """Read, clean, analyse and extract every input of `sources` (files, folders, URLs, feeds,
    "-"): the facts of each document named by its file stem, or one issue per bad input; a
    bad input never stops the others."""
    with SourceReader(options) as reader:
        for item in reader.inputs(sources):
            if isinstance(item, IngestIssue):
                yield item
                continue
            try:
                document = clean(parse(item))
                if lang:
                    document = replace(document, lang=lang)
                yield document, extract_document(document, item.name or document.id)
            except AiledgerError as exc:
                yield issue_of(exc, item.source)
