"""Kiwi user words: the entity table's Korean names are single NNP tokens."""

from __future__ import annotations

import pytest

from ailedger.analyse.kiwi import entity_words, kiwi, tokenize
from ailedger.model import Span


def forms(text: str) -> list[tuple[str, str]]:
    (tokens,) = tokenize(text, [Span(0, len(text))])
    return [(t.form, t.tag) for t in tokens]


@pytest.mark.parametrize(
    "name",
    ["하이퍼클로바X", "SK하이닉스", "오픈AI", "과학기술정보통신부", "퓨리오사AI", "KT클라우드"],
)
def test_a_multi_part_name_is_one_proper_noun(name: str) -> None:
    assert forms(f"{name}가 새 모델을 공개했다")[0] == (name, "NNP")


def test_ordinary_text_still_tokenizes() -> None:
    text = "메타버스 기업이 데이터센터에 돈을 쓴다."
    tokens = forms(text)
    assert ("메타버스", "NNP") in tokens
    assert ("데이터", "NNG") in tokens
    assert ("쓰", "VV") in tokens
    assert tokens[-1] == (".", "SF")


def test_user_words_have_hangul_and_no_spaces() -> None:
    words = list(entity_words())
    assert len(words) > 300
    assert "하이퍼클로바X" in words
    assert "오픈 AI" not in words  # a space: left to Kiwi
    assert "SK(주)" not in words  # a symbol: left to Kiwi
    assert "Microsoft" not in words
    assert kiwi() is kiwi()
