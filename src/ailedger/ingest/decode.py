"""Ingest: bytes -> text. Declared charset (HTTP header, <meta>, XML declaration), BOM,
strict UTF-8, CP949 for Korean, then a detector; mojibake and binary are refused, not stored.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

import charset_normalizer

from .. import datafiles
from ..errors import BinaryInputError, DecodeError, EmptyInputError

_SNIFF = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_MOJIBAKE = re.compile(r"[\u00c2-\u00ef][\u0080-\u00bf]|\u00ec[\u0080-\u00bf\u2018-\u203a]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_REPLACED_RATIO = 0.002
_LATIN = frozenset({"cp1252", "latin-1", "iso8859-1"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec that decoded it, and how many invalid bytes were replaced."""

    text: str
    encoding: str
    replaced: int = 0


@cache
def _aliases() -> dict[str, str]:
    return {str(k): str(v) for k, v in datafiles.load("encodings.yaml")["aliases"].items()}


@cache
def _signatures() -> tuple[bytes, ...]:
    sigs = datafiles.load("encodings.yaml")["binary_signatures"]
    return tuple(str(s).encode("latin-1") for s in sigs)


def codec_for(label: str | None) -> str | None:
    """Return a Python codec name for a declared charset label, or None when unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _aliases().get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Return the codec declared by the HTTP header, else by <meta> or the XML declaration."""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and (codec := codec_for(m.group(1))):
            return codec
    head = data[:_SNIFF]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return codec_for(found.group(1).decode("ascii", "replace")) if found else None


def _is_utf16_without_bom(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if len(head) >= 8 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if len(head) >= 8 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _check_binary(data: bytes, source: str) -> str | None:
    head = data[:_SNIFF]
    if any(head.startswith(sig) for sig in _signatures()):
        raise BinaryInputError(source, "binary file, not text")
    if b"\x00" in head:
        utf16 = _is_utf16_without_bom(head)
        if utf16 is None:
            raise BinaryInputError(source, "binary file, not text (NUL bytes)")
        return utf16
    return None


def _clean(text: str) -> bool:
    """True when text has no mojibake signature and no control characters."""
    sample = text[:20000]
    if _CONTROL.search(sample):
        return False
    return len(_MOJIBAKE.findall(sample)) <= max(2, len(sample) // 2000)


def _try(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _clean(text) else None


def _mostly_hangul(text: str) -> bool:
    non_ascii = sum(1 for ch in text[:20000] if ord(ch) > 127)
    return non_ascii > 0 and len(_HANGUL.findall(text[:20000])) >= 0.6 * non_ascii


def decode(data: bytes, source: str, content_type: str | None = None) -> Decoded:
    """Decode the bytes of one input into text.

    Args:
        data: the raw bytes.
        source: names the input in error messages.
        content_type: the HTTP Content-Type header, when fetched.

    Raises:
        EmptyInputError, BinaryInputError, DecodeError.
    """
    if not data.strip():
        raise EmptyInputError(source, "empty input")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if (text := _try(data, codec)) is not None:
                return Decoded(text.lstrip("\ufeff"), codec)
            raise DecodeError(source, f"invalid {codec} after a byte-order mark")
    if utf16 := _check_binary(data, source):
        if (text := _try(data, utf16)) is not None:
            return Decoded(text, utf16)
        raise BinaryInputError(source, "binary file, not text (NUL bytes)")
    declared = declared_charset(data, content_type)
    for codec in dict.fromkeys(c for c in (declared, "utf-8") if c):
        if (text := _try(data, codec)) is not None:
            return Decoded(text, codec)
    if (text := _try(data, "cp949")) is not None and _mostly_hangul(text):
        return Decoded(text, "cp949")
    return _best_effort(data, source)


def _best_effort(data: bytes, source: str) -> Decoded:
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced <= max(1, int(len(text) * MAX_REPLACED_RATIO)) and _clean(text):
        return Decoded(text, "utf-8", replaced)
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    codec = codec_for(best.encoding) if best is not None else None
    guessed = _try(data, codec) if codec else None
    if codec and guessed is not None and (codec not in _LATIN or _plausible_latin(guessed)):
        return Decoded(guessed, codec)
    raise DecodeError(source, "cannot decode: not valid UTF-8 and no other encoding fits")


def _plausible_latin(text: str) -> bool:
    letters = sum(1 for ch in text[:20000] if ch.isalpha())
    accented = sum(1 for ch in text[:20000] if "\u00c0" <= ch <= "\u00ff")
    return letters > 0 and accented <= 0.15 * letters
