"""Evaluate, scoring: gold and predicted EvalFacts -> EvalReport (one-to-one greedy matching)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .metrics import METRIC_RULES, MICRO, Metric
from .reading import EvalFact, read_facts, read_lines


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one metric, with the counts they come from."""

    metric: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, metric: str, tp: int, fp: int, fn: int) -> Score:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return cls(metric, tp, fp, fn, p, r, f1)


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A gold fact no prediction matched (a miss), or a prediction no gold fact matched."""

    metric: str
    doc: str
    span: str
    line: int  # 1-based line in its input
    fact: str  # the compared fields, short: "USD 80000000000 microsoft"


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores per metric (METRICS, then `all`), misses and false positives per metric."""

    gold: str
    predictions: str
    split: str | None
    documents: int
    scores: tuple[Score, ...]
    misses: tuple[Unmatched, ...]
    false_positives: tuple[Unmatched, ...]

    def score(self, metric: str) -> Score:
        return next(s for s in self.scores if s.metric == metric)


@dataclass(frozen=True, slots=True)
class _Outcome:
    tp: int
    fp: list[EvalFact]
    fn: list[EvalFact]


def _match(metric: Metric, gold: Sequence[EvalFact], pred: Sequence[EvalFact]) -> _Outcome:
    """One document's facts of one type: greedy one-to-one pairs, best agreement first."""
    pairs = [
        (tuple(-a for a in metric.agreement(g, p)), i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(pred)
        if metric.matches(g, p)
    ]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, i, j in sorted(pairs):  # best agreement first, then input order
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    # Greedy leaves no matching pair with both sides free, so a left-over prediction that
    # matches some gold fact matches one already taken: a repeat.
    repeats = {j for _, _, j in pairs}
    fp: dict[Hashable, EvalFact] = {}
    for j, p in enumerate(pred):
        if j not in repeats:
            fp.setdefault(metric.key(p), p)
    fn = [g for i, g in enumerate(gold) if i not in used_gold]
    return _Outcome(len(used_gold), list(fp.values()), fn)


def _by_doc(facts: Iterable[EvalFact], kind: str) -> dict[str, list[EvalFact]]:
    out: dict[str, list[EvalFact]] = {}
    for f in facts:
        if f.type == kind:
            out.setdefault(f.doc, []).append(f)
    return out


def _unmatched(metric: Metric, f: EvalFact) -> Unmatched:
    return Unmatched(metric.name, f.doc, f.span, f.line, metric.describe(f))


def _select(gold: list[EvalFact], split: str | None, docs: Iterable[str] | None) -> set[str] | None:
    if split is None and docs is None:
        return None
    chosen = {g.doc for g in gold if split is None or g.split == split}
    return chosen if docs is None else chosen & set(docs)


def evaluate(
    gold: Iterable[str],
    predictions: Iterable[str],
    *,
    gold_name: str = "gold",
    predictions_name: str = "predictions",
    split: str | None = None,
    docs: Iterable[str] | None = None,
) -> EvalReport:
    """Score predicted facts against gold labels, both given as JSON lines.

    Args:
        gold: gold label lines (../shared/gold format; a line may carry `split`).
        predictions: fact lines as `ailedger extract` prints them (fact.schema.json).
        gold_name, predictions_name: how error messages name the two inputs.
        split: only gold documents whose lines carry this split, and predictions for them.
        docs: only these documents (with `split`: those of the split among them).

    Returns:
        The report; by default every document in the gold or the predictions is scored.

    Raises:
        FormatError: a line is not a JSON object with a string `doc` and a known `type`.
    """
    gold_facts = read_facts(gold, gold_name, gold=True)
    pred_facts = read_facts(predictions, predictions_name, gold=False)
    chosen = _select(gold_facts, split, docs)
    if chosen is not None:
        gold_facts = [f for f in gold_facts if f.doc in chosen]
        pred_facts = [f for f in pred_facts if f.doc in chosen]
    scores: list[Score] = []
    misses: list[Unmatched] = []
    false_positives: list[Unmatched] = []
    for metric in METRIC_RULES:
        gold_docs, pred_docs = _by_doc(gold_facts, metric.type), _by_doc(pred_facts, metric.type)
        tp = fp = fn = 0
        for doc in sorted(gold_docs.keys() | pred_docs.keys()):
            out = _match(metric, gold_docs.get(doc, []), pred_docs.get(doc, []))
            tp, fp, fn = tp + out.tp, fp + len(out.fp), fn + len(out.fn)
            misses += [_unmatched(metric, g) for g in out.fn]
            false_positives += [_unmatched(metric, p) for p in out.fp]
        scores.append(Score.of(metric.name, tp, fp, fn))
    micro = [s for s in scores if s.metric in MICRO]
    scores.append(Score.of("all", *(sum(getattr(s, c) for s in micro) for c in ("tp", "fp", "fn"))))
    documents = {f.doc for f in gold_facts} | {f.doc for f in pred_facts}
    return EvalReport(
        gold_name,
        predictions_name,
        split,
        len(documents),
        tuple(scores),
        tuple(misses),
        tuple(false_positives),
    )


def evaluate_files(
    gold: str | Path,
    predictions: str | Path,
    *,
    split: str | None = None,
    stdin: TextIO | None = None,
) -> EvalReport:
    """`evaluate` over two files; `predictions` may be "-" for `stdin`.

    Raises:
        SourceError: a file cannot be read.
        FormatError: a line is not a usable JSON object (the message names file and line).
    """
    pred_name = "<stdin>" if str(predictions) == "-" else str(predictions)
    return evaluate(
        read_lines(gold),
        read_lines(predictions, stdin),
        gold_name=str(gold),
        predictions_name=pred_name,
        split=split,
    )
