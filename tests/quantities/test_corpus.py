"""Quantities corpus: each form parses to one quantity spanning it; negatives yield none."""

from __future__ import annotations

from typing import Any

import pytest

from ailedger.quantities import parse_quantities

from .corpus import SECTIONS, check_form, load, load_list, mismatch

FILES = ["ko/money.yaml", "ko/counts.yaml", "ko/numbers.yaml", "en/money.yaml", "en/counts.yaml"]


def _cases(section: str) -> list[Any]:
    cases = []
    for relpath in FILES:
        lang = relpath.split("/")[0]
        for form in load(relpath).get(section) or []:
            cases.append(pytest.param(form, lang, id=f"{relpath}:{form['text']}"))
    return cases


def _positive() -> list[Any]:
    return [c for s in SECTIONS for c in _cases(s)]


@pytest.mark.parametrize(("form", "lang"), _positive())
def test_form_parses(form: dict[str, Any], lang: str) -> None:
    check_form(form, lang)


@pytest.mark.parametrize(("form", "lang"), _cases("negative"))
def test_negative_yields_nothing_of_its_dim(form: dict[str, Any], lang: str) -> None:
    found = parse_quantities(form["text"], lang)
    assert not [q for q in found if q.dim == form["dim"]], found


def test_known_failures_still_fail() -> None:
    """A form listed as a known failure that parses now belongs with the passing forms."""
    for relpath in FILES:
        lang = relpath.split("/")[0]
        for form in load(relpath).get("known_failures") or []:
            with pytest.raises(AssertionError):
                check_form(form, lang)


def test_corpus_sizes() -> None:
    def count(lang: str) -> int:
        return sum(
            len(load(p).get(s) or [])
            for p in FILES
            if p.startswith(lang)
            for s in (*SECTIONS, "negative")
        )

    assert count("ko") >= 400
    assert count("en") >= 100


@pytest.mark.parametrize("case", load_list("ko/sentences.yaml"), ids=lambda c: c["text"][:30])
def test_sentence(case: dict[str, Any]) -> None:
    found = parse_quantities(case["text"], "ko")
    assert [q.text for q in found] == [e["text"] for e in case["expect"]]
    for q, want in zip(found, case["expect"], strict=True):
        assert q.text == case["text"][q.start : q.end]
        assert not mismatch(q, want), (q, mismatch(q, want))
