"""Clean: cleaned text (+ URL) -> document id, content hash, language code and fallback title."""

from __future__ import annotations

import hashlib
import re

from ..ingest.fetch import canonical_url

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z]")
ID_CHARS = 16


def content_hash(text: str) -> str:
    """Hash of the text with whitespace normalized: the exact-duplicate key."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def document_id(url: str | None, text: str) -> str:
    """Stable id: a hash of the canonical URL when there is one, else of the cleaned text."""
    if url and url.startswith(("http://", "https://")):
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + content_hash(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_CHARS]


def language(text: str) -> str:
    """ "ko" when Hangul is a fair share of the letters, "en" for Latin text, else "und"."""
    sample = text[:50_000]
    hangul, latin = len(_HANGUL.findall(sample)), len(_LATIN.findall(sample))
    if hangul and hangul >= 0.25 * (hangul + latin):
        return "ko"
    return "en" if latin else "und"


def first_line(text: str, max_chars: int = 200) -> str | None:
    """The first non-empty line (Markdown heading marks stripped), if short enough for a title."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= max_chars else None
    return None
