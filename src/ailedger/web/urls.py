"""Web: ids and keys -> the site's own paths (every link the pages and charts make)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

SAFE_SCHEMES = ("http://", "https://")


def actor_url(actor_id: str) -> str:
    """The actor page."""
    return "/actors/" + quote(actor_id, safe="")


def fact_url(key: str) -> str:
    """The fact page, scrolled to its evidence."""
    return "/facts/" + quote(key, safe="") + "#evidence"


def doc_url(doc_id: str) -> str:
    """The document reader."""
    return "/documents/" + quote(doc_id, safe="")


def with_query(path: str, params: dict[str, object]) -> str:
    """`path` with the non-empty parameters as its query string."""
    kept = {k: str(v) for k, v in params.items() if v is not None and v != ""}
    return f"{path}?{urlencode(kept)}" if kept else path


def external(url: str | None) -> str | None:
    """An article's own URL when it is a plain web address (never javascript:, data: ...)."""
    if url and url.strip().lower().startswith(SAFE_SCHEMES) and url.isprintable():
        return url.strip()
    return None
