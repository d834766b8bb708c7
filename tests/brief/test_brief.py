"""Brief: Korean amounts the grammar reads back, particles that fit, and the checker — clean on
briefings of many random ledgers, and catching every tampered number of a broken one."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ailedger.brief import Briefing, Sentence, brief, check, compose, markdown, problem, to_html
from ailedger.brief.josa import resolve
from ailedger.brief.numbers import amount, round_significant
from ailedger.facts.entities import table
from ailedger.ledger import Ledger, build_ledger
from ailedger.ledger.model import Claim
from ailedger.quantities import parse_quantities
from tests.ledger.factories import compute, doc, money

ACTORS = [
    "meta",
    "google",
    "microsoft",
    "amazon",
    "naver",
    "samsung-electronics",
    "south-korea",
    "ministry-of-science-and-ict",
]


def country_of(entity_id: str) -> str | None:
    entity = table().by_id.get(entity_id)
    found = table().country_of(entity) if entity else None
    return found.id if found else None


@given(
    st.integers(1, 9999),
    st.integers(0, 12),
    st.sampled_from(["USD", "KRW", "EUR", "JPY"]),
    st.sampled_from(["ko", "en"]),
)
def test_amounts_read_back_exactly(mantissa: int, exponent: int, code: str, lang: str) -> None:
    value = Decimal(mantissa).scaleb(exponent)
    (q,) = [q for q in parse_quantities(amount(value, code, lang=lang), lang) if q.dim == "money"]
    assert (q.value, q.currency, q.approx) == (value, code, False)
    shown = amount(value * 7 + 3, code, rounded=True, lang=lang)
    (r,) = [q for q in parse_quantities(shown, lang) if q.dim == "money"]
    assert r.value == round_significant(value * 7 + 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("아마존은(는) 1000억 달러(약 146조원)[2](으)로", "아마존은 1000억 달러(약 146조원)[2]로"),
        ("메타이(가) ‘2조원’[7]과(와)", "메타가 ‘2조원’[7]과"),
        ("서울(으)로, 구글을(를)", "서울로, 구글을"),
        ("SK하이닉스은(는) 1조원[1]이(가)", "SK하이닉스는 1조원[1]이"),
    ],
)
def test_particles_fit_the_word_before_them(text: str, expected: str) -> None:
    assert resolve(text) == expected


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    claims: list[Claim] = []
    for n in range(draw(st.integers(1, 12))):
        day = f"2025-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}"
        source = doc(f"d{n}", day, group=f"g{draw(st.integers(0, 6))}")
        currency = draw(st.sampled_from(["USD", "KRW", "EUR"]))
        value = Decimal(draw(st.integers(1, 9999))).scaleb(draw(st.integers(6, 12)))
        stated = None
        if currency == "USD" and draw(st.booleans()):
            stated = int(value * draw(st.sampled_from([1380, 1420, 1465])))
        span = amount(value, currency) + (
            f"(약 {amount(Decimal(stated), 'KRW')})" if stated else ""
        )
        claims.append(
            money(
                source,
                str(value),
                span=span,
                currency=currency,
                actor=draw(st.sampled_from(ACTORS)),
                kind=draw(st.sampled_from(["investment", "budget"])),
                year=draw(st.sampled_from([2024, 2025, None])),
                krw_stated=stated,
                seq=n,
            )
        )
    for n in range(draw(st.integers(0, 3))):
        unit = draw(st.sampled_from(["gpu", "GW", "MW", "datacenter"]))
        count = Decimal(draw(st.integers(1, 999))).scaleb(draw(st.integers(0, 4)))
        actor = draw(st.sampled_from(ACTORS))
        claims.append(compute(doc(f"c{n}", "2025-03-01"), str(count), unit, actor=actor, seq=n))
    if draw(st.booleans()):
        total = Decimal(draw(st.integers(100, 4000))).scaleb(9)
        group = ("amazon", "google", "meta", "microsoft")
        claims.append(money(doc("total", "2025-02-08"), str(total), actor=None, group=group))
    return build_ledger(claims)


@settings(max_examples=150)
@given(ledgers(), st.sampled_from(["ko", "en"]))
def test_the_checker_passes_every_briefing_of_a_random_ledger(ledger: Ledger, lang: str) -> None:
    result = brief(ledger, country_of=country_of, lang=lang)
    assert result.dropped == ()
    text = markdown(result)
    marks = {int(m) for m in re.findall(r"\[(\d+)\]", text.rsplit("\n## ", 1)[0])}
    assert marks <= {r.number for r in result.references}
    assert "(내용" not in text and "{" not in text and "(은)" not in text and "(이)" not in text
    if "[1]" in text:  # something was cited, so numbers were read back and checked
        assert result.checked > 0


def _ledger() -> Ledger:
    claims = [
        money(doc("a", "2025-01-04"), 80_000_000_000, actor="microsoft", krw_stated=117 * 10**12),
        money(doc("b", "2025-01-25"), 65_000_000_000, actor="meta"),
        money(
            doc("c", "2025-01-24"), 25 * 10**11, currency="KRW", actor="ministry-of-science-and-ict"
        ),
        money(
            doc("d", "2025-02-08"),
            320_000_000_000,
            actor=None,
            group=("amazon", "google", "meta", "microsoft"),
        ),
        money(
            doc("e", "2025-02-10"),
            6556 * 10**11,
            currency="KRW",
            actor="south-korea",
            kind="budget",
        ),
        compute(doc("c", "2025-01-24"), 10_000, actor="ministry-of-science-and-ict", seq=1),
        compute(doc("f", "2025-01-26"), 1_300_000, actor="meta"),
    ]
    return build_ledger(claims)


def _sentences(b: Briefing) -> list[Sentence]:
    return [x for s in b.sections for x in s.sentences]


def test_a_checked_briefing_cites_a_source_for_every_number() -> None:
    ledger = _ledger()
    result = brief(ledger, country_of=country_of, year=2025)
    text = markdown(result)
    assert result.dropped == () and result.checked >= 12
    assert "800억 달러(117조원)이다[1]" in text and "과학기술정보통신부" in text
    assert "과학기술정보통신부의 GPU 1만장[5]" in text  # Korea's compute
    assert "(448조원)[6]는 한국의 예산[4]의 약 68.3%에 해당한다" in text  # both cited
    assert "약 179배다" in text
    assert "<table>" in to_html(result) and "## 출처" in text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("800억 달러", "900억 달러"),
        ("117조원", "117억원"),
        ("68.3%", "58.3%"),
        ("179배", "189배"),
        ("GPU 1만장", "GPU 2만장"),
        ("[1]", ""),
    ],
)
def test_the_checker_drops_a_tampered_number(old: str, new: str) -> None:
    ledger = _ledger()
    entries = {e.id: e for e in ledger.entries}
    draft = compose(ledger, country_of=country_of, year=2025)
    target = next(x for x in _sentences(draft) if old in x.text)
    assert problem(target, entries) is None
    broken = replace(target, text=target.text.replace(old, new, 1))
    if new == "":
        broken = replace(broken, cites=())
    assert problem(broken, entries) is not None
    sections = tuple(
        replace(s, sentences=tuple(broken if x is target else x for x in s.sentences))
        for s in draft.sections
    )
    checked = check(replace(draft, sections=sections), entries)
    assert [p.text for p in checked.dropped] == [broken.text]
    assert broken.text not in markdown(checked)


def test_a_number_nobody_cites_is_dropped() -> None:
    entries = {e.id: e for e in _ledger().entries}
    assert problem(Sentence("AI 투자는 약 300조원에 이른다."), entries) is not None
    assert problem(Sentence("출처끼리 엇갈리는 수치가 없다."), entries) is None


def test_the_english_briefing_is_checked_with_the_english_grammar() -> None:
    ledger = _ledger()
    result = brief(ledger, country_of=country_of, year=2025, lang="en")
    text = markdown(result)
    assert result.dropped == () and result.checked >= 12
    assert "80 billion dollars (117 trillion won)[1]" in text and "## Sources" in text
    assert "Ministry of Science and ICT's 10,000 GPUs[5]" in text
    entries = {e.id: e for e in ledger.entries}
    (target,) = [x for x in _sentences(result) if "68.3%" in x.text]
    assert problem(replace(target, text=target.text.replace("68.3%", "68.9%")), entries, "en")
