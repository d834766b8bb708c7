"""Ingest: command-line sources (files, directories, URLs, feeds, "-") -> a stream of RawInput,
with one IngestIssue for each input that cannot be read. Large JSON Lines files are streamed
record by record; every other input is capped at `max_bytes`.
"""

from __future__ import annotations

import fnmatch
import itertools
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, SourceError, TooLargeError
from ..model import Format, IngestIssue, RawInput
from .feed import FeedEntry, is_feed, parse_feed
from .fetch import Fetcher, FetchOptions
from .parse import SUFFIX_FORMATS, format_of

MAX_BYTES = 10 * 2**20
MAX_RECORD_BYTES = 10 * 2**20
DEFAULT_GLOBS = tuple(f"*{suffix}" for suffix in SUFFIX_FORMATS)


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How sources are expanded: file globs for directories, the size cap, fetch settings."""

    globs: tuple[str, ...] = DEFAULT_GLOBS
    max_bytes: int = MAX_BYTES
    fetch: FetchOptions = field(default_factory=FetchOptions)


def issue_of(exc: Exception, source: str) -> IngestIssue:
    """Turn an error about one input into the one-line issue reported and stored."""
    message = str(exc) if isinstance(exc, InputError) else f"{source}: {exc}"
    return IngestIssue(source, type(exc).__name__, " ".join(message.split()))


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def list_files(root: Path, globs: Sequence[str]) -> list[Path]:
    """Files under `root` whose name matches a glob, sorted, hidden files and folders skipped."""
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(str(rel), g) for g in globs):
            found.append(path)
    return sorted(found)


def total_bytes(sources: Sequence[str], options: SourceOptions) -> int | None:
    """Sum of the sizes of the local inputs, for a progress bar; None when unknown (URLs)."""
    total = 0
    for source in sources:
        path = Path(source)
        if source == "-" or is_url(source) or not path.exists():
            return None
        files = list_files(path, options.globs) if path.is_dir() else [path]
        total += sum(f.stat().st_size for f in files)
    return total


class SourceReader:
    """Expands sources into inputs; holds one HTTP client for the whole run."""

    def __init__(self, options: SourceOptions | None = None, stdin: BinaryIO | None = None):
        self.options = options or SourceOptions()
        self._stdin = stdin
        self._fetcher: Fetcher | None = None

    def __enter__(self) -> SourceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options.fetch)
        return self._fetcher

    def inputs(self, sources: Sequence[str]) -> Iterator[RawInput | IngestIssue]:
        """Yield every input of every source, or an issue for each one that fails."""
        for source in sources:
            try:
                yield from self._expand(source)
            except (InputError, SourceError, OSError) as exc:
                yield issue_of(exc, source)

    def _expand(self, source: str) -> Iterator[RawInput | IngestIssue]:
        if source == "-":
            yield from self._stdin_inputs()
        elif is_url(source):
            yield from self._url(source)
        else:
            path = Path(source)
            if path.is_dir():
                for file in list_files(path, self.options.globs):
                    try:
                        yield from self._file(file)
                    except (InputError, OSError) as exc:
                        yield issue_of(exc, str(file))
            elif path.is_file():
                yield from self._file(path)
            else:
                raise SourceError(f"{source}: no such file, directory or URL")

    def _url(self, url: str, entry: FeedEntry | None = None) -> Iterator[RawInput | IngestIssue]:
        raw = self.fetcher.fetch(
            url,
            title_hint=entry.title if entry else None,
            published_hint=entry.published if entry else None,
        )
        if entry is None and is_feed(raw.data):
            yield from self._feed(raw.data, url, base=raw.url or url)
        else:
            yield raw

    def _file(self, path: Path, entry: FeedEntry | None = None) -> Iterator[RawInput | IngestIssue]:
        fmt = SUFFIX_FORMATS.get(path.suffix.lower())
        if fmt is Format.JSONL:
            with path.open("rb") as handle:
                yield from self._records(handle, str(path), path.stem)
            return
        data = self._read_capped(path)
        if entry is None and fmt in (Format.FEED, None) and is_feed(data):
            yield from self._feed(data, str(path), base=str(path.resolve()))
            return
        yield RawInput(
            source=str(path),
            data=data,
            name=path.stem,
            fmt=fmt if fmt is not Format.FEED else None,
            title_hint=entry.title if entry else None,
            published_hint=entry.published if entry else None,
        )

    def _read_capped(self, path: Path) -> bytes:
        size = path.stat().st_size
        if size > self.options.max_bytes:
            raise TooLargeError(str(path), f"{size / 2**20:.1f} MB is over the {_mb(self)} limit")
        with path.open("rb") as handle:
            data = handle.read(self.options.max_bytes + 1)
        if len(data) > self.options.max_bytes:
            raise TooLargeError(str(path), f"over the {_mb(self)} limit")
        return data

    def _stdin_inputs(self) -> Iterator[RawInput | IngestIssue]:
        stream = self._stdin or sys.stdin.buffer
        first = stream.readline(self.options.max_bytes + 1)
        if format_of(None, first) is Format.JSONL:
            yield from self._records(itertools.chain([first], stream), "-", None)
            return
        data = first + stream.read(self.options.max_bytes + 1 - len(first))
        if len(data) > self.options.max_bytes:
            raise TooLargeError("-", f"standard input is over the {_mb(self)} limit")
        yield RawInput(source="-", data=data)

    def _records(
        self, handle: Iterable[bytes], source: str, name: str | None
    ) -> Iterator[RawInput | IngestIssue]:
        for lineno, line in enumerate(handle, start=1):
            where = f"{source}:{lineno}"
            if len(line) > MAX_RECORD_BYTES:
                yield issue_of(TooLargeError(where, "JSON Lines record over 10 MB"), where)
            elif line.strip():
                record_name = f"{name}-{lineno}" if name else None
                yield RawInput(source=where, data=line, name=record_name, fmt=Format.JSONL)

    def _feed(self, data: bytes, source: str, base: str) -> Iterator[RawInput | IngestIssue]:
        entries, issues = parse_feed(data, source, base=base)
        yield from issues
        for entry in entries:
            where = f"{source}#{entry.index}"
            try:
                yield from self._entry(entry, where)
            except (InputError, OSError) as exc:
                yield issue_of(exc, entry.link or where)

    def _entry(self, entry: FeedEntry, where: str) -> Iterator[RawInput | IngestIssue]:
        if entry.link and is_url(entry.link):
            yield from self._url(entry.link, entry)
        elif entry.link:
            yield from self._file(Path(entry.link), entry)
        elif entry.content:
            yield RawInput(
                source=where,
                data=entry.content.encode("utf-8"),
                fmt=Format.HTML,
                title_hint=entry.title,
                published_hint=entry.published,
            )


def _mb(reader: SourceReader) -> str:
    return f"{reader.options.max_bytes / 2**20:g} MB"
