"""Web: an open store (and an optional write token) -> the dashboard's ASGI application.

Safety is set here for every route: a Content-Security-Policy that allows only the site's own
scripts (so no script that an article smuggles into a page can run, even if escaping failed),
bounded URLs and bodies, and errors as problem documents (RFC 9457) without tracebacks.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from importlib.metadata import version
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import StoreError
from ..store.reads import Reads
from . import format as fmt
from . import urls
from .data import Dashboard

log = logging.getLogger("ailedger.web")

MAX_URL = 4096
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


# plotly.js as the installed plotly package ships it (never a CDN): found, not imported
def _plotly_js() -> Path:
    spec = find_spec("plotly")
    if spec is None or spec.origin is None:
        raise ImportError("the plotly package is not installed (pip install plotly)")
    return Path(spec.origin).parent / "package_data" / "plotly.min.js"


PLOTLY_JS = _plotly_js()
FX_SOURCES = {
    "stated": "the rate the article states",
    "ecb": "the ECB reference rate of the article's date",
    "fallback": "the ECB reference rate of the nearest earlier published date",
}
PLOTLY_PATH = f"/static/plotly-{version('plotly')}.min.js"


class Guard:
    """ASGI middleware: security headers on every response; over-long URLs refused early."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("path", "")) + len(scope.get("query_string", b"")) > MAX_URL:
            response = problem_response(414, f"URL longer than {MAX_URL} characters")
            await response(scope, receive, self._secured(send))
            return
        await self.app(scope, receive, self._secured(send))

    @staticmethod
    def _secured(send: Send) -> Send:
        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [h for h in HEADERS if h[0] not in present]
            await send(message)

        return secured


def problem(status: int, detail: str, **extra: Any) -> dict[str, Any]:
    """A problem document: status, title, one-line detail."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return {"type": "about:blank", "title": title, "status": status, "detail": detail} | extra


PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status", "detail"],
}


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses answered with a problem document."""
    content = {"application/problem+json": {"schema": PROBLEM_SCHEMA}}
    return {c: {"description": HTTPStatus(c).phrase, "content": content} for c in codes}


def problem_response(status: int, detail: str, **extra: Any) -> JSONResponse:
    """A problem document as an application/problem+json response (with the security headers,
    as a crash's response is sent from outside the middleware)."""
    return JSONResponse(
        problem(status, detail, **extra),
        status_code=status,
        media_type="application/problem+json",
        headers={name.decode(): value.decode() for name, value in HEADERS},
    )


def _combine(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return base | changes


def templates() -> Environment:
    """The Jinja2 environment: autoescaping on for every template, strict about names."""
    env = Environment(
        loader=PackageLoader("ailedger.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        short=fmt.short,
        money=fmt.money,
        stated=fmt.stated,
        count=fmt.count,
        combine=_combine,
        cited=fmt.cited,
        marked=fmt.marked,
    )
    env.globals.update(
        actor_url=urls.actor_url,
        fact_url=urls.fact_url,
        doc_url=urls.doc_url,
        with_query=urls.with_query,
        external=urls.external,
        version=__version__,
        plotly_js=PLOTLY_PATH,
        fx_sources=FX_SOURCES,
    )
    return env


def _errors(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return problem_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))[:200]}
            for e in exc.errors()[:20]
        ]
        return problem_response(422, "invalid request parameters", errors=errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return problem_response(503, "the store cannot be read just now")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        return problem_response(500, "internal error (logged on the server)")


def create_app(store: Reads, token: str | None = None) -> FastAPI:
    """The dashboard over `store`; `POST /api/ingest` works only when `token` is given.

    Args:
        store: an open store (a `Store` when writes are enabled).
        token: the bearer token of the write API, or None for a read-only server.
    """
    from .api import router as api_router
    from .routes import router as page_router

    app = FastAPI(
        title="ailedger",
        version=__version__,
        description="Facts about the AI-infrastructure race, with the sentence behind each one.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.dashboard = Dashboard(store)
    app.state.store = store
    app.state.token = token
    app.state.templates = templates()
    _errors(app)

    @app.get(PLOTLY_PATH, include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, headers={"cache-control": "public, max-age=31536000"})

    app.mount("/static", StaticFiles(directory=str(files("ailedger.web") / "static")), "static")
    app.include_router(page_router)
    app.include_router(api_router)
    app.add_middleware(Guard)
    return app
