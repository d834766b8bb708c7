"""The entity table: it loads whole and consistent, aliases resolve, names are found in text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ailedger import datafiles
from ailedger.errors import DataFileError
from ailedger.facts.entities import KINDS, find_entities, table


def found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity.id) for m in find_entities(text)]


def test_the_table_is_large_uses_every_kind_and_points_only_at_known_ids() -> None:
    t = table()
    assert len(t.by_id) >= 200
    assert {e.kind for e in t.by_id.values()} == KINDS
    for entity in t.by_id.values():
        for ref in (entity.parent, entity.country, t.folds.get(entity.id)):
            assert ref is None or ref in t.by_id, (entity.id, ref)
        assert entity.ko, f"{entity.id} has no Korean name"


def test_every_product_has_a_maker_and_every_ministry_a_country() -> None:
    t = table()
    makers = {"hbm"}  # HBM is made by several memory makers
    for entity in t.by_id.values():
        if entity.kind == "product" and entity.id not in makers:
            assert entity.parent is not None, entity.id
        if entity.kind == "government":
            assert t.country_of(entity) is not None or entity.parent == "european-union", entity.id


def test_names_resolve_to_their_own_entity_or_the_one_they_fold_into() -> None:
    t = table()
    for entity in t.by_id.values():
        expected = t.canonical(entity.id)
        assert t.resolve(entity.name) == expected
        assert entity.ko is not None
        assert t.resolve(entity.ko) == expected


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("마이크로소프트", "Microsoft"),
        ("MS", "Microsoft"),
        ("마소", "Microsoft"),
        ("구글", "Google"),
        ("알파벳", "Google"),
        ("Google Cloud", "Google"),
        ("아마존", "Amazon"),
        ("AWS", "Amazon"),
        ("아마존웹서비스", "Amazon"),
        ("아마존 웹 서비스", "Amazon"),
        ("오픈 AI", "OpenAI"),
        ("오픈AI", "OpenAI"),
        ("openai", "OpenAI"),
        ("과기정통부", "Ministry of Science and ICT"),
        ("과학기술정보통신부", "Ministry of Science and ICT"),
        ("우리나라", "South Korea"),
        ("대한민국", "South Korea"),
        ("한국", "South Korea"),
        ("美", "United States"),
        ("삼성", "Samsung Electronics"),
        ("삼성그룹", "Samsung Group"),
        ("LG", "LG Electronics"),
        ("LG그룹", "LG Group"),
        ("SK", "SK Group"),
        ("SK하이닉스", "SK hynix"),
        ("트위터", "X"),
        ("글로벌 AI 지수", "Tortoise Global AI Index"),
        ("토터스 글로벌 AI 지수", "Tortoise Global AI Index"),
        ("글로벌AI인덱스", "Tortoise Global AI Index"),
        ("토터스미디어", "Tortoise Media"),
        ("하이퍼클로바X", "HyperCLOVA X"),
        ("라마2", "Llama 2"),
        ("알리바바 클라우드", "Alibaba"),
    ],
)
def test_aliases_resolve(alias: str, name: str) -> None:
    entity = table().resolve(alias)
    assert entity is not None
    assert entity.name == name


def test_unknown_and_short_aliases_in_the_wrong_case_do_not_resolve() -> None:
    t = table()
    assert t.resolve("메타버스") is None
    assert t.resolve("ms") is None  # short all-caps aliases are case-sensitive
    assert t.resolve("x") is None


def test_structure_of_the_big_names() -> None:
    t = table()
    ministry = t.resolve("과기정통부")
    assert ministry is not None
    assert ministry.parent == "south-korea"
    assert t.get("deepmind").parent == "google"
    assert t.canonical("deepmind").id == "deepmind"  # a lab of its own, not folded
    assert t.get("azure").parent == "microsoft"
    assert t.get("azure").kind == "product"
    assert t.get("samsung-electronics").parent == "samsung-group"
    assert t.country_of(t.get("sk-hynix")) == t.get("south-korea")
    assert t.country_of(t.get("trainium")) == t.get("united-states")  # via AWS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # particles never stop a match
        ("메타가 서버를 샀다", [("메타", "meta")]),
        ("메타와의 계약", [("메타", "meta")]),
        ("구글은 늦었다", [("구글", "google")]),
        ("엔비디아의 칩", [("엔비디아", "nvidia")]),
        ("삼성전자와는 손잡았다", [("삼성전자", "samsung-electronics")]),
        ("MS와 KT가", [("MS", "microsoft"), ("KT", "kt")]),
        ("오픈AI가 챗GPT를 내놨다", [("오픈AI", "openai"), ("챗GPT", "chatgpt")]),
        # no match inside a longer word
        ("메타버스 플랫폼이다", []),
        ("구글링으로 찾았다", []),
        ("MSCI 지수에 편입", []),
        ("new LAWS on chips", []),
        ("한국어 서비스와 한국형 모델", []),
        ("SK온과 LG화학", []),
        ("X선 검사", []),
        ("中企 지원책", []),
        # the longest alias wins
        ("아마존웹서비스(AWS)가 늘렸다", [("아마존웹서비스", "amazon"), ("AWS", "amazon")]),
        ("SK하이닉스는 HBM을", [("SK하이닉스", "sk-hynix"), ("HBM", "hbm")]),
        ("SK㈜와 SK텔레콤", [("SK㈜", "sk-inc"), ("SK텔레콤", "sk-telecom")]),
        ("삼성그룹과 삼성이", [("삼성그룹", "samsung-group"), ("삼성", "samsung-electronics")]),
        ("LG그룹과 LG가", [("LG그룹", "lg-group"), ("LG", "lg-electronics")]),
        ("인도네시아와 인도", [("인도네시아", "indonesia"), ("인도", "india")]),
        ("중국 상무부가 발표", [("중국 상무부", "china-mofcom")]),
        ("한국전력과 한국은행", [("한국전력", "kepco"), ("한국은행", "bank-of-korea")]),
        ("하이퍼클로바X를 공개", [("하이퍼클로바X", "hyperclova-x")]),
        ("美中 갈등에 日 정부도", [("美", "united-states"), ("中", "china"), ("日", "japan")]),
        ("트위터는 사명을 X로 바꿨다", [("트위터", "x-corp"), ("X", "x-corp")]),
        # English text
        ("Microsoft's capex rose", [("Microsoft", "microsoft")]),
        ("an Nvidia-backed cloud", [("Nvidia", "nvidia")]),
        ("NVIDIA and Apple", [("NVIDIA", "nvidia"), ("Apple", "apple")]),
        ("an apple a day and email threads", []),
        (
            "North Korea and South Korea",
            [("North Korea", "north-korea"), ("South Korea", "south-korea")],
        ),
        ("the xAI deal", [("xAI", "xai")]),
        ("kt cloud opened", [("kt cloud", "kt-cloud")]),
    ],
)
def test_find_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_mentions_index_the_text() -> None:
    text = "미국 아마존웹서비스(AWS), 구글, 마이크로소프트(MS) 등이 속도를 낸다."
    mentions = list(find_entities(text))
    assert [m.entity.name for m in mentions] == [
        "United States",
        "Amazon",
        "Amazon",
        "Google",
        "Microsoft",
        "Microsoft",
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


@pytest.fixture
def overlay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(datafiles.OVERLAY_ENV, str(tmp_path))
    datafiles.load.cache_clear()
    table.cache_clear()
    yield tmp_path
    monkeypatch.delenv(datafiles.OVERLAY_ENV)
    datafiles.load.cache_clear()
    table.cache_clear()


def test_an_alias_naming_two_entities_is_refused(overlay: Path) -> None:
    (overlay / "entities.yaml").write_text(
        "extend: [entities]\n"
        "entities:\n"
        "  - {id: other, name: Other, ko: 다른회사, kind: company, aliases: [구글]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="'구글' names two entities"):
        table()


def test_an_unknown_country_is_refused(overlay: Path) -> None:
    (overlay / "entities.yaml").write_text(
        "extend: [entities]\n"
        "entities:\n"
        "  - {id: other, name: Other, ko: 다른회사, kind: company, country: atlantis}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="unknown entity 'atlantis'"):
        table()
