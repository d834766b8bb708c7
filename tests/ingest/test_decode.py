"""Encodings: every input decodes to clean text or fails with one line naming it."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ailedger.errors import BinaryInputError, DecodeError, EmptyInputError, InputError
from ailedger.ingest.decode import declared_charset, decode

KO = "국가 AI 컴퓨팅센터에 2조5000억원을 투입한다. 똠방각하는 CP949에만 있는 글자다."


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (KO.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + KO.encode("utf-8"), "utf-8-sig"),
        (KO.encode("utf-16"), "utf-16"),
        (KO.encode("utf-16-le"), "utf-16-le"),
        (KO.encode("utf-16-be"), "utf-16-be"),
        (KO.encode("cp949"), "cp949"),
        (b'<meta charset="euc-kr">' + KO.encode("cp949"), "cp949"),
    ],
)
def test_decodes_korean_in_every_encoding(data: bytes, codec: str) -> None:
    decoded = decode(data, "a.txt")
    assert KO in decoded.text
    assert decoded.encoding == codec
    assert "\ufeff" not in decoded.text


def test_http_header_charset_wins_over_content() -> None:
    data = "본문 텍스트".encode("cp949")
    assert decode(data, "u", content_type="text/html; charset=EUC-KR").text == "본문 텍스트"


@pytest.mark.parametrize(
    ("data", "ctype", "expected"),
    [
        (b"<html><meta charset='euc-kr'>", None, "cp949"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">',
            None,
            "cp949",
        ),
        (b'<?xml version="1.0" encoding="UTF-8"?><rss/>', None, "utf-8"),
        (b"<p>x</p>", "text/html; charset=utf-8", "utf-8"),
        (b"<meta charset=bogus-enc>", None, None),
    ],
)
def test_declared_charset(data: bytes, ctype: str | None, expected: str | None) -> None:
    assert declared_charset(data, ctype) == expected


def test_a_lying_declaration_does_not_make_mojibake() -> None:
    data = b'<meta charset="iso-8859-1">' + KO.encode("utf-8")
    assert KO in decode(data, "lie.html").text


def test_a_few_invalid_utf8_bytes_are_replaced_and_counted() -> None:
    data = ("정상적인 기사 문장입니다. " * 100).encode() + b"\xff\xfe" + "끝.".encode()
    decoded = decode(data, "bad.txt")
    assert decoded.replaced == 2
    assert decoded.text.endswith("끝.")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b" \n\t ", EmptyInputError),
        (b"%PDF-1.7\n...", BinaryInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInputError),
        (bytes(range(256)) * 4, BinaryInputError),
    ],
)
def test_bad_input_is_one_line_naming_it(data: bytes, error: type[InputError]) -> None:
    with pytest.raises(error) as info:
        decode(data, "inbox/x.bin")
    assert str(info.value).startswith("inbox/x.bin: ")
    assert "\n" not in str(info.value)


def test_garbage_high_bytes_are_refused() -> None:
    data = bytes([0x80 + (i * 37) % 0x7F for i in range(4000)])
    with pytest.raises((DecodeError, BinaryInputError)):
        result = decode(data, "noise.txt")
        assert "\ufffd" not in result.text  # if it decodes at all, it is not replacement soup


@given(st.binary(max_size=3000))
def test_decode_never_raises_anything_but_input_errors(data: bytes) -> None:
    try:
        decoded = decode(data, "fuzz")
    except InputError:
        return
    assert isinstance(decoded.text, str)


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=8))
def test_any_hangul_text_round_trips_through_cp949(text: str) -> None:
    assert decode(text.encode("cp949"), "h").text == text
