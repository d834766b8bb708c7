"""Brief of real ingests: the seed articles give the Big Tech capex figures, Korea's national
AI computing centre and the budget comparison, each cited; the sample corpus's briefing passes
its own check."""

from __future__ import annotations

import re
from pathlib import Path

from ailedger.brief import brief, markdown
from ailedger.pipeline import ingest
from ailedger.store import Store, read_ledger
from tests.brief.test_brief import country_of


def _brief(tmp_path: Path, source: Path) -> tuple[str, int, int]:
    with Store.open(str(tmp_path / "b.db")) as store:
        ingest(store, [str(source)])
        ledger = read_ledger(store)
    result = brief(ledger, country_of=country_of)
    return markdown(result), result.checked, len(result.dropped)


def _cited(text: str, words: str) -> bool:
    """A sentence or table row of the text names `words` and carries a reference mark."""
    lines = re.split(r"(?<=[.다])\s+|\n", text.split("## 출처")[0])
    return any(words in line and re.search(r"\[\d+\]", line) for line in lines)


def test_seed_briefing_has_big_tech_korea_and_the_budget(tmp_path: Path, seeds_dir: Path) -> None:
    text, checked, dropped = _brief(tmp_path, seeds_dir)
    assert dropped == 0 and checked >= 15
    for name in ("마이크로소프트", "아마존", "구글", "메타"):
        assert _cited(text, name), name
    assert _cited(text, "과학기술정보통신부의 투자 2조5000억원")
    assert _cited(text, "한국의 예산 655조6000억원")
    assert _cited(text, "%에 해당한다")  # the four's stated total against the budget


def test_corpus_briefing_passes_its_check(tmp_path: Path, corpus_dir: Path) -> None:
    text, checked, dropped = _brief(tmp_path, corpus_dir)
    assert dropped == 0 and checked >= 30
    assert "## 엇갈리는 수치" in text and "통화만 다르다" in text
