"""Scale tasks: the per-document stages as plain functions of one value, run wherever a worker is.

RawInput --prepare--> Prepared (cleaned Document + MinHash) | Failure
Document --facts_of--> Extracted (facts) | Failure

Both are pure functions of their argument plus read-only data files, so a task runs the same in
this process, in a pool worker or on a Dask worker; failures come back as values (exceptions
with their own constructors do not always survive pickling), naming the input in one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse.analyse import analyse
from ..analyse.kiwi import kiwi
from ..clean.cleaner import clean
from ..dedup.minhash import signature, to_bytes
from ..errors import InputError
from ..facts.extract import extract
from ..facts.model import Fact
from ..ingest.parse import parse
from ..ingest.sources import issue_of
from ..model import Document, Format, IngestIssue, RawInput

# sample articles (not locale knowledge), one per language, dated so amounts are converted:
# running them loads every table the stages read (grammars, FX history, entities)
WARM_UP_TEXTS = (
    "입력 2025.01.24\n메타는 올해 AI 데이터센터에 650억달러를 투자한다.\n",
    "Published 2025-01-24\nMeta said on Friday it will spend $65 billion this year.\n",
)


@dataclass(frozen=True, slots=True)
class Failure:
    """A task that failed on its input: the issue to record (its stage set)."""

    issue: IngestIssue


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed, cleaned document and its MinHash signature (`minhash.to_bytes`)."""

    document: Document
    signature: bytes


@dataclass(frozen=True, slots=True)
class Extracted:
    """The facts of one document."""

    facts: tuple[Fact, ...]


def _reason(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def prepare(raw: RawInput) -> Prepared | Failure:
    """Parse and clean one input and sign it for dedup; a bad input is a Failure naming it."""
    try:
        doc = clean(parse(raw))
        return Prepared(doc, to_bytes(signature(doc.text)))
    except InputError as exc:
        issue = issue_of(exc, raw.source)
    except Exception as exc:  # a bug on one input must not stop the run: quarantine it
        issue = IngestIssue(raw.source, "InternalError", f"{raw.source}: {exc!r}")
    return Failure(IngestIssue(issue.source, issue.kind, issue.message, "parse"))


def facts_of(doc: Document) -> Extracted | Failure:
    """Analyse one document and extract its facts; a failure is a Failure naming the input."""
    source = doc.raw.source
    try:
        facts = extract(analyse(doc))
        strays = sorted({f.doc for f in facts} - {doc.id})
        if strays:
            raise ValueError(f"facts name document {strays[0]!r}, not {doc.id!r}")
    except Exception as exc:  # a bug on one document must not stop the run
        message = f"{source}: no facts ({_reason(exc)})"
        return Failure(IngestIssue(source, "ExtractError", message, "analyse"))
    return Extracted(facts)


def warm_up() -> None:
    """Load what the tasks need once per process (the Kiwi model, every data table) by running
    both stages on a short text, so no document pays for it."""
    kiwi()
    for text in WARM_UP_TEXTS:
        prepared = prepare(RawInput(source="<warm-up>", data=text.encode(), fmt=Format.TEXT))
        if isinstance(prepared, Prepared):
            facts_of(prepared.document)
