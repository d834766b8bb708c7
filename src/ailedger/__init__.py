"""ailedger: a checkable ledger of AI-infrastructure facts from Korean and English news."""

from __future__ import annotations

from .analyse.analyse import analyse
from .clean.cleaner import clean
from .errors import AiledgerError, InputError, StoreError
from .ingest.parse import parse
from .measure import Measured, measure
from .model import (
    Analysis,
    DateMention,
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
from .quantities import Quantity, parse_quantities
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "AiledgerError",
    "Analysis",
    "DateMention",
    "DedupDecision",
    "Document",
    "Format",
    "IngestIssue",
    "IngestOptions",
    "IngestReport",
    "InputError",
    "Measured",
    "OffsetMap",
    "Quantity",
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
    "analyse",
    "clean",
    "ingest",
    "measure",
    "parse",
    "parse_quantities",
]
