"""Evaluate, comparing: two EvalFacts -> match or not, per metric (the rules in __init__)."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import Decimal

from .reading import Bounds, EvalFact

METRICS = ("money", "money+actor", "compute", "partnership", "launch", "ranking")
MICRO = ("money+actor", "compute", "partnership", "launch", "ranking")
TOLERANCE = Decimal("0.005")


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric: which facts it reads, when two match, how pairs rank, what a repeat is."""

    name: str
    type: str
    matches: Callable[[EvalFact, EvalFact], bool]
    agreement: Callable[[EvalFact, EvalFact], tuple[float, ...]]  # higher is better
    key: Callable[[EvalFact], Hashable]
    describe: Callable[[EvalFact], str]


def _overlaps(gold: Bounds | None, pred: Bounds | None) -> bool:
    if gold is None or pred is None:
        return False
    g_lo, g_hi = gold
    p_lo, p_hi = pred
    if g_hi is not None and p_lo is not None and p_lo > g_hi + abs(g_hi) * TOLERANCE:
        return False
    return not (g_lo is not None and p_hi is not None and p_hi < g_lo - abs(g_lo) * TOLERANCE)


def _centre(bounds: Bounds | None) -> float | None:
    if bounds is None:
        return None
    ends = [float(b) for b in bounds if b is not None]
    return sum(ends) / len(ends)


def _closeness(g: EvalFact, p: EvalFact) -> float:
    """Minus the relative distance of the two centres (0 is best)."""
    gc, pc = _centre(g.bounds), _centre(p.bounds)
    if gc is None or pc is None:
        return -math.inf
    return -abs(pc - gc) / max(abs(gc), 1e-9)


def _same_actor(g: EvalFact, p: EvalFact) -> bool:
    return g.actor == p.actor and (g.actor is not None or g.group == p.group)


def _amount(g: EvalFact, p: EvalFact) -> bool:
    return g.measure == p.measure and _overlaps(g.bounds, p.bounds)


def _month(date: str | None) -> str | None:
    return date[:7] if date else None


def _same_month(g: EvalFact, p: EvalFact) -> bool:
    want = _month(g.date)
    if want is None or p.date is None:
        return want is None and p.date is None
    return len(p.date) >= len(want) and p.date[: len(want)] == want


def _bounds_text(f: EvalFact) -> str:
    if f.bounds is None:
        return "no value"
    low, high = f.bounds
    if low == high:
        return f"{low}"
    return f"{low if low is not None else ''}..{high if high is not None else ''}"


def _who(f: EvalFact) -> str:
    if f.actor is not None:
        return f.actor
    return "+".join(sorted(f.group)) if f.group else "no actor"


def _describe_amount(f: EvalFact) -> str:
    return f"{f.measure} {_bounds_text(f)} {_who(f)}"


METRIC_RULES = (
    Metric(
        "money",
        "money",
        _amount,
        lambda g, p: (float(_same_actor(g, p)), _closeness(g, p)),
        lambda f: (f.measure, f.bounds),
        _describe_amount,
    ),
    Metric(
        "money+actor",
        "money",
        lambda g, p: _amount(g, p) and _same_actor(g, p),
        lambda g, p: (_closeness(g, p),),
        lambda f: (f.measure, f.bounds, f.actor, f.group),
        _describe_amount,
    ),
    Metric(
        "compute",
        "compute",
        _amount,
        lambda g, p: (float(_same_actor(g, p)), _closeness(g, p)),
        lambda f: (f.measure, f.bounds),
        _describe_amount,
    ),
    Metric(
        "partnership",
        "partnership",
        lambda g, p: g.parties == p.parties,
        lambda g, p: (0.0,),
        lambda f: f.parties,
        lambda f: " + ".join(sorted(f.parties)) or "no parties",
    ),
    Metric(
        "launch",
        "launch",
        lambda g, p: _same_actor(g, p) and _same_month(g, p),
        lambda g, p: (float(g.date == p.date), float(g.product == p.product)),
        lambda f: (f.actor, _month(f.date)),
        lambda f: f"{_who(f)} {f.date or 'no date'} {f.product}".rstrip(),
    ),
    Metric(
        "ranking",
        "ranking",
        lambda g, p: g.subject == p.subject and g.rank == p.rank,
        lambda g, p: (float(g.index == p.index),),
        lambda f: (f.subject, f.rank),
        lambda f: f"{f.subject} #{f.rank} {f.index}".rstrip(),
    ),
)
