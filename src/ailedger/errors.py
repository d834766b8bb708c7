"""Errors: the one exception tree of ailedger; every message is one line naming the input.

AiledgerError
├── InputError            an input could not become a document (the batch goes on)
│   ├── EmptyInputError       nothing but whitespace
│   ├── BinaryInputError      not text (NUL bytes, a known binary signature)
│   ├── DecodeError           no encoding gives clean text
│   ├── TooLargeError         over the size cap
│   ├── FormatError           malformed JSON Lines / feed / HTML with no article
│   └── FetchError            a URL could not be fetched
│       ├── FetchTimeoutError
│       ├── HTTPStatusError
│       └── RedirectLoopError
├── SourceError           a command-line source that does not exist or cannot be read
├── DataFileError         a locale data file is missing or malformed
├── StoreError            the database cannot be opened or migrated
├── QueryError            an `ailedger ask` question holds a word the ledger does not know
├── ScaleError            workers cannot be started, or a cluster cannot be reached
└── ResumeError           a killed run cannot be resumed (its inputs changed)
"""

from __future__ import annotations


class AiledgerError(Exception):
    """Base of every error ailedger raises on purpose."""


class InputError(AiledgerError):
    """One input could not become a document; `source` names it."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = message


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary, not text."""


class DecodeError(InputError):
    """No encoding decodes the input into clean text."""


class TooLargeError(InputError):
    """The input is over the configured size cap."""


class FormatError(InputError):
    """The input is text but not in a shape ailedger can read."""


class FetchError(InputError):
    """A URL could not be fetched."""


class FetchTimeoutError(FetchError):
    """The server did not answer in time."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""


class RedirectLoopError(FetchError):
    """Redirects went on past the limit."""


class SourceError(AiledgerError):
    """A source given on the command line does not exist or cannot be read."""


class DataFileError(AiledgerError):
    """A locale data file is missing or malformed."""


class FxError(AiledgerError):
    """No exchange rate can be given: an unknown currency or an impossible stated rate."""


class StoreError(AiledgerError):
    """The database cannot be opened, migrated or written."""


class ScaleError(AiledgerError):
    """Workers cannot be started, or a Dask scheduler cannot be reached."""


class ResumeError(AiledgerError):
    """A run cannot be resumed: its inputs are not the ones it stopped in."""


class QueryError(AiledgerError):
    """A question for the ledger holds a word that is no actor, kind, type, unit or year."""
