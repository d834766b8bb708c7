"""Evaluate: hand-made gold and prediction lines, one rule each, and the seeds gold as its own
prediction (which proves the gold -> fact.schema.json mapping)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ailedger.errors import FormatError, SourceError
from ailedger.evaluate import METRICS, EvalReport, evaluate, evaluate_files
from ailedger.facts.entities import table
from tests.conftest import SHARED
from tests.facts.schema import validate_fact

GOLD = SHARED / "gold" / "seeds.gold.jsonl"


def line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def ent(name: str) -> dict[str, Any]:
    """A predicted entity object, as the extractor prints one (id from the table when known)."""
    found = table().resolve(name)
    return {"id": found.id if found else name.casefold(), "name": name, "parent": None}


def gold_money(doc: str, actor: str | None, value: float, currency: str = "USD", **kw: Any) -> str:
    return line(doc=doc, type="money", actor=actor, value=value, currency=currency, span="g", **kw)


def pred_money(
    doc: str, actor: str | None, amount: dict[str, Any], currency: str = "USD", **kw: Any
) -> str:
    return line(
        doc=doc,
        type="money",
        actor=ent(actor) if actor else None,
        amount=amount | {"currency": currency},
        evidence={"span": "p", "start": 0, "end": 1},
        **kw,
    )


def counts(report: EvalReport, metric: str) -> tuple[int, int, int]:
    s = report.score(metric)
    return s.tp, s.fp, s.fn


@pytest.mark.parametrize(("value", "hit"), [(100.4, True), (99.6, True), (100.6, False)])
def test_amount_tolerance_is_half_a_percent(value: float, hit: bool) -> None:
    report = evaluate([gold_money("d", "Meta", 100)], [pred_money("d", "Meta", {"value": value})])
    assert counts(report, "money") == ((1, 0, 0) if hit else (0, 1, 1))


def test_currency_must_be_equal() -> None:
    report = evaluate(
        [gold_money("d", "Meta", 100)], [pred_money("d", "Meta", {"value": 100}, "EUR")]
    )
    assert counts(report, "money") == (0, 1, 1)


def test_ranges_match_when_they_overlap() -> None:
    gold = [line(doc="d", type="money", actor="Meta", min=10, max=100, currency="USD", span="g")]
    for amount, hit in [
        ({"value": 65}, True),
        ({"min": 90, "max": 900}, True),
        ({"min": 101, "max": 200}, False),
        ({"min": 100.4}, True),  # open above, starts inside the widened gold range
        ({"max": 9}, False),
    ]:
        report = evaluate(gold, [pred_money("d", "Meta", amount)])
        assert counts(report, "money")[0] == int(hit), amount


def test_aliases_fold_on_both_sides() -> None:
    gold = [gold_money("d", "Amazon", 100), gold_money("d", "Google", 200)]
    pred = [
        pred_money("d", "AWS", {"value": 100}),
        line(
            doc="d",
            type="money",
            actor={"id": "alphabet", "name": "Alphabet"},
            amount={"value": 200, "currency": "USD"},
            evidence={"span": "p", "start": 0, "end": 1},
        ),
    ]
    assert counts(evaluate(gold, pred), "money+actor") == (2, 0, 0)
    wrong = evaluate(gold, [pred_money("d", "Microsoft", {"value": 100})])
    assert counts(wrong, "money") == (1, 0, 1)
    assert counts(wrong, "money+actor") == (0, 1, 2)


def test_unresolved_names_compare_casefolded() -> None:
    gold = [line(doc="d", type="partnership", parties=["Anthropic", "AWS"], span="g")]
    pred = [line(doc="d", type="partnership", parties=[ent("amazon"), ent("ANTHROPIC")])]
    assert counts(evaluate(gold, pred), "partnership") == (1, 0, 0)


def test_repeated_predictions_count_once() -> None:
    gold = [gold_money("d", "Meta", 100)]
    pred = [pred_money("d", "Meta", {"value": 100})] * 3 + [
        pred_money("d", "Meta", {"value": 500}),
        pred_money("d", "Meta", {"value": 500}),
    ]
    report = evaluate(gold, pred)
    assert counts(report, "money") == (1, 1, 0)
    assert [fp.fact for fp in report.false_positives if fp.metric == "money"] == ["USD 500 meta"]


def test_the_same_amount_twice_in_gold_needs_two_predictions() -> None:
    gold = [gold_money("d", "Meta", 100), gold_money("d", "Meta", 100)]
    assert counts(evaluate(gold, [pred_money("d", "Meta", {"value": 100})]), "money") == (1, 0, 1)


def test_matching_is_per_document() -> None:
    report = evaluate([gold_money("a", "Meta", 100)], [pred_money("b", "Meta", {"value": 100})])
    assert counts(report, "money") == (0, 1, 1)
    assert report.documents == 2


def test_greedy_pairs_prefer_the_closer_amount() -> None:
    gold = [gold_money("d", "Meta", 100), gold_money("d", "Meta", 100.6)]
    pred = [pred_money("d", "Meta", {"value": 100.3}), pred_money("d", "Meta", {"value": 100})]
    assert counts(evaluate(gold, pred), "money") == (2, 0, 0)


def test_greedy_pairs_prefer_the_agreeing_actor() -> None:
    gold = [gold_money("d", "Meta", 100), gold_money("d", "Google", 100)]
    report = evaluate(gold, [pred_money("d", "구글", {"value": 100})])
    assert counts(report, "money") == (1, 0, 1)
    assert [m.fact for m in report.misses if m.metric == "money"] == ["USD 100 meta"]


def test_null_actor_with_a_group() -> None:
    gold = [gold_money("d", None, 100, actor_group=["Amazon", "Google"])]
    same = pred_money("d", None, {"value": 100}, actor_group=[ent("AWS"), ent("구글")])
    other = pred_money("d", None, {"value": 100}, actor_group=[ent("Amazon")])
    named = pred_money("d", "Amazon", {"value": 100})
    assert counts(evaluate(gold, [same]), "money+actor") == (1, 0, 0)
    assert counts(evaluate(gold, [other]), "money+actor") == (0, 1, 1)
    assert counts(evaluate(gold, [named]), "money+actor") == (0, 1, 1)
    plain = evaluate([gold_money("d", None, 100)], [pred_money("d", None, {"value": 100})])
    assert counts(plain, "money+actor") == (1, 0, 0)


def test_compute_needs_the_same_unit() -> None:
    gold = [line(doc="d", type="compute", actor="Meta", value=10000, unit="gpu", span="g")]

    def pred(value: int, unit: str) -> str:
        quantity = {"value": value, "unit": unit, "approx": False}
        return line(doc="d", type="compute", actor=ent("Meta"), quantity=quantity)

    assert counts(evaluate(gold, [pred(10040, "gpu")]), "compute") == (1, 0, 0)
    assert counts(evaluate(gold, [pred(10000, "MW")]), "compute") == (0, 1, 1)


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "hit"),
    [
        ("2023-07-06", "2023-07", True),
        ("2023-07-06", "2023-07-30", True),
        ("2023-07", "2023-07-06", True),
        ("2023-07-06", "2023", False),
        ("2023-07-06", "2023-08", False),
        ("2023-07-06", None, False),
        ("2023", "2023-11", True),
    ],
)
def test_launch_compares_year_month(gold_date: str, pred_date: str | None, hit: bool) -> None:
    gold = [line(doc="d", type="launch", actor="OpenAI", product="P", date=gold_date, span="g")]
    pred = {"doc": "d", "type": "launch", "actor": ent("오픈AI"), "product": "P"}
    if pred_date:
        pred["date"] = pred_date
    assert counts(evaluate(gold, [json.dumps(pred)]), "launch")[0] == int(hit)


def test_two_launches_in_one_month_pair_by_product() -> None:
    gold = [
        line(doc="d", type="launch", actor="Meta", product="Alpha", date="2023-07-06", span="a"),
        line(doc="d", type="launch", actor="Meta", product="Beta", date="2023-07-18", span="b"),
    ]
    pred = [
        line(doc="d", type="launch", actor=ent("Meta"), product="beta", date="2023-07"),
        line(doc="d", type="launch", actor=ent("Meta"), product="alpha", date="2023-07"),
    ]
    assert counts(evaluate(gold, pred), "launch") == (2, 0, 0)


def test_ranking_needs_subject_and_rank() -> None:
    gold = [line(doc="d", type="ranking", subject="South Korea", index="I", rank=6, span="g")]
    good = line(doc="d", type="ranking", subject=ent("한국"), index="I", rank=6)
    bad = line(doc="d", type="ranking", subject=ent("한국"), index="I", rank=5)
    assert counts(evaluate(gold, [good]), "ranking") == (1, 0, 0)
    assert counts(evaluate(gold, [bad]), "ranking") == (0, 1, 1)


def test_all_is_the_micro_sum_and_scores_are_right() -> None:
    gold = [gold_money("d", "Meta", 100), gold_money("d", "Google", 300)]
    pred = [pred_money("d", "Meta", {"value": 100}), pred_money("d", "Meta", {"value": 300})]
    report = evaluate(gold, pred)
    money = report.score("money+actor")
    assert (money.tp, money.fp, money.fn) == (1, 1, 1)
    assert money.precision == money.recall == money.f1 == 0.5
    assert counts(report, "all") == (1, 1, 1)
    assert [s.metric for s in report.scores] == [*METRICS, "all"]
    assert report.score("ranking").f1 == 0.0


def test_errors_name_doc_span_and_line() -> None:
    gold = ["", gold_money("d", "Meta", 100)]
    report = evaluate(gold, [pred_money("d", "Meta", {"value": 7})])
    miss = next(m for m in report.misses if m.metric == "money")
    fp = next(m for m in report.false_positives if m.metric == "money")
    assert (miss.doc, miss.span, miss.line, miss.fact) == ("d", "g", 2, "USD 100 meta")
    assert (fp.doc, fp.span, fp.line) == ("d", "p", 1)


def test_split_selects_gold_docs_and_their_predictions() -> None:
    gold = [
        gold_money("a", "Meta", 100, split="dev"),
        gold_money("b", "Meta", 200, split="held_out"),
    ]
    pred = [
        pred_money("a", "Meta", {"value": 100}),
        pred_money("b", "Meta", {"value": 999}),
        pred_money("c", "Meta", {"value": 1}),
    ]
    assert counts(evaluate(gold, pred, split="dev"), "money") == (1, 0, 0)
    assert counts(evaluate(gold, pred, split="held_out"), "money") == (0, 1, 1)
    assert counts(evaluate(gold, pred), "money") == (1, 2, 1)
    only_b = evaluate(gold, pred, docs=["b"])
    assert counts(only_b, "money") == (0, 1, 1) and only_b.documents == 1


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("doc,type,actor,value", "not a JSON object"),
        ("[1, 2]", "not a JSON object"),
        ('{"doc": "d", "type": "merger"}', "'type'"),
        ('{"type": "money"}', "'doc'"),
    ],
)
def test_a_bad_line_is_one_clear_error(bad: str, says: str) -> None:
    with pytest.raises(FormatError) as caught:
        evaluate([gold_money("d", "Meta", 1)], ["", bad], predictions_name="out.csv")
    message = str(caught.value)
    assert message.startswith("out.csv:2: ") and says in message and "\n" not in message
    if says == "not a JSON object":
        assert "CSV" in message


def test_files_and_missing_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_money("d", "Meta", 100) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(pred_money("d", "Meta", {"value": 100}) + "\n", encoding="utf-8")
    assert evaluate_files(gold, pred).score("all").f1 == 1.0
    with pytest.raises(SourceError, match=r"nope\.jsonl"):
        evaluate_files(gold, tmp_path / "nope.jsonl")


# --- the seeds gold as a prediction ------------------------------------------------------------


def entity_of(name: str | None) -> dict[str, Any] | None:
    """A gold name as a schema entity; names outside the table get a slug id."""
    if name is None:
        return None
    found = table().resolve(name)
    if found is None:
        return {"id": "-".join(name.casefold().split()), "name": name, "parent": None}
    out: dict[str, Any] = {"id": found.id, "name": found.name, "parent": found.parent}
    return out | ({"ko": found.ko} if found.ko else {})


def to_prediction(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """One gold line in the fact.schema.json shape `ailedger extract` prints."""
    kind = gold["type"]
    out: dict[str, Any] = {"doc": gold["doc"], "type": kind}
    number = {k: gold[k] for k in ("value", "min", "max") if k in gold}
    if kind in ("money", "compute", "launch"):
        out["actor"] = entity_of(gold["actor"])
    if gold.get("actor_group"):
        out["actor_group"] = [entity_of(n) for n in gold["actor_group"]]
    if kind == "money":
        out["amount"] = number | {"currency": gold["currency"], "approx": gold["approx"]}
        out |= {k: gold.get(k) for k in ("krw_stated", "kind", "year", "period")}
    if kind == "compute":
        out["quantity"] = number | {"unit": gold["unit"], "approx": gold["approx"]}
        out["year"] = gold["year"]
    if kind == "partnership":
        out |= {"parties": [entity_of(n) for n in gold["parties"]], "domain": gold["domain"]}
    if kind == "launch":
        out |= {"product": gold["product"], "date": gold["date"]}
    if kind == "ranking":
        out["subject"] = entity_of(gold["subject"])
        out |= {k: gold[k] for k in ("index", "rank", "year")}
    start = text.index(gold["span"])
    out["evidence"] = {"span": gold["span"], "start": start, "end": start + len(gold["span"])}
    return out


def test_the_seeds_gold_scores_perfectly_against_itself(seeds_dir: Path) -> None:
    gold_lines = GOLD.read_text(encoding="utf-8").splitlines()
    predictions = []
    for raw in gold_lines:
        gold = json.loads(raw)
        text = (seeds_dir / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        fact = to_prediction(gold, text)
        validate_fact(fact)
        predictions.append(json.dumps(fact, ensure_ascii=False))
    report = evaluate(gold_lines, predictions * 2)  # every fact twice: repeats count once
    assert report.documents == 5
    for score in report.scores:
        assert (score.f1, score.fp, score.fn) == (1.0, 0, 0), score
    assert report.score("all").tp == len(gold_lines)
