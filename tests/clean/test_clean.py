"""Cleaning: boilerplate, comment sections and repeated paragraphs out; offsets kept exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ailedger.clean.cleaner import clean
from ailedger.model import Span
from tests.factories import raw_doc


def assert_offsets_exact(text: str) -> None:
    doc = clean(raw_doc(text))
    for i, ch in enumerate(doc.text):
        assert doc.raw.text[doc.offsets.to_raw(i)] == ch
    for block in doc.removed:
        assert doc.raw.text[block.start : block.end] == block.text


ARTICLE = """오픈AI, 새 데이터센터 발표
입력 2025.01.22 09:10
오픈AI와 소프트뱅크, 오라클이 미국에 초대형 AI 데이터센터를 짓는 합작사를 세운다고 발표했다.
첫 단계에서 1000억달러를 투입하고 4년 동안 모두 5000억달러까지 늘린다는 구상이다.
(사진 = 가상통신 제공)
텍사스 부지에는 1기가와트급 전력 설비가 들어선다.
홍길동 기자 gildong@example.co.kr
<저작권자 ⓒ 가상경제신문, 무단전재 및 재배포 금지>
댓글 3
김**
대단하네요
"""


def test_boilerplate_is_removed_with_its_rule() -> None:
    doc = clean(raw_doc(ARTICLE))
    assert "1000억달러" in doc.text and "1기가와트급" in doc.text
    for gone in ("gildong@", "무단전재", "대단하네요", "사진 = 가상통신"):
        assert gone not in doc.text
    rules = {b.rule for b in doc.removed}
    assert {"reporter_email", "image_caption"} <= rules
    assert rules & {"copyright", "comments"}


def test_repeated_article_is_kept_once() -> None:
    body = "\n".join(
        f"{n}번째 문단은 AI 데이터센터 투자에 대해 충분히 길게 설명하는 문장이다." for n in range(4)
    )
    doc = clean(raw_doc(f"제목\n{body}\n{body}\n"))
    assert doc.text.count("0번째 문단") == 1
    assert [b.rule for b in doc.removed] == ["repeated_paragraph"]


def test_teaser_that_a_later_paragraph_completes_is_removed() -> None:
    full = "최근 생성형 AI 경쟁이 심화되면서 글로벌 기업들이 데이터센터 투자를 크게 늘리고 있다."
    doc = clean(raw_doc(f"제목\n{full[:40]}...\n\n본문 제목\n{full}\n"))
    assert doc.text.count(full[:40]) == 1
    assert any(b.rule == "teaser" for b in doc.removed)


def test_short_repeated_lines_are_kept() -> None:
    doc = clean(raw_doc("표\n0\n매출\n0\n이익\n"))
    assert doc.text.count("0\n") == 2


def test_id_is_url_hash_or_text_hash() -> None:
    a = clean(raw_doc(ARTICLE, url="https://News.example.com/a?utm_source=x#top"))
    b = clean(raw_doc(ARTICLE + "\n", url="https://news.example.com/a"))
    c = clean(raw_doc(ARTICLE))
    assert a.id == b.id != c.id
    assert c.id == clean(raw_doc(ARTICLE)).id
    assert a.lang == "ko"
    assert clean(raw_doc("Microsoft will spend $80 billion on AI data centers.")).lang == "en"


def test_offsets_are_exact_on_a_real_shape() -> None:
    assert_offsets_exact(ARTICLE)
    doc = clean(raw_doc(ARTICLE))
    start = doc.text.index("1000억달러")
    raw = doc.offsets.raw_span(Span(start, start + len("1000억달러")))
    assert raw is not None and doc.raw.text[raw.start : raw.end] == "1000억달러"


LINES = st.sampled_from(
    [
        "AI 데이터센터에 1조원을 투입한다는 계획이 구체적으로 발표되었다는 소식이다.",
        "홍길동 기자 gildong@example.co.kr",
        "댓글 3",
        "",
        "   ",
        "공유하기",
        "Copyright ⓒ 테크브리프 무단 전재 및 재배포 금지",
        "Meta plans to spend up to $65 billion this year on AI infrastructure.",
        "짧은 줄",
        "중복될 수 있는 충분히 긴 문단이 여기에 있으며 반복 제거 규칙을 시험한다...",
    ]
)


@given(st.lists(LINES, max_size=40), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_every_cleaned_character_maps_to_the_same_raw_character(lines: list[str], sep: str) -> None:
    assert_offsets_exact(sep.join(lines))


def test_seeds_lose_repeats_and_comment_sections(seeds_dir: Path) -> None:
    """The seeds are read from ../shared; the markers are checked, never copied here."""
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        doc = clean(raw_doc(raw))
        paragraphs = [p.strip() for p in doc.text.splitlines() if len(p.strip()) >= 30]
        assert len(paragraphs) == len(set(paragraphs)), f"{path.name}: a paragraph repeats"
        assert len(doc.text) > 0.3 * len(raw), f"{path.name}: cleaning removed too much"
        assert_offsets_exact(raw)


def test_seed_facts_survive_cleaning_and_footers_do_not(seeds_dir: Path) -> None:
    """Every gold span stays in the cleaned text; e-mail bylines, copyright and comments go."""
    gold_file = seeds_dir.parent / "gold" / "seeds.gold.jsonl"
    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()]
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = clean(raw_doc(path.read_text(encoding="utf-8")))
        for fact in (g for g in gold if g["doc"] == path.stem):
            assert fact["span"] in doc.text, f"{path.name}: lost {fact['span']!r}"
        assert not re.search(r"[\w.]+@[\w-]+\.\w+", doc.text), f"{path.name}: e-mail byline kept"
        assert not re.search(r"무단\s*전재|재배포 금지|등록된 댓글|비추천", doc.text), path.name
