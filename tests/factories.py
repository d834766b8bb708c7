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


# Three short articles written for the tests, each with facts the extractor finds; the fact
# tests of the pipeline and the CLI ingest them.
FACT_TEXTS = {
    "ms.txt": (
        "마이크로소프트 설비 투자\n입력 2025.03.04 10:00\n"
        "마이크로소프트는 올해 AI 데이터센터 건설에 800억달러를 투입한다고 밝혔다. "
        "회사는 엔비디아 GPU 5만 장도 추가로 확보할 계획이다.\n"
    ),
    "nv.txt": (
        "Campus plan\nPublished March 4, 2025\n"
        "Nvidia said on Tuesday it would invest $5 billion this year in a new research campus.\n"
    ),
    "kt.txt": (
        "KT 클라우드 증설\n입력 2025.05.12 08:30\n"
        "KT는 내년까지 수도권 데이터센터에 1조2000억원을 들여 전력 용량을 늘린다.\n"
    ),
}
