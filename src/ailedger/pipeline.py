"""Pipeline: sources -> ingest -> clean -> dedup -> store, in batches, recorded as one run.

Each batch is written in one transaction; a run that is killed leaves whole batches only, and
re-running the same sources completes it without duplicating anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from .clean.cleaner import clean
from .dedup.index import DEFAULT_THRESHOLD, DedupIndex, Known
from .errors import InputError
from .ingest.parse import parse
from .ingest.sources import SourceOptions, SourceReader, issue_of
from .model import IngestIssue, RawInput, RunCounts, StoredDocument
from .store import Store

BATCH_SIZE = 200


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Settings of one ingest run."""

    sources: SourceOptions = field(default_factory=SourceOptions)
    threshold: float = DEFAULT_THRESHOLD
    batch_size: int = BATCH_SIZE


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one run did: its id, totals and the inputs that failed."""

    run_id: str
    counts: RunCounts
    issues: tuple[IngestIssue, ...]


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
        self.batch.append(StoredDocument(doc, decision, signature))
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.counts = _bump(self.counts, self.store.write_batch(self.run_id, self.batch))
            self.batch = []


def ingest(
    store: Store,
    sources: Sequence[str],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    reader: SourceReader | None = None,
) -> IngestReport:
    """Read, clean, deduplicate and store every article of `sources` as one recorded run.

    Args:
        store: the open database.
        sources: paths, directories, URLs, feed URLs or "-".
        options: run settings.
        progress: called once per input read or failed.
        reader: the source reader (tests pass one reading a given stdin).

    Returns:
        The run's report; inputs that failed are in `issues`, not raised.
    """
    options = options or IngestOptions()
    run_opts = {"threshold": options.threshold, "globs": list(options.sources.globs)}
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
    return IngestReport(run.run_id, run.counts, tuple(run.issues))


def report_dict(report: IngestReport) -> dict[str, object]:
    """The report as plain JSON-ready values."""
    return {
        "run": report.run_id,
        **asdict(report.counts),
        "issues": [asdict(i) for i in report.issues],
    }
