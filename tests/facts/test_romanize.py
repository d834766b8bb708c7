"""Unknown Korean organisation names come out in English (Revised Romanization + endings)."""

from __future__ import annotations

import pytest

from ailedger.facts.romanize import english_name, romanize
from tests.facts.helpers import facts_of


@pytest.mark.parametrize(
    ("korean", "latin"),
    [
        ("한글", "hangeul"),
        ("서울", "seoul"),
        ("부산", "busan"),
        ("대구", "daegu"),
        ("광주", "gwangju"),
        ("제주", "jeju"),
        ("한울", "hanul"),  # a final before a vowel is sounded as the next initial
        ("별내", "byeollae"),  # ㄹ and ㄴ meeting are both sounded l
        ("신라", "silla"),
        ("설립", "seollip"),
        ("AI", "AI"),
    ],
)
def test_revised_romanization(korean: str, latin: str) -> None:
    assert romanize(korean) == latin


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("서진건설", "Seojin Construction"),
        ("한울자산운용", "Hanul Asset Management"),
        ("남도은행 컨소시엄", "Namdo Bank Consortium"),
        ("바다로보틱스", "Bada Robotics"),
        ("SK가스", "SK Gaseu"),
    ],
)
def test_english_name_translates_the_ending(name: str, english: str) -> None:
    assert english_name(name) == english


def test_an_unknown_company_acts_under_its_english_name_and_keeps_its_korean_one() -> None:
    (f,) = [
        f
        for f in facts_of("미르건설은 올해 데이터센터에 3000억원을 투자한다.")
        if f.type == "money"
    ]
    assert f.actor is not None
    assert (f.actor.name, f.actor.ko, f.actor.kind) == (
        "Mireu Construction",
        "미르건설",
        "unresolved",
    )
