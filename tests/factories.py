"""Test factories shared by the stage tests: RawDocument values built directly from text."""

from __future__ import annotations

import datetime as dt
import hashlib

from ailedger.model import Format, RawDocument


def raw_doc(text: str, url: str | None = None, published: dt.date | None = None) -> RawDocument:
    """A plain-text RawDocument as ingest would make it from `text`."""
    data = text.encode()
    return RawDocument(
        source=url or "t.txt",
        text=text,
        fmt=Format.TEXT,
        encoding="utf-8",
        raw_bytes=data,
        raw_sha256=hashlib.sha256(data).hexdigest(),
        url=url,
        published=published,
    )
