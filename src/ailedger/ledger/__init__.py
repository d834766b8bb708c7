"""Ledger: facts of many documents -> one entry per real-world fact, its sources, its revisions
and explained conflicts (see build.py)."""

from __future__ import annotations

from .build import build_ledger
from .claims import claim_from_fact
from .model import (
    CONFLICT_KINDS,
    Claim,
    Conflict,
    Entry,
    Fx,
    Ledger,
    Money,
    Revision,
    Source,
    SourceDoc,
)

__all__ = [
    "CONFLICT_KINDS",
    "Claim",
    "Conflict",
    "Entry",
    "Fx",
    "Ledger",
    "Money",
    "Revision",
    "Source",
    "SourceDoc",
    "build_ledger",
    "claim_from_fact",
]
