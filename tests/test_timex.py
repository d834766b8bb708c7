"""Date mentions: absolute, partial, relative (resolved against the article date), bounds."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ailedger import timex
from ailedger.timex import find_dates

REF = dt.date(2025, 1, 25)


@pytest.mark.parametrize(
    ("text", "mention", "value", "relative", "bound"),
    [
        ("2024년 3월 7일 발표했다", "2024년 3월 7일", "2024-03-07", False, None),
        ("2024.3.7 기준", "2024.3.7", "2024-03-07", False, None),
        ("지난달 공개", "지난달", "2024-12", True, None),
        ("올해 투자", "올해", "2025", True, None),
        ("내년 완공", "내년", "2026", True, None),
        ("지난해 매출", "지난해", "2024", True, None),
        ("2025 회계연도에", "2025 회계연도", "FY2025", False, None),
        ("FY25 capex", "FY25", "FY2025", False, None),
        ("1분기 실적", "1분기", "2025-Q1", True, None),
        ("올해 1분기 실적", "올해 1분기", "2025-Q1", True, None),
        ("지난해 상반기", "지난해 상반기", "2024-H1", True, None),
        ("2024년 하반기", "2024년 하반기", "2024-H2", False, None),
        ("2027년까지 투입", "2027년까지", "2027", False, "until"),
        ("7월 6일에 출시", "7월 6일", "2025-07-06", True, None),
        ("in fiscal 2025 it", "fiscal 2025", "FY2025", False, None),
        ("on March 7, 2024 the", "March 7, 2024", "2024-03-07", False, None),
        ("spend next year", "next year", "2026", True, None),
    ],
)
def test_dates(text: str, mention: str, value: str, relative: bool, bound: str | None) -> None:
    (found,) = find_dates(text, REF)
    assert (found.text, found.value, found.relative, found.bound) == (
        mention,
        value,
        relative,
        bound,
    )
    assert text[found.start : found.end] == found.text


def test_relative_without_reference_keeps_the_form_unresolved() -> None:
    (found,) = find_dates("올해 투자", None)
    assert found.text == "올해" and found.value is None and found.relative


@pytest.mark.parametrize("text", ["13월 32일", "3개월 동안", "전화 02-1234-5678", "GPT-4와 H100"])
def test_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_a_day_stated_alone_after_a_month_is_in_that_month() -> None:
    found = find_dates("지난달 13일과 14일 각각 공개했다", dt.date(2025, 3, 10))
    assert [d.value for d in found] == ["2025-02", "2025-02-13", "2025-02-14"]
    found = find_dates("3월 2일과 5일", dt.date(2025, 6, 1))
    assert [d.value for d in found] == ["2025-03-02", "2025-03-05"]
    found = find_dates("5월 매출이 늘었다. 4일 발표", dt.date(2025, 3, 10))
    assert [d.value for d in found] == ["2025-05", "2025-03-04"]  # not a day of May


def _digitless_lines() -> list[str]:
    from tests.conftest import CORPUS, SEEDS

    lines = []
    for folder in (CORPUS, SEEDS):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".txt", ".html", ".md"):
                text = path.read_text(encoding="utf-8", errors="replace")
                lines += [line for line in text.splitlines() if not re.search(r"\d", line)]
    return lines


def _digit_rules() -> list[re.Pattern[str]]:
    return [r.regex for loc in timex._locales() for r in loc.rules if r.digits]


def test_a_rule_said_to_need_a_digit_finds_nothing_in_text_without_one() -> None:
    """A sentence without a digit is searched with the word rules only: the other rules must
    find nothing there (on every digit-free line of the sample corpus and the seeds)."""
    lines = _digitless_lines()
    assert len(lines) > 500
    assert sum(bool(timex.find_dates(line)) for line in lines) > 10  # word rules still run
    for regex in _digit_rules():
        assert not any(regex.search(line) for line in lines), regex.pattern


@given(st.text(alphabet="년월일분기반상하회계연도올해지난내년이달FYQ fiscalyearJan.,-~ "))
def test_no_digit_rule_matches_digitless_text(text: str) -> None:
    for regex in _digit_rules():
        assert regex.search(text) is None, regex.pattern
