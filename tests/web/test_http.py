"""The running server over HTTP: JSON twins, downloads, safety headers, limits, problem documents
and the write API."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ailedger import Store
from ailedger.cli.app import app
from ailedger.store import read_conflicts
from ailedger.web.app import PLOTLY_JS, PLOTLY_PATH
from tests.web import hostile
from tests.web.conftest import Server, get_json

PAGES = [
    "/",
    "/facts?type=money&sort=usd_desc",
    "/facts/{fact}",
    "/actors/nvidia",
    "/alliances",
    "/documents?lang=ko",
    "/documents/{doc}",
    "/documents/{doc}?removed=true",
    "/briefing?lang=en",
    "/entries?type=money&sort=usd_desc",
    "/conflicts",
]


@pytest.fixture(scope="module")
def hostile_ids(server: Server) -> dict[str, str]:
    docs = get_json(server, "/documents.json", q=hostile.MARKER)["items"]
    assert len(docs) == 1
    facts = get_json(server, "/facts.json", doc=docs[0]["id"])["items"]
    return {"doc": docs[0]["id"], "fact": facts[0]["key"]}


def _twin(path: str) -> str:
    base, _, query = path.partition("?")
    twin = "/index.json" if base == "/" else base + ".json"
    return twin + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_json_twin(server: Server, hostile_ids: dict[str, str], path: str) -> None:
    path = path.format(**hostile_ids)
    with server.client() as client:
        html = client.get(path)
        twin = client.get(_twin(path))
        negotiated = client.get(path, headers={"accept": "application/json"})
    assert html.status_code == twin.status_code == negotiated.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"] == negotiated.headers["content-type"] == "application/json"
    assert twin.json() == negotiated.json()
    assert "default-src 'none'" in html.headers["content-security-policy"]
    assert "script-src 'self';" in html.headers["content-security-policy"]
    assert html.headers["x-content-type-options"] == "nosniff"
    assert "<script>window" not in html.text  # every hostile payload arrives escaped


def test_ledger_entries_show_sources_conflicts_and_their_evidence(server: Server) -> None:
    with Store.open(server.db) as store:
        conflicts = read_conflicts(store)
    assert conflicts, "the sample corpus plants conflicts between sources"
    entry_id = conflicts[0].entry_a
    page = get_json(server, f"/entries/{entry_id}.json")
    assert page["entry"]["id"] == entry_id and len(page["entry"]["claims"]) >= 2
    assert {c["id"] for c in page["conflicts"]} >= {conflicts[0].id}
    for claim in page["entry"]["claims"]:
        key = page["facts"][f"{claim['doc']['id']}:{claim['seq']}"]
        fact = get_json(server, f"/facts/{key}.json")
        assert fact["item"]["span"] == claim["span"] and fact["entry"] is not None
    with server.client() as client:
        html = client.get(f"/entries/{entry_id}").text
    assert html.count('class="conflict"') == len(page["conflicts"])


def test_every_page_is_in_the_openapi_schema(server: Server) -> None:
    paths = set(get_json(server, "/openapi.json")["paths"])
    for path in PAGES:
        base = path.partition("?")[0].format(fact="{key}", doc="{doc_id}")
        base = base.replace("/actors/nvidia", "/actors/{actor_id}")
        assert base in paths and _twin(base) in paths, base
    assert {"/facts.csv", "/facts.jsonl", "/api/ingest"} <= paths


def test_overview_json_has_totals_league_and_latest(server: Server) -> None:
    usd = get_json(server, "/index.json", cur="USD", kind="all")
    krw = get_json(server, "/index.json", cur="KRW", kind="all")
    assert usd["totals"]["facts"] == sum(usd["totals"]["facts_by_type"].values()) > 400
    assert usd["open_conflicts"] >= 1  # the sample corpus plants conflicts between sources
    assert len(usd["league"]) == 20 and len(usd["recent"]) == 10
    lows = [float(r["low"]) for r in usd["league"]]
    assert lows == sorted(lows, reverse=True)
    # the same facts lead in either currency, each converted at its own article's date
    assert {r["actor"]["id"] for r in usd["league"][:3]} & {
        r["actor"]["id"] for r in krw["league"][:3]
    }
    assert float(krw["league"][0]["low"]) > 1000 * float(usd["league"][0]["low"])


@pytest.mark.parametrize("currency", ["USD", "KRW"])
def test_league_table_is_the_ledgers_as_the_cli_prints_it(server: Server, currency: str) -> None:
    args = ["--db", server.db, "top", "--json", "--kind", "all", "--currency", currency]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    cli = [json.loads(line) for line in result.stdout.splitlines()]
    web = get_json(server, "/index.json", cur=currency, kind="all")["league"]
    assert len(web) == len(cli) == 20
    for w, c in zip(web, cli, strict=True):
        assert (w["rank"], w["actor"]["id"], w["entries"]) == (
            c["rank"],
            c["key"],
            len(c["entries"]),
        )
        assert (Decimal(w["low"]), Decimal(w["high"])) == (Decimal(c["low"]), Decimal(c["high"]))
        assert w["top_entry"] == c["entries"][0]


def test_conflicts_show_both_claims_their_explanation_and_entries(server: Server) -> None:
    with Store.open(server.db) as store:
        stored = read_conflicts(store)
    page = get_json(server, "/conflicts.json")
    assert page["total"] == len(stored) == len(page["conflicts"]) == sum(page["by_kind"].values())
    assert [c["id"] for c in page["conflicts"]] == [c.id for c in stored]
    for conflict in page["conflicts"]:
        for side in ("a", "b"):
            claim = conflict[side]
            fact = get_json(
                server, f"/facts/{page['facts'][claim['doc']['id'] + ':' + str(claim['seq'])]}.json"
            )
            assert fact["item"]["span"] == claim["span"] and claim["span"] in claim["sentence"]
        assert {conflict["entry_a"], conflict["entry_b"]} <= set(page["entries"])
    kind = stored[0].kind
    only = get_json(server, "/conflicts.json", kind=kind)
    assert {c["kind"] for c in only["conflicts"]} == {kind} and only["total"] == page["by_kind"][
        kind
    ]
    with server.client() as client:
        html = client.get("/conflicts").text
        assert client.get("/conflicts.json", params={"kind": "nonsense"}).status_code == 422
    assert html.count('class="conflict"') == len(stored)
    assert all(f"/entries/{c.entry_a}" in html and f"/entries/{c.entry_b}" in html for c in stored)


def test_facts_filters_sort_and_pages(server: Server) -> None:
    money = get_json(server, "/facts.json", type="money", actor="엔비디아", limit=5)
    assert money["total"] > 5 and len(money["items"]) == 5
    assert {(i["type"], i["actor"]["id"]) for i in money["items"]} == {("money", "nvidia")}
    second = get_json(server, "/facts.json", type="money", actor="nvidia", limit=5, offset=5)
    assert {i["key"] for i in second["items"]}.isdisjoint(i["key"] for i in money["items"])
    largest = get_json(server, "/facts.json", type="money", sort="usd_desc", limit=50)["items"]
    usd = [float(i["usd"]) for i in largest if i["usd"] is not None]
    assert usd == sorted(usd, reverse=True)
    krw = get_json(server, "/facts.json", currency="krw", limit=200)
    assert krw["total"] > 0 and {i["currency"] for i in krw["items"]} == {"KRW"}
    found = get_json(server, "/facts.json", q="데이터센터", limit=200)
    assert found["total"] > 0


def test_sql_looking_filters_are_plain_text(server: Server) -> None:
    everything = get_json(server, "/facts.json", limit=1)["total"]
    for attack in ("' OR 1=1 --", "nvidia' OR '1'='1", '" OR ""="', "%", "_"):
        assert get_json(server, "/facts.json", actor=attack)["total"] == 0
        assert get_json(server, "/facts.json", q=attack)["total"] < everything
    # the article that contains this text is found by it, literally
    assert get_json(server, "/facts.json", q="onerror=\"window.__pwned='attr'")["total"] == 1
    assert get_json(server, "/facts.json", limit=1)["total"] == everything


def test_csv_and_jsonl_downloads_follow_the_filter(server: Server) -> None:
    with server.client() as client:
        csv_text = client.get("/facts.csv", params={"type": "compute"}).text
        lines = client.get("/facts.jsonl", params={"type": "compute"}).text.splitlines()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    total = get_json(server, "/facts.json", type="compute")["total"]
    assert len(rows) == len(lines) == total
    assert {r["type"] for r in rows} == {json.loads(line)["type"] for line in lines} == {"compute"}
    assert all(r["key"].startswith(r["doc"] + "-") for r in rows)


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(
    server: Server, hostile_ids: dict[str, str]
) -> None:
    with server.client() as client:
        text = client.get("/facts.csv", params={"doc": hostile_ids["doc"]}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    sentences = [r["span"] for r in rows] + [r["actor"] for r in rows]
    assert rows and not any(cell.startswith(("=", "+", "@")) for cell in sentences)


def test_plotly_js_comes_from_the_installed_package(server: Server) -> None:
    with server.client() as client:
        page = client.get("/").text
        js = client.get(PLOTLY_PATH)
    assert f'src="{PLOTLY_PATH}"' in page and "cdn" not in page.lower()
    assert js.status_code == 200 and js.content == Path(PLOTLY_JS).read_bytes()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/facts/0123456789abcdef-999", 404),
        ("/facts/not-a-key", 422),
        ("/actors/no-such-actor", 404),
        ("/documents/0123456789abcdef", 404),
        ("/documents/../../etc/passwd", 404),
        ("/facts?limit=100000", 422),
        ("/facts.json?year=abc", 422),
        ("/facts.json?q=" + "x" * 201, 422),
        ("/facts.json?offset=-1", 422),
        ("/facts.json?type=<script>", 422),
        ("/?" + "a" * 5000, 414),
    ],
)
def test_errors_are_problem_documents(server: Server, path: str, status: int) -> None:
    with server.client() as client:
        response = client.get(path, headers={"accept": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert "Traceback" not in response.text and "sqlalchemy" not in response.text.lower()


def test_ingest_needs_the_token(server: Server) -> None:
    body = {"text": "엔비디아는 올해 100억달러를 투자한다."}
    with server.client() as client:
        anonymous = client.post("/api/ingest", json=body)
        wrong = client.post("/api/ingest", json=body, headers={"authorization": "Bearer nope"})
        malformed = client.post(
            "/api/ingest",
            content=b"{not json",
            headers={"content-type": "application/json", "authorization": "Bearer nope"},
        )
    assert anonymous.status_code == wrong.status_code == malformed.status_code == 403
    assert anonymous.headers["content-type"] == "application/problem+json"


def test_ingest_with_the_token_stores_the_article(server: Server) -> None:
    before = get_json(server, "/index.json")["totals"]
    body = {
        "title": "<b>SK하이닉스</b> 투자 <script>window.__pwned='api'</script>",
        "published": "2025-06-02",
        "text": "SK하이닉스는 올해 청주 공장에 20조원을 투자한다고 2일 밝혔다.\n"
        "회사는 HBM 생산 능력을 두 배로 늘릴 계획이다.\n",
    }
    auth = {"authorization": f"Bearer {server.token}"}
    with server.client() as client:
        stored = client.post("/api/ingest", json=body, headers=auth)
        again = client.post("/api/ingest", json=body, headers=auth)
        invalid = client.post("/api/ingest", json={"title": "no text"}, headers=auth)
        too_long = client.post("/api/ingest", json={"text": "x", "extra": 1}, headers=auth)
    assert stored.status_code == 200, stored.text
    assert stored.json()["stored"] == 1 and stored.json()["facts"] >= 1
    assert again.json()["stored"] == 0  # ingest is idempotent
    assert invalid.status_code == too_long.status_code == 422
    after = get_json(server, "/index.json")["totals"]
    assert after["documents"] == before["documents"] + 1
    found = get_json(server, "/documents.json", q="청주 공장")["items"]
    assert [d["title"] for d in found] == [body["title"]]
