"""Ingest feed: RSS 2.0, RSS 1.0 (RDF) and Atom parsing, link resolution, hostile XML."""

from __future__ import annotations

import codecs
import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ailedger.errors import FormatError
from ailedger.ingest.feed import FeedEntry, is_feed, parse_feed
from ailedger.ingest.fetch import Fetcher, FetchOptions
from tests.fixtures.http import HTTPServerFixture

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a newsroom system -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>AI 인프라 뉴스</title>
  <link>https://news.example.kr/</link>
  <item>
    <title>전력망 확충에 5조원</title>
    <link>articles/grid.html</link>
    <pubDate>Wed, 05 Mar 2025 23:30:00 +0900</pubDate>
    <description>짧은 요약</description>
    <content:encoded><![CDATA[<p>정부가 전력망에 5조원을 쓴다. 긴 본문.</p>]]></content:encoded>
  </item>
  <item>
    <title>GUID only</title>
    <guid isPermaLink="true">https://news.example.kr/a/2</guid>
    <dc:date>2025-03-04T08:00:00Z</dc:date>
  </item>
  <item>
    <title>본문만 있는 속보</title>
    <description>&lt;p&gt;링크 없이 본문만 있는 항목이다.&lt;/p&gt;</description>
    <pubDate>sometime last week</pubDate>
  </item>
  <item>
    <title>링크도 본문도 없음</title>
    <guid isPermaLink="false">tag:news.example.kr,2025:4</guid>
  </item>
  <item>
    <link>/absolute/path.html</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://wire.example.com/en/">
  <title>Compute wire</title>
  <entry>
    <title>Campus gets a second substation</title>
    <link rel="self" href="https://wire.example.com/api/1"/>
    <link href="stories/substation"/>
    <published>2025-02-28T22:15:00-05:00</published>
    <updated>2025-03-01T10:00:00Z</updated>
    <summary>Short.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The operator
      added <b>a second substation</b>.</p></div></content>
  </entry>
  <entry xml:base="https://other.example.org/news/">
    <title type="html">Chip plant &amp;amp; power deal</title>
    <link rel="alternate" type="text/html" href="chip-plant"/>
    <updated>2025-03-02</updated>
  </entry>
  <entry>
    <title>No link, no body</title>
    <link rel="related" href="elsewhere"/>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://blog.example.net/">
    <title>Old-school blog</title>
    <link>https://blog.example.net/</link>
  </channel>
  <item rdf:about="https://blog.example.net/2025/gpu-lease">
    <title>Leasing GPUs by the hour</title>
    <link>https://blog.example.net/2025/gpu-lease</link>
    <dc:date>2025-01-15T12:00:00+09:00</dc:date>
    <description>Notes on a lease.</description>
  </item>
  <item rdf:about="https://blog.example.net/2025/cooling">
    <title>Cooling notes</title>
  </item>
</rdf:RDF>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><item><title>&h;</title><link>https://x.example/</link></item>
</channel></rss>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&secret;</title><link>https://x.example/</link>
</item></channel></rss>
"""


def test_rss2_entries_dates_content_and_issue() -> None:
    entries, issues = parse_feed(
        RSS.encode(), "news.xml", base="https://news.example.kr/rss/all.xml"
    )
    assert [e.index for e in entries] == [0, 1, 2, 4]
    first, guid, body_only, absolute = entries
    assert first == FeedEntry(
        index=0,
        link="https://news.example.kr/rss/articles/grid.html",
        title="전력망 확충에 5조원",
        published=dt.date(2025, 3, 5),  # the publisher's own date, not UTC's
        content="<p>정부가 전력망에 5조원을 쓴다. 긴 본문.</p>",
    )
    assert guid.link == "https://news.example.kr/a/2"
    assert guid.published == dt.date(2025, 3, 4)
    assert body_only.link is None and body_only.published is None
    assert body_only.content == "<p>링크 없이 본문만 있는 항목이다.</p>"
    assert absolute.link == "https://news.example.kr/absolute/path.html"
    assert absolute.title is None
    assert [(i.source, i.kind, i.message) for i in issues] == [
        ("news.xml#3", "FormatError", "feed entry has no link and no content")
    ]


def test_atom_links_bases_dates_and_xhtml() -> None:
    entries, issues = parse_feed(ATOM.encode(), "wire.atom")
    assert len(entries) == 2
    first, second = entries
    assert first.link == "https://wire.example.com/en/stories/substation"
    assert first.published == dt.date(2025, 2, 28)
    assert first.content is not None and "<b>a second substation</b>" in first.content
    assert "xmlns" not in first.content
    assert second.link == "https://other.example.org/news/chip-plant"
    assert second.title == "Chip plant &amp; power deal"
    assert second.published == dt.date(2025, 3, 2)
    assert second.content is None
    assert [i.source for i in issues] == ["wire.atom#2"]


def test_rdf_items() -> None:
    entries, issues = parse_feed(RDF.encode(), "blog.rdf")
    assert [(e.link, e.published) for e in entries] == [
        ("https://blog.example.net/2025/gpu-lease", dt.date(2025, 1, 15)),
        ("https://blog.example.net/2025/cooling", None),
    ]
    assert entries[0].content == "Notes on a lease."
    assert issues == []


def test_relative_links_in_a_local_feed_become_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    monkeypatch.chdir(tmp_path)
    entries, _ = parse_feed(RSS.encode(), "feeds/news.xml", base="feeds/news.xml")
    assert entries[0].link == str((feeds / "articles" / "grid.html").resolve())
    assert entries[1].link == "https://news.example.kr/a/2"
    assert entries[3].link == "/absolute/path.html"


def test_local_feed_with_parent_links(tmp_path: Path) -> None:
    feed = tmp_path / "in" / "f.xml"
    xml = "<rss><channel><item><link>../기사 1.html</link></item></channel></rss>"
    entries, _ = parse_feed(xml.encode(), str(feed), base=str(feed))
    assert entries[0].link == str(tmp_path.resolve() / "기사 1.html")


def test_bad_urls_spoil_only_their_entry() -> None:
    xml = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://[::1/">'
        '<entry><link href="http://[broken/a"/></entry>'
        '<entry><link href="https://ok.example/b"/></entry></feed>'
    )
    entries, issues = parse_feed(xml.encode(), "odd.atom", base="https://f.example/")
    assert [e.link for e in entries] == ["https://ok.example/b"]
    assert [i.source for i in issues] == ["odd.atom#0"]
    assert issues[0].message.startswith("unreadable feed entry: ")


def test_euckr_declared_feed() -> None:
    xml = (
        '<?xml version="1.0" encoding="euc-kr"?><rss version="2.0"><channel><item>'
        "<title>반도체 투자</title><link>https://kr.example/1</link></item></channel></rss>"
    )
    entries, _ = parse_feed(xml.encode("euc-kr"), "kr.xml")
    assert entries[0].title == "반도체 투자"


def test_utf16_feed_with_bom() -> None:
    xml = '<?xml version="1.0" encoding="utf-16"?><rss><channel><item><link>a</link></item>'
    xml += "</channel></rss>"
    data = codecs.BOM_UTF16_LE + xml.encode("utf-16-le")
    assert is_feed(data)
    entries, _ = parse_feed(data, "u16.xml", base="https://x.example/f/")
    assert entries[0].link == "https://x.example/f/a"


def test_malformed_xml_is_a_one_line_format_error() -> None:
    with pytest.raises(FormatError) as info:
        parse_feed(b"<rss><channel><item><title>unclosed</channel></rss>", "bad.xml")
    message = str(info.value)
    assert message.startswith("bad.xml: not a well-formed feed: mismatched tag")
    assert "\n" not in message


def test_well_formed_but_not_a_feed() -> None:
    with pytest.raises(FormatError, match="not a feed: the root element is <html>"):
        parse_feed(b"<html><body><p>hi</p></body></html>", "page.html")


@pytest.mark.parametrize("doc", [BOMB, XXE], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused(doc: str) -> None:
    started = time.monotonic()
    with pytest.raises(FormatError, match="declares XML entities"):
        parse_feed(doc.encode(), "evil.xml")
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "doc",
    [
        '<rss version="2.0"><channel><title>quiet</title></channel></rss>',
        "<rss/>",
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>none yet</title></feed>',
    ],
)
def test_empty_feed(doc: str) -> None:
    assert parse_feed(doc.encode(), "empty.xml") == ([], [])


@pytest.mark.parametrize(
    "data",
    [
        RSS.encode(),
        ATOM.encode(),
        RDF.encode(),
        codecs.BOM_UTF8 + b"\n<!DOCTYPE rss SYSTEM 'x.dtd'>\n<rss version='0.91'>",
        b"<?xml-stylesheet href='s.xsl'?><!-- a -->\n<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'>",
    ],
)
def test_is_feed_true(data: bytes) -> None:
    assert is_feed(data)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><head><title>rss</title></head><body>feed</body></html>",
        "그냥 평범한 텍스트. <rss> 라는 단어가 나와도.".encode(),
        b'{"url": "https://x.example", "text": "<rss>"}',
        b"<feed><entry/></feed>",  # no Atom namespace
        b"",
    ],
)
def test_is_feed_false(data: bytes) -> None:
    assert not is_feed(data)


def test_fetched_feeds_from_the_server(http_server: HTTPServerFixture) -> None:
    with Fetcher(FetchOptions(timeout=2)) as fetcher:
        rss = fetcher.fetch(http_server.url("/feed.xml"))
        atom = fetcher.fetch(http_server.url("/atom.xml"))
    assert is_feed(rss.data) and is_feed(atom.data)
    entries, issues = parse_feed(rss.data, rss.source, base=rss.url)
    assert [e.link for e in entries] == [http_server.url("/ok.html"), http_server.url("/404")]
    assert entries[0].published == dt.date(2025, 3, 4)
    assert [i.source for i in issues] == [f"{rss.source}#2"]
    entries, issues = parse_feed(atom.data, atom.source, base=atom.url)
    assert entries[0].link == http_server.url("/ok.html")
    assert entries[1].link is None and entries[1].content is not None
    assert issues == []


FEEDISH = st.sampled_from(
    [
        b"",
        b"<rss><channel><item>",
        b'<?xml version="1.0" encoding="euc-kr"?><rss><channel>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    ]
)


@settings(max_examples=300, deadline=None)
@given(prefix=FEEDISH, body=st.binary(max_size=400), text=st.text(max_size=200))
def test_arbitrary_bytes_raise_only_format_error(prefix: bytes, body: bytes, text: str) -> None:
    for data in (body, prefix + body, prefix + text.encode("utf-8", "surrogatepass")):
        try:
            entries, issues = parse_feed(data, "fuzz.xml", base="https://f.example/x/")
        except FormatError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(isinstance(e, FeedEntry) for e in entries)
            assert all(i.source.startswith("fuzz.xml#") for i in issues)
        is_feed(data)


@settings(max_examples=200, deadline=None)
@given(
    links=st.lists(st.text(max_size=30), max_size=4),
    dates=st.lists(st.text(max_size=40), max_size=4),
)
def test_generated_rss_items_never_crash(links: list[str], dates: list[str]) -> None:
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><link>{escape(link)}</link><pubDate>{escape(date)}</pubDate></item>"
        for link, date in zip(links, dates, strict=False)
    )
    data = f"<rss><channel>{items}</channel></rss>".encode("utf-8", "surrogatepass")
    try:
        entries, issues = parse_feed(data, "gen.xml", base="/tmp/feeds/gen.xml")
    except FormatError:
        return
    assert len(entries) + len(issues) == min(len(links), len(dates))
