"""Quantities robustness: never raises on any text; adversarial inputs stay linear in time."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ailedger.quantities import parse_quantities

HEAVY = st.text(
    alphabet="0123456789,.억조만천백십수몇원달러$%~- ()약이상GPU장개년월일:", max_size=200
)


@given(st.text(), st.sampled_from(["ko", "en"]))
def test_never_raises_on_unicode(text: str, lang: str) -> None:
    for q in parse_quantities(text, lang):
        assert q.text == text[q.start : q.end]


@given(HEAVY, st.sampled_from(["ko", "en"]))
def test_never_raises_on_digit_heavy_text(text: str, lang: str) -> None:
    found = parse_quantities(text, lang)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    "text",
    [
        "1," * 50000,
        "억" * 100000,
        "1 억 " * 20000,
        "수십" * 50000,
        "1" * 100000,
        "1.1." * 25000,
        "a" * 100000 + "@",
        "1~" * 50000,
        "천" * 100000,
        "GPU " * 25000,
    ],
    ids=[
        "commas",
        "eok",
        "spaced-eok",
        "sushib",
        "digits",
        "dots",
        "email",
        "tildes",
        "cheon",
        "gpu",
    ],
)
def test_adversarial_input_is_linear(text: str) -> None:
    """Doubling the input must about double the time: catastrophic backtracking would square it
    (or worse). Relative, so a slow or loaded machine does not make it fail."""

    def once(sample: str) -> float:
        start = time.perf_counter()
        for lang in ("ko", "en"):
            parse_quantities(sample, lang)
        return time.perf_counter() - start

    def seconds(sample: str) -> float:
        return min(once(sample) for _ in range(3))  # the least disturbed of three runs

    half = seconds(text[: len(text) // 2])
    full = seconds(text)
    assert full < 4 * half + 0.05, f"{half:.3f}s for half the input, {full:.3f}s for all of it"
