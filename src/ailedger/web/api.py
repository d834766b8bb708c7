"""Web: the write API -> `POST /api/ingest` (an article's text, or a URL) into the store.

Only a server started with a token accepts writes, and only from a request that carries it as
`Authorization: Bearer TOKEN` (compared in constant time); otherwise every write answers 403.
"""

from __future__ import annotations

import hmac
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from ..ingest.sources import SourceOptions, SourceReader
from ..pipeline import IngestOptions, ingest
from ..store import Store
from .app import problem_responses
from .model import IngestResult
from .params import IngestBody

router = APIRouter(prefix="/api")
MAX_BODY = 4 * 2**20
WRITE_ERRORS = problem_responses(403, 411, 413, 414, 422, 503)


bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


def _authorized(request: Request, given: HTTPAuthorizationCredentials | None) -> None:
    token: str | None = request.app.state.token
    if not token or not isinstance(request.app.state.store, Store):
        raise HTTPException(403, "this server is read-only (start it with --token to ingest)")
    secret = given.credentials if given is not None else ""
    if not hmac.compare_digest(secret.encode(), token.encode()):
        raise HTTPException(403, "missing or wrong bearer token")


def _record(body: IngestBody) -> bytes:
    record = {
        "url": body.url,
        "title": body.title,
        "published": body.published.isoformat() if body.published else None,
        "text": body.text,
    }
    return json.dumps({k: v for k, v in record.items() if v is not None}).encode() + b"\n"


def _ingest(store: Store, body: IngestBody) -> IngestResult:
    options = IngestOptions(sources=SourceOptions(max_bytes=MAX_BODY))
    if body.text is None:  # a URL alone: fetch it
        report = ingest(store, [str(body.url)], options)
    else:
        reader = SourceReader(options.sources, stdin=io.BytesIO(_record(body)))
        report = ingest(store, ["-"], options, reader=reader)
    c = report.counts
    issues = tuple(i.message for i in report.issues)
    return IngestResult(report.run_id, c.stored, c.duplicates, report.facts, issues)


def _body_schema() -> dict[str, Any]:
    schema = IngestBody.model_json_schema()
    return {"required": True, "content": {"application/json": {"schema": schema}}}


@router.post(
    "/ingest",
    response_model=IngestResult,
    responses=WRITE_ERRORS,
    tags=["write"],
    openapi_extra={"requestBody": _body_schema()},
)
async def ingest_article(
    request: Request, given: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> IngestResult:
    """Store one article (its text, or the page at its URL) with its facts."""
    _authorized(request, given)  # before the body is even read
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, "a Content-Length is required")
    if int(length) > MAX_BODY:
        raise HTTPException(413, f"body over {MAX_BODY} bytes")
    try:
        body = IngestBody.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    if body.text is None and body.url is None:
        raise HTTPException(422, "give text or url")
    store: Store = request.app.state.store
    return await run_in_threadpool(_ingest, store, body)
