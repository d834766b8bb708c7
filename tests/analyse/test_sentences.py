"""Sentence splitting: quotes, decimals, abbreviations, bullets; spans index the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ailedger.analyse.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("메타는 투자한다. 구글도 그렇다.", ["메타는 투자한다.", "구글도 그렇다."]),
        (
            "그는 “AI에 돈을 쓴다. 많이 쓴다”라고 말했다. 다음 문장이다.",
            ["그는 “AI에 돈을 쓴다. 많이 쓴다”라고 말했다.", "다음 문장이다."],
        ),
        ("점유율은 0.1% 늘었다. 매출은 3.5배다.", ["점유율은 0.1% 늘었다.", "매출은 3.5배다."]),
        (
            "• 첫 항목이다.\n- 둘째 항목이다.\n1. 셋째다.\n가. 넷째다.",
            ["첫 항목이다.", "둘째 항목이다.", "셋째다.", "넷째다."],
        ),
        (
            "U.S. officials met Mr. Kim on Jan. 5. He left.",
            ["U.S. officials met Mr. Kim on Jan. 5.", "He left."],
        ),
        (
            'He said "we will spend. A lot." Then he left!',
            ['He said "we will spend. A lot."', "Then he left!"],
        ),
        ("정말인가? 그렇다! 끝…", ["정말인가?", "그렇다!", "끝…"]),
        ("제목 줄\n\n본문 줄", ["제목 줄", "본문 줄"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@given(st.text(alphabet=st.sampled_from(list("가나다 .!?“”\"'\n1•-")), max_size=200))
def test_spans_are_ordered_stripped_and_in_bounds(text: str) -> None:
    last = 0
    for span in split_sentences(text):
        piece = text[span.start : span.end]
        assert span.start >= last and piece == piece.strip() and piece
        last = span.end
