"""Web: the pages -> HTML (Jinja2, readable without JavaScript) and their JSON twins.

Every page at PATH has a twin at PATH.json, also served at PATH to a client that asks for
`Accept: application/json`; both are in /openapi.json. The facts list is also downloadable as
CSV and JSON Lines for the current filter.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from pydantic import TypeAdapter

from ..facts.serialize import CSV_FIELDS, csv_row
from . import charts, pages
from .app import problem_responses
from .data import Dashboard
from .model import (
    ActorPage,
    AllianceGraph,
    BriefingPage,
    ConflictsPage,
    DocumentPage,
    DocumentsPage,
    EntriesPage,
    EntryPage,
    FactDetail,
    FactsPage,
    Overview,
)
from .params import (
    ID_PATTERN,
    ActorParams,
    BriefingParams,
    ConflictParams,
    DocumentParams,
    EntryParams,
    FactParams,
    OverviewParams,
    ReaderParams,
)

router = APIRouter(responses=problem_responses(414, 422, 503))
NOT_FOUND = problem_responses(404)
MAX_DOWNLOAD = 100_000
KEY = Annotated[str, Path(pattern=r"^[0-9a-f]{6,64}-[0-9]{1,9}$", description="DOCUMENT-SEQ")]
DOC_ID = Annotated[str, Path(pattern=ID_PATTERN, description="Document id.")]
ACTOR_ID = Annotated[str, Path(min_length=1, max_length=200, description="Actor id.")]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DOWNLOAD: dict[int | str, dict[str, Any]] = {200: {"description": "The file, streamed."}}


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


class JSONLResponse(StreamingResponse):
    media_type = "application/x-ndjson"


HTML = {"description": "The page as HTML; its JSON twin with Accept: application/json."}


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]


def as_json(value: Any) -> Response:
    """A page value as its JSON twin (amounts as exact decimal strings)."""
    return Response(_adapter(type(value)).dump_json(value), media_type="application/json")


def _dash(request: Request) -> Dashboard:
    dash: Dashboard = request.app.state.dashboard
    return dash


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, value: Any, **context: Any) -> Response:
    """The page as HTML, or as JSON when the client asks for it."""
    if _wants_json(request):
        return as_json(value)
    env = request.app.state.templates
    path, query = request.url.path, request.url.query
    twin = "/index.json" if path == "/" else quote(path) + ".json"
    twin += f"?{query}" if query else ""
    body = env.get_template(template).render(
        page=value, path=quote(path), json_href=twin, **context
    )
    return HTMLResponse(body)


def _missing(what: str) -> HTTPException:
    return HTTPException(404, f"no such {what}")


@router.get("/index.json", response_model=Overview, tags=["overview"])
def overview_json(request: Request, params: Annotated[OverviewParams, Query()]) -> Response:
    """Totals, the league table (largest stated amount per actor) and the latest facts."""
    kind = None if params.kind == "all" else params.kind
    return as_json(pages.overview(_dash(request), params.cur, kind))


@router.get("/", response_class=HTMLResponse, responses={200: HTML}, tags=["overview"])
def overview_page(request: Request, params: Annotated[OverviewParams, Query()]) -> Response:
    """The overview page."""
    kind = None if params.kind == "all" else params.kind
    page = pages.overview(_dash(request), params.cur, kind)
    chart = charts.league_chart(page.league, page.currency)
    return render(request, "overview.html", page, figure=chart, params=params)


@router.get("/facts.json", response_model=FactsPage, tags=["facts"])
def facts_json(request: Request, params: Annotated[FactParams, Query()]) -> Response:
    """A page of facts matching the filters, and how many match."""
    return as_json(_dash(request).facts(params.query()))


def _csv_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_lines(rows: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["key", *CSV_FIELDS], extrasaction="ignore")
    writer.writeheader()
    for key, obj in rows:
        row = {k: _csv_cell(v) for k, v in csv_row(obj).items()}
        writer.writerow({"key": key, **row})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _download(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


@router.get("/facts.csv", tags=["facts"], response_class=CSVResponse, responses=DOWNLOAD)
def facts_csv(request: Request, params: Annotated[FactParams, Query()]) -> Response:
    """Every fact matching the filters (at most 100 000) as CSV, one flat row per fact."""
    rows = _dash(request).fact_payloads(params.query(), MAX_DOWNLOAD)
    return CSVResponse(_csv_lines(rows), headers=_download("facts.csv"))


@router.get("/facts.jsonl", tags=["facts"], response_class=JSONLResponse, responses=DOWNLOAD)
def facts_jsonl(request: Request, params: Annotated[FactParams, Query()]) -> Response:
    """Every fact matching the filters (at most 100 000) as JSON Lines (fact.schema.json)."""
    rows = _dash(request).fact_payloads(params.query(), MAX_DOWNLOAD)
    lines = (json.dumps(obj, ensure_ascii=False) + "\n" for _, obj in rows)
    return JSONLResponse(lines, headers=_download("facts.jsonl"))


@router.get("/facts", response_class=HTMLResponse, responses={200: HTML}, tags=["facts"])
def facts_page(request: Request, params: Annotated[FactParams, Query()]) -> Response:
    """The facts list with its filters."""
    page = _dash(request).facts(params.query())
    return render(request, "facts.html", page, params=params)


@router.get("/facts/{key}.json", response_model=FactDetail, tags=["facts"], responses=NOT_FOUND)
def fact_json(request: Request, key: KEY) -> Response:
    """One fact: values, FX record, the evidence in its article, the article's other facts."""
    detail = pages.fact_detail(_dash(request), key)
    if detail is None:
        raise _missing("fact")
    return as_json(detail)


@router.get(
    "/facts/{key}", response_class=HTMLResponse, responses={200: HTML, **NOT_FOUND}, tags=["facts"]
)
def fact_page(request: Request, key: KEY) -> Response:
    """The fact page, its evidence highlighted in the article text."""
    detail = pages.fact_detail(_dash(request), key)
    if detail is None:
        raise _missing("fact")
    return render(request, "fact.html", detail)


@router.get(
    "/actors/{actor_id:path}.json", response_model=ActorPage, tags=["actors"], responses=NOT_FOUND
)
def actor_json(
    request: Request, actor_id: ACTOR_ID, params: Annotated[ActorParams, Query()]
) -> Response:
    """An actor: fact counts, a page of its facts, money over time, partners."""
    page = pages.actor_page(_dash(request), actor_id, params.query())
    if page is None:
        raise _missing("actor")
    return as_json(page)


@router.get(
    "/actors/{actor_id:path}",
    response_class=HTMLResponse,
    responses={200: HTML, **NOT_FOUND},
    tags=["actors"],
)
def actor_page(
    request: Request, actor_id: ACTOR_ID, params: Annotated[ActorParams, Query()]
) -> Response:
    """The actor page with its timeline chart."""
    page = pages.actor_page(_dash(request), actor_id, params.query())
    if page is None:
        raise _missing("actor")
    chart = charts.timeline_chart(page.timeline, params.cur)
    return render(request, "actor.html", page, figure=chart, params=params)


@router.get("/alliances.json", response_model=AllianceGraph, tags=["alliances"])
def alliances_json(request: Request) -> Response:
    """Partnership facts as a graph of actors."""
    return as_json(pages.alliances(_dash(request)))


@router.get("/alliances", response_class=HTMLResponse, responses={200: HTML}, tags=["alliances"])
def alliances_page(request: Request) -> Response:
    """The alliance network."""
    graph = pages.alliances(_dash(request))
    names = {n.actor.id: n.actor for n in graph.nodes}
    return render(
        request, "alliances.html", graph, figure=charts.alliance_chart(graph), names=names
    )


@router.get("/documents.json", response_model=DocumentsPage, tags=["documents"])
def documents_json(request: Request, params: Annotated[DocumentParams, Query()]) -> Response:
    """A page of stored documents, newest first."""
    return as_json(_dash(request).documents(params.query()))


@router.get("/documents", response_class=HTMLResponse, responses={200: HTML}, tags=["documents"])
def documents_page(request: Request, params: Annotated[DocumentParams, Query()]) -> Response:
    """The documents list."""
    page = _dash(request).documents(params.query())
    return render(request, "documents.html", page, params=params)


@router.get(
    "/documents/{doc_id}.json", response_model=DocumentPage, tags=["documents"], responses=NOT_FOUND
)
def document_json(
    request: Request, doc_id: DOC_ID, params: Annotated[ReaderParams, Query()]
) -> Response:
    """A document's text with its facts' evidence (or its removed blocks) marked."""
    page = pages.document_page(_dash(request), doc_id, params.removed)
    if page is None:
        raise _missing("document")
    return as_json(page)


@router.get(
    "/documents/{doc_id}",
    response_class=HTMLResponse,
    responses={200: HTML, **NOT_FOUND},
    tags=["documents"],
)
def document_page(
    request: Request, doc_id: DOC_ID, params: Annotated[ReaderParams, Query()]
) -> Response:
    """The document reader."""
    page = pages.document_page(_dash(request), doc_id, params.removed)
    if page is None:
        raise _missing("document")
    return render(request, "document.html", page)


@router.get("/briefing.json", response_model=BriefingPage, tags=["briefing"])
def briefing_json(request: Request, params: Annotated[BriefingParams, Query()]) -> Response:
    """The ledger's checked briefing and the fact behind each reference."""
    return as_json(pages.briefing(_dash(request), params.lang))


@router.get("/briefing", response_class=HTMLResponse, responses={200: HTML}, tags=["briefing"])
def briefing_page(request: Request, params: Annotated[BriefingParams, Query()]) -> Response:
    """The briefing, every reference mark linked to its source and evidence."""
    return render(request, "briefing.html", pages.briefing(_dash(request), params.lang))


ENTRY_ID = Annotated[str, Path(pattern=r"^[0-9a-f]{6,32}$", description="Ledger entry id.")]


@router.get(
    "/entries/{entry_id}.json", response_model=EntryPage, tags=["ledger"], responses=NOT_FOUND
)
def entry_json(request: Request, entry_id: ENTRY_ID) -> Response:
    """A ledger entry: value, sources and claims, conflicts with their explanation, revisions."""
    page = pages.entry_page(_dash(request), entry_id)
    if page is None:
        raise _missing("ledger entry")
    return as_json(page)


@router.get(
    "/entries/{entry_id}",
    response_class=HTMLResponse,
    responses={200: HTML, **NOT_FOUND},
    tags=["ledger"],
)
def entry_page(request: Request, entry_id: ENTRY_ID) -> Response:
    """The ledger entry page."""
    page = pages.entry_page(_dash(request), entry_id)
    if page is None:
        raise _missing("ledger entry")
    return render(request, "entry.html", page)


@router.get("/entries.json", response_model=EntriesPage, tags=["ledger"])
def entries_json(request: Request, params: Annotated[EntryParams, Query()]) -> Response:
    """A page of ledger entries (facts merged across articles) matching the filters."""
    return as_json(_dash(request).entries(params.query()))


@router.get("/entries", response_class=HTMLResponse, responses={200: HTML}, tags=["ledger"])
def entries_page(request: Request, params: Annotated[EntryParams, Query()]) -> Response:
    """The ledger entries list: values, sources, claims and conflicts."""
    return render(request, "entries.html", _dash(request).entries(params.query()), params=params)


@router.get("/conflicts.json", response_model=ConflictsPage, tags=["ledger"])
def conflicts_json(request: Request, params: Annotated[ConflictParams, Query()]) -> Response:
    """The ledger's conflicts between sources: both claims, the explanation, the entries."""
    return as_json(_dash(request).conflicts(params.kind, params.limit, params.offset))


@router.get("/conflicts", response_class=HTMLResponse, responses={200: HTML}, tags=["ledger"])
def conflicts_page(request: Request, params: Annotated[ConflictParams, Query()]) -> Response:
    """The conflicts page, each conflict with both pieces of evidence."""
    page = _dash(request).conflicts(params.kind, params.limit, params.offset)
    return render(request, "conflicts.html", page, params=params)
