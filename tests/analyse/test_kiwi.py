"""Kiwi tokens: one model per process, offsets into the cleaned text."""

from __future__ import annotations

from ailedger.analyse.kiwi import kiwi, tokenize
from ailedger.model import Span


def test_tokens_index_the_text_and_the_model_loads_once() -> None:
    text = "제목\n메타는 올해 650억달러를 투자한다. SK하이닉스도 HBM에 투자한다."
    spans = [Span(3, 24), Span(25, len(text))]
    tokens = tokenize(text, spans)
    assert len(tokens) == 2
    for span, toks in zip(spans, tokens, strict=True):
        for tok in toks:
            assert span.start <= tok.start < tok.end <= span.end
            assert text[tok.start : tok.end] == tok.form or tok.tag.startswith(("E", "V", "X"))
    assert any(t.form == "메타" and t.tag == "NNP" for t in tokens[0])
    assert kiwi() is kiwi()
    assert tokenize(text, []) == []
