"""ailedger: a checkable ledger of AI-infrastructure facts from Korean and English news."""

from __future__ import annotations

from .clean.cleaner import clean
from .errors import AiledgerError, InputError, StoreError
from .ingest.parse import parse
from .model import (
    DedupDecision,
    Document,
    Format,
    IngestIssue,
    OffsetMap,
    RawDocument,
    RawInput,
    RemovedBlock,
    RunCounts,
    Segment,
    Span,
    StoredDocument,
)
from .pipeline import IngestOptions, IngestReport, ingest
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "AiledgerError",
    "DedupDecision",
    "Document",
    "Format",
    "IngestIssue",
    "IngestOptions",
    "IngestReport",
    "InputError",
    "OffsetMap",
    "RawDocument",
    "RawInput",
    "RemovedBlock",
    "RunCounts",
    "Segment",
    "Span",
    "Store",
    "StoreError",
    "StoredDocument",
    "__version__",
    "clean",
    "ingest",
    "parse",
]
