"""Ledger: facts of many documents -> one entry per real-world fact, its sources, its revisions
and explained conflicts (see build.py); and what is computed from the entries: league tables
and totals (aggregate.py), the alliance graph (alliances.py), derived ratios (derived.py)."""

from __future__ import annotations

from .aggregate import LeagueRow, Sum, TotalRow, league, timeline, totals
from .alliances import AllianceEdge, AllianceGraph, AllianceNode, alliances
from .build import build_ledger
from .claims import claim_from_fact
from .derived import Part, Ratio, big_tech_vs_budget, growth, spend_per_gpu
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
    "AllianceEdge",
    "AllianceGraph",
    "AllianceNode",
    "Claim",
    "Conflict",
    "Entry",
    "Fx",
    "LeagueRow",
    "Ledger",
    "Money",
    "Part",
    "Ratio",
    "Revision",
    "Source",
    "SourceDoc",
    "Sum",
    "TotalRow",
    "alliances",
    "big_tech_vs_budget",
    "build_ledger",
    "claim_from_fact",
    "growth",
    "league",
    "spend_per_gpu",
    "timeline",
    "totals",
]
