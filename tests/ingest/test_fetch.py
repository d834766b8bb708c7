"""Ingest fetch: URLs against a real loopback HTTP server; canonical URLs."""

from __future__ import annotations

import socket
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from ailedger.errors import (
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    RedirectLoopError,
    TooLargeError,
)
from ailedger.ingest.fetch import Fetcher, FetchOptions, canonical_url
from tests.fixtures.http import BIG, HTTPServerFixture

MiB = 2**20
OPTIONS = FetchOptions(timeout=0.5, connect_timeout=0.5, max_bytes=1 * MiB)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(OPTIONS) as f:
        yield f


def test_ok_page(fetcher: Fetcher, http_server: HTTPServerFixture) -> None:
    url = http_server.url("/ok.html")
    raw = fetcher.fetch(url)
    assert raw.source == url and raw.url == url
    assert "데이터센터".encode() in raw.data
    assert raw.content_type == "text/html; charset=utf-8"
    assert raw.fmt is None and raw.name is None


def test_redirect_gives_final_url_and_keeps_source(
    fetcher: Fetcher, http_server: HTTPServerFixture
) -> None:
    raw = fetcher.fetch(http_server.url("/redirect"), source="wire#1", title_hint="제목")
    assert raw.source == "wire#1"
    assert raw.url == http_server.url("/ok.html")
    assert raw.title_hint == "제목"
    assert "데이터센터".encode() in raw.data


def test_euckr_header_is_kept(fetcher: Fetcher, http_server: HTTPServerFixture) -> None:
    raw = fetcher.fetch(http_server.url("/euckr.html"))
    assert raw.content_type == "text/html; charset=EUC-KR"
    assert "고대역폭 메모리".encode("euc-kr") in raw.data
    bare = fetcher.fetch(http_server.url("/euckr-nometa.html"))
    assert bare.content_type == "text/html"
    assert "고대역폭 메모리".encode("euc-kr") in bare.data


def test_404_is_a_one_line_status_error(fetcher: Fetcher, http_server: HTTPServerFixture) -> None:
    url = http_server.url("/404")
    with pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(url)
    assert str(info.value) == f"{url}: HTTP 404 Not Found"


def test_redirect_loop(fetcher: Fetcher, http_server: HTTPServerFixture) -> None:
    with pytest.raises(RedirectLoopError, match="more than 5 redirects"):
        fetcher.fetch(http_server.url("/loop"))


def test_slow_server_times_out_quickly(fetcher: Fetcher, http_server: HTTPServerFixture) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match=r"timed out after 0\.5 s"):
        fetcher.fetch(http_server.url("/slow"))
    assert time.monotonic() - started < 2.0


def test_trickling_server_hits_the_deadline(
    fetcher: Fetcher, http_server: HTTPServerFixture
) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        fetcher.fetch(http_server.url("/trickle"))
    elapsed = time.monotonic() - started
    assert elapsed < 2 * OPTIONS.timeout + 1.0
    assert http_server.streams["/trickle"].done.wait(5)


def test_big_stream_is_cut_at_the_cap(fetcher: Fetcher, http_server: HTTPServerFixture) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="1 MiB limit"):
            fetcher.fetch(http_server.url("/big"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MiB
    log = http_server.streams["/big"]
    assert log.done.wait(5)
    assert log.sent < BIG  # the server never got to finish: we hung up


def test_big_stream_default_cap(http_server: HTTPServerFixture) -> None:
    with Fetcher() as f, pytest.raises(TooLargeError, match="10 MiB limit"):
        f.fetch(http_server.url("/big"))


def test_big_content_length_refused_before_reading(
    fetcher: Fetcher, http_server: HTTPServerFixture
) -> None:
    with pytest.raises(TooLargeError, match="50 MiB declared, over the 1 MiB limit"):
        fetcher.fetch(http_server.url("/big-cl"))
    assert http_server.streams["/big-cl"].done.wait(5)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "example.com/x"])
def test_non_http_scheme_refused(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        fetcher.fetch(url)


def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    assert type(info.value) is FetchError
    message = str(info.value)
    assert message.startswith(f"{url}: cannot connect") and "\n" not in message


def test_bad_host_is_a_fetch_error(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as info:
        fetcher.fetch("http://bad host/")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://News.Example.COM:443/a/b/?utm_source=x&id=3#top",
            "https://news.example.com/a/b?id=3",
        ),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/", "http://example.com:8080/"),
        ("https://example.com/x?fbclid=1&gclid=2&ref=rss&from=main", "https://example.com/x"),
        ("https://example.com/x?UTM_Medium=a&b=2&a=1", "https://example.com/x?a=1&b=2"),
        ("https://user@Example.com/Path/", "https://user@example.com/Path"),
        ("https://[::1]:443/x", "https://[::1]/x"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_ignores_param_order() -> None:
    a = canonical_url("https://n.example.kr/article?oid=1&aid=2&utm_campaign=z")
    b = canonical_url("https://n.example.kr/article?aid=2&oid=1#comments")
    assert a == b == "https://n.example.kr/article?aid=2&oid=1"
