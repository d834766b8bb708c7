"""The gate in front of the tokenizer: high recall on anything that can hold a quantity."""

from __future__ import annotations

import pytest

from ailedger.analyse.gate import needs_tokens, passes


@pytest.mark.parametrize(
    "sentence",
    [
        "메타는 650억달러를 쓴다.",
        "정부는 수십억 원을 투입한다.",
        "칠십오 명이 참석했다.",
        "삼백만원이 들었다.",
        "마이크로소프트와 오픈AI가 손잡았다.",
        "새 모델을 출시했다.",
        "Microsoft will spend eighty billion dollars.",
        "It is worth tens of billions of dollars.",
        "₩ 표시가 있다",
    ],
)
def test_gate_lets_through(sentence: str) -> None:
    assert passes(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["그는 웃으며 자리를 떠났다.", "날씨가 맑다.", "The weather was mild and people walked."],
)
def test_gate_skips_sentences_with_nothing_to_find(sentence: str) -> None:
    assert not passes(sentence)


@pytest.mark.parametrize(
    ("sentence", "dims", "expected"),
    [
        ("글로벌 기업들의 AI 투자 경쟁이 심화되고 있다.", (), False),  # an amount cue alone
        ("Investors want more detail on the spending.", (), False),
        ("메타는 650억달러를 투자한다.", ("money",), True),
        ("GPU 1만장을 들인다.", ("count",), True),
        ("삼성전자는 오픈AI와 협력한다.", (), True),  # a partnership needs no amount
        ("새 모델을 출시했다.", (), True),
        ("매출이 20% 늘었다.", ("percent",), False),
    ],
)
def test_tokens_only_where_a_fact_can_be_read(
    sentence: str, dims: tuple[str, ...], expected: bool
) -> None:
    assert needs_tokens(sentence, dims) is expected
