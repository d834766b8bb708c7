"""Ingest: feed bytes (RSS 2.0, RSS 1.0/RDF, Atom 1.0) -> FeedEntry list and IngestIssue list.

The XML is parsed by expat into ElementTree elements; entity declarations are refused (no
entity expansion bombs, no external entities) and nothing is ever fetched. One bad entry becomes
an issue; the other entries go on.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.parsers import expat

from ..errors import FormatError
from ..model import IngestIssue
from .decode import codec_for

SNIFF = 2048
ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RSS1 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_BASE = f"{{{XML_NS}}}base"
_EXPAT_CODECS = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii"})
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PROLOG = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.DOTALL)
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b")
_XML_ENCODING = re.compile(rb"\A\s*<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed entry: its position, resolved link, title, date, and HTML content if any.

    `content` is the fuller of the entry's body (content:encoded, atom:content) and its
    summary (description, atom:summary); None when the entry carries neither.
    """

    index: int
    link: str | None
    title: str | None
    published: dt.date | None
    content: str | None


def is_feed(data: bytes) -> bool:
    """Return True when the first bytes look like an RSS, RDF or Atom document."""
    head = _sniff_text(data[: SNIFF * 2])
    prolog = _PROLOG.match(head)
    head = head[prolog.end() if prolog else 0 :][:SNIFF]
    m = _ROOT.match(head)
    if m is None:
        return False
    if m.group(1) == "feed":
        return ATOM in head
    return True


def _sniff_text(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return head.decode("latin-1")


def parse_feed(
    data: bytes, source: str, base: str | None = None
) -> tuple[list[FeedEntry], list[IngestIssue]]:
    """Parse an RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 feed.

    Args:
        data: the feed bytes.
        source: names the feed in messages; an entry is named "<source>#<index>".
        base: the feed's URL or local file path; relative links are resolved against it.

    Returns:
        The readable entries, and one issue per entry that was skipped.

    Raises:
        FormatError: the bytes are not a well-formed feed.
    """
    root = _parse_xml(data, source)
    items, reader = _items(root, source)
    feed_base = _join(_absolute(base), root.get(XML_BASE))
    entries: list[FeedEntry] = []
    issues: list[IngestIssue] = []
    for index, item in enumerate(items):
        result = _read_entry(reader, item, index, feed_base, f"{source}#{index}")
        if isinstance(result, FeedEntry):
            entries.append(result)
        else:
            issues.append(result)
    return entries, issues


_Reader = Callable[[ET.Element, int, str | None], FeedEntry]


def _read_entry(
    reader: _Reader, item: ET.Element, index: int, base: str | None, where: str
) -> FeedEntry | IngestIssue:
    try:
        entry = reader(item, index, base)
    except Exception as exc:  # one bad entry must not stop the feed
        message = " ".join(f"unreadable feed entry: {exc}".split())
        return IngestIssue(where, "FormatError", message)
    if entry.link is None and entry.content is None:
        return IngestIssue(where, "FormatError", "feed entry has no link and no content")
    return entry


# --- XML ---------------------------------------------------------------------------------


class _Refused(Exception):
    """Raised inside expat handlers to stop a document ailedger will not expand."""


def _parse_xml(data: bytes, source: str) -> ET.Element:
    try:
        return _build(_prepared(data))
    except _Refused as exc:
        raise FormatError(source, f"refused feed: {exc}") from exc
    except (expat.ExpatError, ValueError, LookupError, IndexError) as exc:
        message = " ".join(str(exc).split())
        raise FormatError(source, f"not a well-formed feed: {message}") from exc


def _prepared(data: bytes) -> bytes | str:
    """Bytes expat reads itself, or text decoded here for encodings expat lacks (EUC-KR)."""
    if data.startswith(_BOMS):
        return data
    m = _XML_ENCODING.match(data)
    codec = codec_for(m.group(1).decode("ascii")) if m else None
    if codec is None or codec in _EXPAT_CODECS:
        return data
    return data.decode(codec, errors="replace")


def _refuse_entities(*_args: object) -> None:
    raise _Refused("the feed declares XML entities")


def _build(document: bytes | str) -> ET.Element:
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entities
    parser.StartElementHandler = lambda tag, attrs: builder.start(
        _clark(tag), {_clark(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    parser.Parse(document, True)
    return builder.close()


def _clark(name: str) -> str:
    """expat's "uri}local" -> ElementTree's "{uri}local"."""
    return "{" + name if "}" in name else name


def _items(root: ET.Element, source: str) -> tuple[list[ET.Element], _Reader]:
    if root.tag == "rss":
        channel = root.find("channel")
        return (channel.findall("item") if channel is not None else []), _rss_entry
    if root.tag == f"{{{RDF}}}RDF":
        items = [el for el in root if el.tag in (f"{{{RSS1}}}item", f"{{{RSS090}}}item")]
        return items, _rss_entry
    if root.tag == f"{{{ATOM}}}feed":
        return root.findall(f"{{{ATOM}}}entry"), _atom_entry
    raise FormatError(source, f"not a feed: the root element is <{_local(root.tag)}>")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# --- entries -----------------------------------------------------------------------------


def _children(el: ET.Element, local: str) -> Iterator[ET.Element]:
    """Children named `local` in no namespace or in the RSS 1.0 / 0.90 namespace."""
    for child in el:
        if child.tag == local or child.tag in (f"{{{RSS1}}}{local}", f"{{{RSS090}}}{local}"):
            yield child


def _text(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _first_text(el: ET.Element, local: str) -> str | None:
    return next((t for c in _children(el, local) if (t := _text(c))), None)


def _rss_entry(item: ET.Element, index: int, base: str | None) -> FeedEntry:
    link = _first_text(item, "link") or item.get(f"{{{RDF}}}about") or _permalink(item)
    date = _first_text(item, "pubDate") or _text(item.find(f"{{{DC}}}date"))
    body = _text(item.find(f"{{{CONTENT}}}encoded"))
    return FeedEntry(
        index=index,
        link=_resolve(link, base),
        title=_first_text(item, "title"),
        published=_parse_date(date),
        content=_fuller(body, _first_text(item, "description")),
    )


def _permalink(item: ET.Element) -> str | None:
    guid = item.find("guid")
    if guid is None or guid.get("isPermaLink", "true").strip().lower() == "false":
        return None
    return _text(guid)


def _atom_entry(entry: ET.Element, index: int, base: str | None) -> FeedEntry:
    base = _join(base, entry.get(XML_BASE))
    date = _text(entry.find(f"{{{ATOM}}}published")) or _text(entry.find(f"{{{ATOM}}}updated"))
    return FeedEntry(
        index=index,
        link=_atom_link(entry, base),
        title=_atom_text(entry.find(f"{{{ATOM}}}title")),
        published=_parse_date(date),
        content=_fuller(
            _atom_text(entry.find(f"{{{ATOM}}}content")),
            _atom_text(entry.find(f"{{{ATOM}}}summary")),
        ),
    )


def _atom_link(entry: ET.Element, base: str | None) -> str | None:
    links = entry.findall(f"{{{ATOM}}}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href", "").strip():
            return _resolve(link.get("href"), _join(base, link.get(XML_BASE)))
    return None


def _atom_text(el: ET.Element | None) -> str | None:
    """The text of an Atom text construct; XHTML content is serialized back to markup."""
    if el is None or el.get("src"):
        return None
    if el.get("type") != "xhtml":
        return _text(el)
    div = el.find(f"{{{XHTML}}}div")
    holder = copy.deepcopy(div if div is not None else el)
    for node in holder.iter():
        node.tag = _local(node.tag)
    parts = [holder.text or ""]
    parts += [ET.tostring(child, encoding="unicode") for child in holder]
    return "".join(parts).strip() or None


def _fuller(body: str | None, summary: str | None) -> str | None:
    if body and summary:
        return body if len(body) >= len(summary) else summary
    return body or summary


# --- dates and links -----------------------------------------------------------------------


def _parse_date(value: str | None) -> dt.date | None:
    """Return the date of an RFC 822 or ISO 8601 timestamp (in its own zone), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("z", "Z")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _has_scheme(ref: str) -> bool:
    try:
        scheme = urlsplit(ref).scheme
    except ValueError:
        return False
    return len(scheme) > 1  # "C:\feeds" is a Windows path, not a URL


def _absolute(base: str | None) -> str | None:
    """A URL base as is; a local path base as a file: URI, so urljoin applies to both."""
    if not base or _has_scheme(base):
        return base or None
    try:
        return Path(base).resolve().as_uri()
    except (ValueError, OSError):
        return None


def _join(base: str | None, ref: str | None) -> str | None:
    """Apply an xml:base to the base; an unusable xml:base is ignored."""
    if not ref or not ref.strip():
        return base
    try:
        return urljoin(base, ref.strip()) if base else ref.strip()
    except ValueError:
        return base


def _resolve(link: str | None, base: str | None) -> str | None:
    """Resolve a link against the base; links in local feeds become absolute paths."""
    if not link or not link.strip():
        return None
    link = link.strip()
    if _has_scheme(link) or not base:
        return link
    joined = urlsplit(urljoin(base, link))
    if joined.scheme == "file" and not joined.netloc:
        return str(Path(unquote(joined.path)))
    return joined.geturl()
