"""Publication dates from bylines: Korean and English forms; no invented dates."""

from __future__ import annotations

import datetime as dt

import pytest

from ailedger.ingest.dates import find_publication_date

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("제목\n입력 2024.03.07 10:58\n본문이다.", dt.date(2024, 3, 7)),
        ("제목\n기사입력 2024-03-07 오전 10:58 | 최종수정 2024-03-09\n본문", dt.date(2024, 3, 7)),
        ("제목\n2023년 2월 10일 오전 3시 30분\n본문이다.", dt.date(2023, 2, 10)),
        ("제목\n2024. 3. 7.\n본문이다.", dt.date(2024, 3, 7)),
        ("제목\n2023. 3. 18 오전 10:58\n본문", dt.date(2023, 3, 18)),
        ("본문\n이 글의 내용은 2024.3.7. 기준으로 작성됐다.", dt.date(2024, 3, 7)),
        ("Title\nPublished March 7, 2024\nBody text.", dt.date(2024, 3, 7)),
        ("Title\nUpdated: 7 March 2024 09:00 GMT\nBody.", dt.date(2024, 3, 7)),
        ("Title\nPosted 2024-03-07T09:00:00Z\nBody.", dt.date(2024, 3, 7)),
        ("Title\nJan. 5, 2025\nBody.", dt.date(2025, 1, 5)),
        ("제목\n수정 2024.05.02\n입력 2024.05.01\n본문", dt.date(2024, 5, 1)),
    ],
)
def test_dated_bylines(text: str, expected: dt.date) -> None:
    found = find_publication_date(text, today=TODAY)
    assert found is not None and found[0] == expected
    assert found[1].startswith("text:")


@pytest.mark.parametrize(
    "text",
    [
        "회사는 2024년 3월 7일 새 데이터센터를 공개하며 투자 계획을 밝혔다고 전했다.",
        "(헤럴드경제 2024.2.28) 관련 보도가 나왔다는 문장은 바이라인이 아니다.",
        "입력 2099.03.07 10:58",
        "입력 1985.03.07",
        "입력 2024.02.30",
        "- 이전글 파나소닉 소식 23.08.03",
        "No date in this text at all.",
    ],
)
def test_no_date_is_better_than_a_wrong_one(text: str) -> None:
    assert find_publication_date(text, today=TODAY) is None
