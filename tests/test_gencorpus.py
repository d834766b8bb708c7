"""The benchmark corpus generator (benchmarks/gencorpus.py): what it writes is what the
benchmarks claim to measure (articles with a date, near duplicates, news pages whose furniture
the HTML parser strips)."""

from __future__ import annotations

import sys
from pathlib import Path

from ailedger.clean.cleaner import clean
from ailedger.dedup.index import DedupIndex
from ailedger.ingest.parse import parse
from ailedger.model import RawInput

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from gencorpus import COMMENTS_KO, MENU_KO, write_corpus, write_html_corpus


def test_articles_are_dated_and_every_twentieth_is_a_near_duplicate(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 40)
    assert len(paths) == 40 and all(3_000 < p.stat().st_size < 20_000 for p in paths)
    docs = [clean(parse(RawInput(str(p), p.read_bytes(), p.stem))) for p in paths]
    assert all(d.published is not None for d in docs)
    index = DedupIndex()
    kinds = [index.decide(d)[0].kind for d in docs]
    assert kinds[19] in ("near", "exact") and kinds[39] in ("near", "exact")
    assert kinds.count("new") >= 36


def test_a_news_page_parses_to_its_article_without_menu_or_comments(tmp_path: Path) -> None:
    text_paths = write_corpus(tmp_path / "text", 3)
    pages = write_html_corpus(tmp_path / "html", 3)
    for text_path, page in zip(text_paths, pages, strict=True):
        doc = clean(parse(RawInput(str(page), page.read_bytes(), page.stem)))
        source = text_path.read_text(encoding="utf-8").splitlines()
        assert (
            doc.published is not None and doc.published.isoformat().replace("-", ".") in source[1]
        )
        body = source[2]  # the first paragraph
        assert body[:80] in doc.text
        assert not set(MENU_KO) & {line.strip() for line in doc.text.splitlines()}
        assert COMMENTS_KO[2] not in doc.text
