"""Pipeline: sources -> ingest -> clean -> dedup -> analyse -> extract -> store, in batches,
recorded as one run.

Each batch is written in one transaction, documents with their facts; a run that is killed
leaves whole batches only, and re-running the same sources completes it without duplicating
anything. Only documents that are not exact duplicates are analysed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from .analyse.analyse import analyse
from .clean.cleaner import clean
from .dedup.index import DEFAULT_THRESHOLD, DedupIndex, Known
from .errors import InputError
from .facts.extract import extract
from .facts.model import Fact
from .ingest.parse import parse
from .ingest.sources import SourceOptions, SourceReader, issue_of
from .model import Document, IngestIssue, RawInput, RunCounts, StoredDocument
from .store import Store

BATCH_SIZE = 200
NEW = ("new", "near")  # write_batch outcomes that stored the document, and so its facts


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Settings of one ingest run; `facts=False` stores documents without analysing them."""

    sources: SourceOptions = field(default_factory=SourceOptions)
    threshold: float = DEFAULT_THRESHOLD
    batch_size: int = BATCH_SIZE
    facts: bool = True


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one run did: its id, totals, the inputs that failed and the facts it stored."""

    run_id: str
    counts: RunCounts
    issues: tuple[IngestIssue, ...]
    facts: int = 0


Progress = Callable[[RawInput | IngestIssue], None]


def _bump(counts: RunCounts, outcomes: Sequence[str]) -> RunCounts:
    return replace(
        counts,
        stored=counts.stored + sum(o in ("new", "near") for o in outcomes),
        duplicates=counts.duplicates + sum(o in ("near", "exact") for o in outcomes),
        skipped=counts.skipped + outcomes.count("skipped"),
    )


class _Run:
    def __init__(self, store: Store, options: IngestOptions, run_id: str) -> None:
        self.store, self.options, self.run_id = store, options, run_id
        self.index = DedupIndex(options.threshold)
        self.index.load(
            Known(r.doc_id, r.group_id, r.content_hash, r.signature, r.n_chars, r.published)
            for r in store.dedup_rows()
        )
        self.counts = RunCounts()
        self.issues: list[IngestIssue] = []
        self.batch: list[StoredDocument] = []
        self.facts = 0

    def take(self, item: RawInput | IngestIssue) -> None:
        if isinstance(item, IngestIssue):
            if not item.message.startswith(item.source):  # every message names its input
                item = replace(item, message=f"{item.source}: {item.message}")
            self.issues.append(item)
            self.counts = replace(self.counts, errors=self.counts.errors + 1)
            return
        self.counts = replace(
            self.counts, read=self.counts.read + 1, bytes=self.counts.bytes + len(item.data)
        )
        try:
            doc = clean(parse(item))
        except InputError as exc:
            self.take(issue_of(exc, item.source))
            return
        except Exception as exc:  # a bug on one input must not stop the batch: quarantine it
            self.take(IngestIssue(item.source, "InternalError", f"{item.source}: {exc!r}"))
            return
        decision, signature = self.index.decide(doc)
        wanted = self.options.facts and decision.kind != "exact"
        facts = self.extract(doc, item.source) if wanted else ()
        self.batch.append(StoredDocument(doc, decision, signature, facts))
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def extract(self, doc: Document, source: str) -> tuple[Fact, ...]:
        """The document's facts; a failure is an issue naming the input, and no facts."""
        try:
            facts = extract(analyse(doc))
            strays = sorted({f.doc for f in facts} - {doc.id})
            if strays:
                raise ValueError(f"facts name document {strays[0]!r}, not {doc.id!r}")
        except Exception as exc:  # a bug on one document must not stop the batch
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())
            self.take(IngestIssue(source, "ExtractError", f"{source}: no facts ({reason})"))
            return ()
        return facts

    def flush(self) -> None:
        if self.batch:
            outcomes = self.store.write_batch(self.run_id, self.batch)
            self.counts = _bump(self.counts, outcomes)
            self.facts += sum(
                len(i.facts) for i, o in zip(self.batch, outcomes, strict=True) if o in NEW
            )
            self.batch = []


def ingest(
    store: Store,
    sources: Sequence[str],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    reader: SourceReader | None = None,
) -> IngestReport:
    """Read, clean, deduplicate, extract facts from and store every article of `sources` as one
    recorded run.

    Args:
        store: the open database.
        sources: paths, directories, URLs, feed URLs or "-".
        options: run settings.
        progress: called once per input read or failed.
        reader: the source reader (tests pass one reading a given stdin).

    Returns:
        The run's report; inputs that failed (or whose facts could not be extracted) are in
        `issues`, not raised.
    """
    options = options or IngestOptions()
    run_opts = {
        "threshold": options.threshold,
        "globs": list(options.sources.globs),
        "facts": options.facts,
    }
    run = _Run(store, options, store.start_run(list(sources), run_opts))
    status = "failed"
    try:
        with reader or SourceReader(options.sources) as inputs:
            for item in inputs.inputs(sources):
                run.take(item)
                if progress is not None:
                    progress(item)
        run.flush()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.record_issues(run.run_id, run.issues)
        store.finish_run(run.run_id, run.counts, status)
    return IngestReport(run.run_id, run.counts, tuple(run.issues), run.facts)


def report_dict(report: IngestReport) -> dict[str, object]:
    """The report as plain JSON-ready values."""
    return {
        "run": report.run_id,
        **asdict(report.counts),
        "facts": report.facts,
        "issues": [asdict(i) for i in report.issues],
    }
