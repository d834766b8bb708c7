"""Ingest: RawInput -> RawDocument. HTML through trafilatura (text, title, date), plain text,
Markdown (with front matter) and one JSON Lines record; the publication date from metadata,
else from a dated byline in the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import PurePath
from typing import Any

import trafilatura
import yaml

from ..errors import EmptyInputError, FormatError
from ..model import Format, RawDocument, RawInput
from .dates import find_publication_date, valid_date
from .decode import decode

_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_MD_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$", re.M)
SUFFIX_FORMATS = {
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".xml": Format.FEED,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
}


def format_of(name: str | None, data: bytes, content_type: str | None = None) -> Format:
    """Guess the format of an input from its name, its Content-Type, then its first bytes."""
    if name and (fmt := SUFFIX_FORMATS.get(PurePath(name).suffix.lower())):
        return fmt
    ctype = (content_type or "").lower()
    if "html" in ctype:
        return Format.HTML
    if any(t in ctype for t in ("rss", "atom", "xml")):
        return Format.FEED
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return Format.JSONL
    if head.startswith(b"<?xml") and not _HTML_SNIFF.search(head):
        return Format.FEED
    return Format.HTML if _HTML_SNIFF.search(head) else Format.TEXT


def parse(raw: RawInput) -> RawDocument:
    """Turn one input into one article.

    Raises:
        InputError: the input cannot be decoded or holds no article.
    """
    fmt = raw.fmt or format_of(raw.name or raw.source, raw.data, raw.content_type)
    if fmt is Format.JSONL:
        return _jsonl_record(raw)
    decoded = decode(raw.data, raw.source, raw.content_type)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, Any]
    if fmt is Format.HTML:
        text, meta = _html(text, raw)
    elif fmt is Format.MARKDOWN:
        text, meta = _markdown(text)
    else:
        meta = {}
    return _document(raw, fmt, text, decoded.encoding, meta)


def _document(
    raw: RawInput, fmt: Format, text: str, encoding: str, meta: dict[str, Any]
) -> RawDocument:
    if not text.strip():
        raise EmptyInputError(raw.source, "no article text")
    published, published_from = _published(raw, meta, text)
    return RawDocument(
        source=raw.source,
        text=text,
        fmt=fmt,
        encoding=encoding,
        raw_bytes=raw.data,
        raw_sha256=hashlib.sha256(raw.data).hexdigest(),
        name=raw.name,
        url=meta.get("url") or raw.url,
        title=raw.title_hint or meta.get("title"),
        published=published,
        published_from=published_from,
    )


def _published(raw: RawInput, meta: dict[str, Any], text: str) -> tuple[dt.date | None, str | None]:
    stated = parse_date(meta.get("date"))
    if stated is not None:
        return stated, str(meta.get("date_from", "metadata"))
    if raw.published_hint is not None and valid_date(raw.published_hint):
        return raw.published_hint, "feed"
    found = find_publication_date(text)
    return found if found else (None, None)


def parse_date(value: object) -> dt.date | None:
    """Parse an ISO date or datetime (str, date or datetime); None when absent or implausible."""
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                day = dt.date.fromisoformat(text[:10])
            except ValueError:
                return None
    return day if day is not None and valid_date(day) else None


def _html(html: str, raw: RawInput) -> tuple[str, dict[str, Any]]:
    try:
        result = trafilatura.bare_extraction(
            html,
            url=raw.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises from lxml internals on hostile markup
        raise FormatError(raw.source, f"malformed HTML: {type(exc).__name__}") from exc
    if result is None or isinstance(result, dict) or not (result.text or "").strip():
        raise FormatError(raw.source, "no article text found in the HTML page")
    meta = {"title": result.title, "date": result.date, "url": None}
    return str(result.text), meta


def _markdown(text: str) -> tuple[str, dict[str, Any]]:
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            front = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            front = None
        if isinstance(front, dict):
            meta = {k: front.get(k) for k in ("title", "date", "url")}
            meta["date_from"] = "front-matter"
        text = text[m.end() :]
    if not meta.get("title"):
        heading = _MD_HEADING.search(text)
        meta["title"] = heading.group(1) if heading else None
    return text, meta


def _jsonl_record(raw: RawInput) -> RawDocument:
    try:
        record = json.loads(raw.data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FormatError(raw.source, "JSON Lines record is not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise FormatError(raw.source, f"not a JSON object: {exc.msg}") from exc
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise FormatError(raw.source, 'JSON Lines record needs a "text" string')
    meta = {
        "title": record.get("title") if isinstance(record.get("title"), str) else None,
        "url": record.get("url") if isinstance(record.get("url"), str) else None,
        "date": record.get("published"),
        "date_from": "jsonl",
    }
    text = record["text"].replace("\r\n", "\n")
    return _document(raw, Format.JSONL, text, "utf-8", meta)
