"""`parse_quantities(text, lang, ref_date)`: with the article's date, date mentions come back as
`dim="date"` quantities beside the amounts, resolved against it; without it, amounts only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ailedger import parse_quantities

TEXT = "네이버는 올해 1조원을 투자하고 2027년까지 GPU 3만 장을 들인다. 지난달 계획을 냈다."


def test_dates_resolve_against_the_reference_date() -> None:
    got = [
        (q.dim, q.text, q.date, q.bound) for q in parse_quantities(TEXT, "ko", dt.date(2025, 3, 4))
    ]
    assert got == [
        ("date", "올해", "2025", None),
        ("money", "1조원", None, None),
        ("date", "2027년까지", "2027", "upper"),
        ("count", "GPU 3만 장", None, None),
        ("date", "지난달", "2025-02", None),
    ]
    for q in parse_quantities(TEXT, "ko", dt.date(2025, 3, 4)):
        assert TEXT[q.start : q.end] == q.text


def test_without_a_reference_date_only_amounts_unless_asked() -> None:
    assert [q.dim for q in parse_quantities(TEXT)] == ["money", "count"]
    undated = [q for q in parse_quantities(TEXT, dates=True) if q.dim == "date"]
    assert [(q.text, q.date, q.approx) for q in undated] == [
        ("올해", None, True),
        ("2027년까지", "2027", False),
        ("지난달", None, True),
    ]
    assert parse_quantities(TEXT)[0].value == Decimal("1000000000000")
