"""Quantities masks: the '@'-driven e-mail scan equals one regex scan of links and e-mails."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ailedger.quantities.masks import masks

# The reference: one alternation, scanned left to right by `re` itself.
ONE_SCAN = re.compile(
    r"https?://\S+|www\.\S+|#[^\s#]{1,100}"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
)
PIECES = ["@", "#", ".", "-", "+", " ", "\n", "a", "가", "7", "https://", "www.", "x.com", "kr"]


def reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in ONE_SCAN.finditer(text)]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_masks_equal_one_scan(text: str) -> None:
    assert masks(text) == reference(text)


def test_long_local_part_is_no_address() -> None:
    text = "x" * 65 + "@example.com and kim@example.co.kr"
    assert masks(text) == reference(text) == [(text.index("kim"), len(text))]


def test_link_swallows_an_address_inside_it() -> None:
    text = "see https://example.com/a@b.com #tag 10억원"
    assert masks(text) == reference(text)
    assert len(masks(text)) == 2
