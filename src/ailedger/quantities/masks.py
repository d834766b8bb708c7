"""Quantities: text -> the spans no quantity may start in (URLs, hashtags, e-mail addresses)."""

from __future__ import annotations

import re

# Each alternative opens with a literal, so `re` scans for h, w or # in C.
LINKS = re.compile(r"https?://\S+|www\.\S+|#[^\s#]{1,100}")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
LOCAL_REVERSED = re.compile(r"[\w.+-]{0,65}")


def masks(text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans, left to right, as one scan of links and e-mails.

    An e-mail is looked for only where an '@' is: its local part is the run of word
    characters before it, read backwards, so no position of the text is tried twice.
    """
    if not _maskable(text):
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    email = _next_email(text, 0)
    while True:
        link = LINKS.search(text, pos)
        while email is not None and email[0] < pos:
            email = _next_email(text, email[2] + 1)
        if link is None and email is None:
            return out
        if email is None or (link is not None and link.start() <= email[0]):
            span = link.span()  # type: ignore[union-attr]
        else:
            span = email[:2]
        out.append(span)
        pos = span[1]


def _next_email(text: str, pos: int) -> tuple[int, int, int] | None:
    """The first e-mail whose '@' is at or after `pos`: (start, end, position of the '@')."""
    while (at := text.find("@", pos)) >= 0:
        run = LOCAL_REVERSED.match(text[max(0, at - 65) : at][::-1])
        size = run.end() if run else 0
        if 0 < size <= 64:
            m = EMAIL.match(text, at - size)
            if m is not None:
                return m.start(), m.end(), at
        pos = at + 1
    return None


def _maskable(text: str) -> bool:
    return "@" in text or "#" in text or "://" in text or "www." in text
