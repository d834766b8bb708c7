"""Evaluate: gold label lines + predicted fact lines (JSON Lines) -> EvalReport (P/R/F1).

Gold lines follow ../shared/gold (actor as a plain English name, value/min/max/currency at the
top level); predictions follow fact.schema.json (entity objects, `amount` / `quantity`). Both
sides are folded the same way before they are compared: entity names and ids through the
entity table (AWS -> amazon, 알파벳 -> google), unresolved names casefolded.

Rules (the gold README, plus the choices it leaves open):
- An amount matches when the currency (unit for compute) is equal and the predicted value or
  range overlaps the gold value or range widened by 0.5 % of each bound: for two points that is
  "within 0.5 % of the gold value"; a `min` without `max` is open above (and the reverse).
- A gold actor of null matches only a predicted null actor, and then the folded `actor_group`
  sets must be equal too (both empty when neither names a group).
- Launch dates compare at the gold's precision up to year-month: gold 2023-07-06 matches a
  prediction of 2023-07 or 2023-07-31, gold 2023 matches any date in 2023; a prediction
  coarser than the gold (2023 for 2023-07) or a missing date does not match a dated gold.
- Matching is per document, per metric, one to one: every matching (gold, prediction) pair
  is ranked by agreement on the fields the metric does not require (actor, exact date, product,
  closeness of the amount ...) and pairs are taken greedily, best first.
- A prediction left over that matches an already matched gold fact repeats it: neither TP nor
  FP. Left-over predictions that repeat each other (the same folded key) count as one FP.
- `all` is the micro sum over money+actor, compute, partnership, launch and ranking: every
  fact counted once, money by its strict rule.
- A metric with nothing to divide by scores 0.0 (the counts say why).
"""

from .metrics import METRICS, MICRO
from .reading import SPLITS, Split, read_lines
from .report import EvalReport, Score, Unmatched, evaluate, evaluate_files

__all__ = [
    "METRICS",
    "MICRO",
    "SPLITS",
    "EvalReport",
    "Score",
    "Split",
    "Unmatched",
    "evaluate",
    "evaluate_files",
    "read_lines",
]
