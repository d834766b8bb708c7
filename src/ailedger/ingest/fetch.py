"""Ingest: URL -> RawInput (body bytes, final URL, Content-Type), size- and time-bounded.

The body is streamed and abandoned as soon as it passes the size cap; a wall-clock deadline of
twice the read timeout bounds a server that trickles bytes. `canonical_url` gives the URL form
used for document ids (tracking parameters listed in data/url.yaml).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import cache
from types import TracebackType
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

import httpx

from .. import datafiles
from ..errors import (
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    RedirectLoopError,
    TooLargeError,
)
from ..model import RawInput

SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_MESSAGE = 200


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits of one fetch: timeouts in seconds, the body cap in bytes, redirects to follow."""

    timeout: float = 15.0
    connect_timeout: float = 5.0
    max_bytes: int = 10 * 2**20
    max_redirects: int = 5
    user_agent: str = "ailedger/0.1 (news ledger; +local)"

    @property
    def deadline(self) -> float:
        """Seconds a whole fetch may take once connected: twice the read timeout."""
        return 2 * self.timeout


class Fetcher:
    """Fetches URLs over one HTTP client; use as a context manager, or call close()."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.options.max_redirects,
            timeout=httpx.Timeout(self.options.timeout, connect=self.options.connect_timeout),
            headers={"User-Agent": self.options.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections of the client."""
        self._client.close()

    def fetch(
        self,
        url: str,
        *,
        source: str | None = None,
        title_hint: str | None = None,
        published_hint: dt.date | None = None,
    ) -> RawInput:
        """Fetch one URL, following redirects.

        Args:
            url: an http or https URL.
            source: names the input in messages; defaults to `url`.
            title_hint, published_hint: passed through to the RawInput (from a feed entry).

        Returns:
            The body bytes, the final URL and the Content-Type header; fmt is left to sniffing.

        Raises:
            FetchError: unsupported scheme or a connection failure; its subclasses
                FetchTimeoutError, HTTPStatusError and RedirectLoopError; TooLargeError.
        """
        name = source or url
        _check_scheme(url, name)
        try:
            final_url, content_type, data = self._get(url.strip(), name)
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(name, self._timeout_message(exc)) from exc
        except httpx.TooManyRedirects as exc:
            limit = self.options.max_redirects
            raise RedirectLoopError(name, f"more than {limit} redirects") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(name, _short(exc)) from exc
        return RawInput(
            source=name,
            data=data,
            url=final_url,
            content_type=content_type,
            title_hint=title_hint,
            published_hint=published_hint,
        )

    def _get(self, url: str, name: str) -> tuple[str, str | None, bytes]:
        started = time.monotonic()
        with self._client.stream("GET", url) as response:
            if response.status_code >= 400:
                status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                raise HTTPStatusError(name, status)
            self._check_length(response, name)
            data = self._read(response, name, started + self.options.deadline)
            return str(response.url), response.headers.get("content-type"), data

    def _check_length(self, response: httpx.Response, name: str) -> None:
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.options.max_bytes:
            raise TooLargeError(name, f"{_size(int(declared))} declared, over the {self._cap}")

    def _read(self, response: httpx.Response, name: str, deadline: float) -> bytes:
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.options.max_bytes:
                raise TooLargeError(name, f"body larger than the {self._cap}")
            if time.monotonic() > deadline:
                raise FetchTimeoutError(name, self._deadline_message)
            chunks.append(chunk)
        return b"".join(chunks)

    @property
    def _cap(self) -> str:
        return f"{_size(self.options.max_bytes)} limit"

    @property
    def _deadline_message(self) -> str:
        return f"timed out: no complete answer within {_seconds(self.options.deadline)}"

    def _timeout_message(self, exc: httpx.TimeoutException) -> str:
        if isinstance(exc, httpx.ConnectTimeout):
            return f"connection timed out after {_seconds(self.options.connect_timeout)}"
        return f"timed out after {_seconds(self.options.timeout)}"


def _check_scheme(url: str, name: str) -> None:
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise FetchError(name, f"invalid URL: {exc}") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(name, "unsupported URL scheme (only http and https)")
    if not parts.netloc:
        raise FetchError(name, "invalid URL: no host")


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def _short(exc: Exception) -> str:
    """One line naming the failure, e.g. "cannot connect: [Errno 111] Connection refused"."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    prefix = "cannot connect: " if isinstance(exc, httpx.ConnectError) else ""
    text = prefix + detail
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@cache
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    data = datafiles.load("url.yaml")
    names = frozenset(str(n).lower() for n in data.get("drop_params", ()))
    prefixes = tuple(str(p).lower() for p in data.get("drop_prefixes", ()))
    return names, prefixes


def _is_tracking(pair: str) -> bool:
    names, prefixes = _tracking()
    key = unquote(pair.partition("=")[0]).strip().lower()
    return key in names or key.startswith(prefixes)


def _netloc(parts: SplitResult, scheme: str) -> str:
    userinfo, at, _ = parts.netloc.rpartition("@")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        return parts.netloc.lower()
    if host is None:
        return parts.netloc.lower()
    host = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    return f"{userinfo}{at}{host}"


def canonical_url(url: str) -> str:
    """Return the canonical form of a URL, used for document ids.

    Lowercases scheme and host, drops default ports, the fragment and tracking parameters
    (data/url.yaml), sorts the remaining parameters and strips a trailing slash (not the root).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    query = sorted(p for p in parts.query.split("&") if p and not _is_tracking(p))
    path = parts.path.rstrip("/") or ("/" if parts.netloc else "")
    return urlunsplit((scheme, _netloc(parts, scheme), path, "&".join(query), ""))
