"""Pipeline: sources -> ingest -> clean -> dedup -> analyse -> extract -> store, in batches,
recorded as one run.

The per-document stages run as tasks (`scale.tasks`) on an executor: this process, a local
process pool (`--workers N`) or a Dask cluster (`--scheduler`); dedup and writing stay here, in
input order, so every executor stores the same documents and facts. At most a few tasks per
worker are in flight, so memory stays bounded for any corpus.

Each batch is written in one transaction: documents with their facts, the issues of the inputs
read since the last batch, the run's totals and its resume point. A run that is killed leaves
whole batches only; `resume` goes on after the last one, and re-running the same sources
completes it too, without duplicating anything. Only documents that are not exact duplicates
are analysed. A run that stored facts ends by merging them into the ledger
(`store.ledger_io.update_ledger`: the same ledger a rebuild from all stored facts gives).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace

from .dedup.index import DEFAULT_THRESHOLD, DedupIndex, Known
from .dedup.stored import StoredIndex
from .errors import ResumeError
from .facts.model import Fact
from .ingest.sources import SourceOptions, SourceReader
from .model import (
    IngestIssue,
    RawInput,
    RunCounts,
    RunStep,
    StoredDocument,
)
from .scale.executor import Executor, Inline, Pending, open_executor
from .scale.tasks import Extracted, Failure, Prepared, facts_of, prepare
from .store import Store, update_ledger
from .store.dedup_io import StoredDocuments
from .store.store import outcome_counts

BATCH_SIZE = 200
# tasks in flight per worker and stage: results come back in input order, so a slow document
# holds the later ones; a deep window keeps the queue from running dry meanwhile (a few MB)
IN_FLIGHT_PER_WORKER = 16
NEW = ("new", "near")  # write_batch outcomes that stored the document, and so its facts

Item = RawInput | IngestIssue


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Settings of one ingest run; `facts=False` stores documents without analysing them;
    `workers` local processes, or the Dask cluster at `scheduler`, run the per-document
    stages."""

    sources: SourceOptions = field(default_factory=SourceOptions)
    threshold: float = DEFAULT_THRESHOLD
    batch_size: int = BATCH_SIZE
    facts: bool = True
    workers: int = 1
    scheduler: str | None = None


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one run did: its id, totals (of the whole run, when resumed), the inputs that failed
    and the facts it stored in this session."""

    run_id: str
    counts: RunCounts
    issues: tuple[IngestIssue, ...]
    facts: int = 0


Progress = Callable[[Item], None]


@dataclass(frozen=True, slots=True)
class _Decided:
    """An input past dedup, waiting for its facts (if it is to have any)."""

    position: int
    item: Item
    issue: IngestIssue | None = None
    stored: StoredDocument | None = None
    facts: Pending[Extracted | Failure] | None = None


def _named(issue: IngestIssue) -> IngestIssue:
    if issue.message.startswith(issue.source):  # every message names its input
        return issue
    return replace(issue, message=f"{issue.source}: {issue.message}")


class _Run:
    def __init__(self, store: Store, options: IngestOptions, run_id: str, ex: Executor) -> None:
        self.store, self.options, self.run_id, self.ex = store, options, run_id, ex
        self.index = _index(store, options.threshold)
        self.depth = 0 if isinstance(ex, Inline) else IN_FLIGHT_PER_WORKER * ex.parallel
        self.counts = RunCounts()
        self.issues: list[IngestIssue] = []  # of this session, for the report
        self.pending: list[IngestIssue] = []  # not committed yet
        self.batch: list[StoredDocument] = []
        self.read = self.bytes = 0
        self.position = 0
        self.last_input: str | None = None
        self.facts = 0

    def consume(self, items: Iterator[tuple[int, Item]], progress: Progress | None) -> None:
        """Run every item through the stages, in order, a bounded number in flight."""
        prepared: deque[tuple[int, Item, Pending[Prepared | Failure] | None]] = deque()
        decided: deque[_Decided] = deque()
        for position, item in items:
            task = None
            if isinstance(item, RawInput):
                task = self.ex.submit(prepare, item, item.source)
            prepared.append((position, item, task))
            if progress is not None:
                progress(item)
            while len(prepared) > self.depth:
                decided.append(self.decide(*prepared.popleft()))
            while len(decided) > self.depth:
                self.finish(decided.popleft())
        while prepared:
            decided.append(self.decide(*prepared.popleft()))
        while decided:
            self.finish(decided.popleft())
        self.flush()

    def decide(
        self, position: int, item: Item, task: Pending[Prepared | Failure] | None
    ) -> _Decided:
        """Dedup one prepared input and send it on for its facts unless it is an exact
        duplicate (or facts are off)."""
        result = task.result() if task is not None else None
        if isinstance(item, IngestIssue):
            return _Decided(position, item, issue=replace(item, stage=item.stage or "read"))
        if isinstance(result, Failure) or result is None:
            return _Decided(position, item, issue=result.issue if result else None)
        decision, sig = self.index.decide(result.document, result.signature)
        stored = StoredDocument(result.document, decision, sig)
        if not self.options.facts or decision.kind == "exact":
            return _Decided(position, item, stored=stored)
        task_facts = self.ex.submit(facts_of, result.document, item.source)
        return _Decided(position, item, stored=stored, facts=task_facts)

    def finish(self, entry: _Decided) -> None:
        """Take one input's outcome into the batch (in input order); write full batches."""
        item = entry.item
        if isinstance(item, RawInput):
            self.read, self.bytes = self.read + 1, self.bytes + len(item.data)
        if entry.issue is not None:
            self.pending.append(_named(entry.issue))
        if entry.stored is not None:
            facts: tuple[Fact, ...] = ()
            outcome = entry.facts.result() if entry.facts is not None else None
            if isinstance(outcome, Failure):
                self.pending.append(_named(outcome.issue))
            elif outcome is not None:
                facts = outcome.facts
            self.batch.append(replace(entry.stored, facts=facts))
        self.position, self.last_input = entry.position + 1, item.source
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        """Commit the batch with the issues, totals and resume point of the inputs behind it."""
        if not (self.batch or self.pending or self.read):
            return
        step = RunStep(self.read, self.bytes, tuple(self.pending), self.position, self.last_input)
        outcomes = self.store.write_batch(self.run_id, self.batch, step)
        self.index.written(i.document.id for i in self.batch)
        written = outcome_counts(outcomes)
        c = self.counts
        self.counts = replace(
            c,
            read=c.read + step.read,
            bytes=c.bytes + step.bytes,
            errors=c.errors + len(step.issues),
            stored=c.stored + written.stored,
            duplicates=c.duplicates + written.duplicates,
            skipped=c.skipped + written.skipped,
        )
        self.facts += sum(
            len(i.facts) for i, o in zip(self.batch, outcomes, strict=True) if o in NEW
        )
        self.issues += self.pending
        self.batch, self.pending, self.read, self.bytes = [], [], 0, 0


def _index(store: Store, threshold: float) -> StoredIndex | DedupIndex:
    """The dedup index of a run: the store's band table at the default threshold (memory flat
    however large the store), else one held in memory, loaded from every stored document."""
    if threshold == DEFAULT_THRESHOLD:
        return StoredIndex(StoredDocuments(store), threshold)
    index = DedupIndex(threshold)
    index.load(
        Known(
            r.doc_id,
            r.group_id,
            r.content_hash,
            r.signature,
            r.n_chars,
            r.published,
            r.doc_id == r.canonical_id,
        )
        for r in store.dedup_rows()
    )
    return index


def _run_options(sources: Sequence[str], options: IngestOptions) -> dict[str, object]:
    """What a run records of its settings: enough to resume it as it was started."""
    return {
        "threshold": options.threshold,
        "globs": list(options.sources.globs),
        "facts": options.facts,
        "max_bytes": options.sources.max_bytes,
        "batch_size": options.batch_size,
        "workers": options.workers,
        "scheduler": options.scheduler,
    }


def _numbered(
    items: Iterator[Item], skip: int, last: str | None, run_id: str
) -> Iterator[tuple[int, Item]]:
    """Number the inputs, skipping the first `skip` (finished before a resume)."""
    for position, item in enumerate(items):
        if position < skip - 1:
            continue
        if position == skip - 1:
            if item.source != last:
                raise ResumeError(
                    f"run {run_id[:8]}: its inputs changed since it stopped (input {skip} is "
                    f"{item.source}, was {last}); ingest the sources again as a new run"
                )
            continue
        yield position, item


def ingest(
    store: Store,
    sources: Sequence[str],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    reader: SourceReader | None = None,
    executor: Executor | None = None,
    resume: str | None = None,
) -> IngestReport:
    """Read, clean, deduplicate, extract facts from and store every article of `sources` as one
    recorded run, or finish the unfinished run `resume`.

    Args:
        store: the open database.
        sources: paths, directories, URLs, feed URLs or "-" (ignored when resuming: the run's
            own sources are read again).
        options: run settings (when resuming, the run's recorded settings are used instead,
            except `workers` and `scheduler`).
        progress: called once per input read or failed.
        reader: the source reader (tests pass one reading a given stdin).
        executor: where the per-document stages run (default: from `options`).
        resume: the id (or unique prefix) of a run to finish.

    Returns:
        The run's report; inputs that failed (or whose facts could not be extracted) are in
        `issues`, not raised.

    Raises:
        ResumeError: the run to resume has different inputs now.
        StoreError: the run to resume is unknown or done, or the store failed.
        ScaleError: the workers cannot be started or the cluster cannot be reached.
    """
    options = options or IngestOptions()
    skip, last, counts = 0, None, RunCounts()
    if resume is not None:
        row = store.reopen_run(resume)
        options = _recorded(row.options, options)
        sources, run_id = list(row.sources), row.id
        skip, last, counts = row.inputs_done, row.last_input, row.counts
    else:
        run_id = store.start_run(list(sources), _run_options(sources, options))
    ex = executor or open_executor(options.workers, options.scheduler)
    run = _Run(store, options, run_id, ex)
    run.counts = counts
    status = "failed"
    try:
        with reader or SourceReader(options.sources) as inputs:
            run.consume(_numbered(inputs.inputs(sources), skip, last, run_id), progress)
        if run.facts or resume is not None:  # derived from all facts: merged when they changed
            # (a resumed run may have been killed before merging them)
            update_ledger(store)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if executor is None:
            ex.close()
        store.finish_run(run_id, None, status)
    return IngestReport(run_id, run.counts, tuple(run.issues), run.facts)


def _recorded(recorded: dict[str, object], given: IngestOptions) -> IngestOptions:
    """The settings a run was started with (older runs lack some: the given ones then)."""
    sources = given.sources
    globs, max_bytes = recorded.get("globs"), recorded.get("max_bytes")
    if isinstance(globs, list):
        sources = replace(sources, globs=tuple(str(g) for g in globs))
    if isinstance(max_bytes, int):
        sources = replace(sources, max_bytes=max_bytes)
    threshold, facts, batch = (recorded.get(k) for k in ("threshold", "facts", "batch_size"))
    return replace(
        given,
        sources=sources,
        threshold=float(threshold) if isinstance(threshold, int | float) else given.threshold,
        facts=facts if isinstance(facts, bool) else given.facts,
        batch_size=batch if isinstance(batch, int) else given.batch_size,
    )


def report_dict(report: IngestReport) -> dict[str, object]:
    """The report as plain JSON-ready values."""
    return {
        "run": report.run_id,
        **asdict(report.counts),
        "facts": report.facts,
        "issues": [asdict(i) for i in report.issues],
    }
