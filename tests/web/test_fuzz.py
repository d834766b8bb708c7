"""API fuzz: schemathesis generates requests for every operation in /openapi.json and sends
them to the running server; no answer may be a 5xx, and every answer must match its documented
status, content type and schema. The write route is fuzzed again on a server started with
`--token`, with the bearer header (so generated articles are stored), and sent hostile bodies."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from ailedger.web.api import MAX_BODY
from tests.web import hostile
from tests.web.conftest import Server, get_json, serving

EXAMPLES = 25
WRITES = 40
PLAIN = "text/plain"


def _fuzz(operation: Any) -> int:
    """Run the operation's generated cases; return how many were sent."""
    sent = 0

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        nonlocal sent
        sent += 1
        case.call_and_validate()

    run()
    return sent


def test_no_operation_answers_5xx_or_off_schema(server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    failures: list[str] = []
    labels: list[str] = []
    sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        try:
            sent += _fuzz(operation)
        except Exception as exc:  # one operation's failure must not hide the others'
            failures.append(f"{operation.label}: {str(exc)[:2000]}")
    assert len(labels) >= 15, labels
    assert sent >= 5 * len(labels), sent
    assert not failures, "\n\n".join(failures)


@pytest.fixture(scope="module")
def writable(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`ailedger serve --token T` on a copy of the sample store (the fuzz writes to it)."""
    root = tmp_path_factory.mktemp("writable")
    db = str(root / "web.db")
    with closing(sqlite3.connect(web_db)) as source, closing(sqlite3.connect(db)) as copy:
        source.backup(copy)
    with serving(db, root / "serve.log", secrets.token_urlsafe(16)) as running:
        yield running


def _documents(server: Server) -> int:
    return int(get_json(server, "/index.json")["totals"]["documents"])


def test_the_write_route_with_a_valid_token(writable: Server) -> None:
    """Generated bodies with the bearer token: no 5xx, every answer as documented, and every
    article the server says it stored is in the store once (URLs point at this server: the
    tests have no other network)."""
    schema = schemathesis.openapi.from_url(f"{writable.url}/openapi.json")
    operation = schema["/api/ingest"]["POST"]
    auth = {"Authorization": f"Bearer {writable.token}"}
    before, stored, statuses = _documents(writable), 0, Counter[int]()
    with writable.client() as client:  # the first write loads the analyser: not in the fuzz
        first = client.post(
            "/api/ingest", json={"text": "KT는 올해 1조원을 투자한다."}, headers=auth
        )
    assert first.status_code == 200 and first.json()["stored"] == 1, first.text
    stored += 1

    @given(case=operation.as_strategy())
    @settings(
        max_examples=WRITES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        nonlocal stored
        if isinstance(case.body, dict) and isinstance(case.body.get("url"), str):
            case.body["url"] = f"{writable.url}/documents?from=" + quote(case.body["url"][:200])
        response = case.call_and_validate(headers=auth, timeout=60)
        statuses[response.status_code] += 1
        if response.status_code == 200:
            stored += int(response.json()["stored"])

    run()
    assert statuses[200] >= 5 and not any(s >= 500 for s in statuses), statuses
    assert _documents(writable) == before + stored


HOSTILE_BODIES: list[tuple[str, bytes | str, dict[str, str]]] = [
    ("not JSON", b"{", {}),
    ("a JSON array", b"[]", {}),
    ("nothing to ingest", b'{"title": "t"}', {}),
    ("an unknown key", b'{"text": "x", "admin": true}', {}),
    ("a wrong type", b'{"text": 1, "published": "yesterday"}', {}),
    ("a javascript: URL", b'{"url": "javascript:alert(1)"}', {}),
    ("a lone surrogate", b'{"text": "\\ud800 800\\uc5b5\\ub2ec\\ub7ec"}', {}),
    ("a NUL character", json.dumps({"text": "a\0b 엔비디아", "title": "\0"}), {}),
    ("deep nesting", b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", {}),
    ("invalid UTF-8", b'{"text": "\xff\xfe\xc3("}', {}),
    ("a refused URL", b'{"url": "http://127.0.0.1:9/x"}', {}),
    ("plain text type", json.dumps({"text": "KT는 1조원을 투자한다."}), {"content-type": PLAIN}),
    ("markup and SQL", json.dumps({"title": hostile.TITLE, "url": "https://x.example/a",
     "text": hostile.TEXT + "\n' OR 1=1; DROP TABLE facts; --"}), {}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "body", "headers"), HOSTILE_BODIES, ids=[b[0] for b in HOSTILE_BODIES]
)
def test_hostile_bodies_with_the_token_are_inert(
    writable: Server, label: str, body: bytes | str, headers: dict[str, str]
) -> None:
    auth = {"authorization": f"Bearer {writable.token}", "content-type": "application/json"}
    with writable.client() as client:
        response = client.post("/api/ingest", content=body, headers=auth | headers)
        facts = client.get("/facts.json", params={"limit": 1})
    assert response.status_code < 500, (label, response.text)
    if response.status_code != 200:
        assert response.headers["content-type"] == "application/problem+json", label
        assert (
            "Traceback" not in response.text and response.json()["status"] == response.status_code
        )
    else:
        assert set(response.json()) >= {"run", "stored", "facts", "issues"}
    assert facts.status_code == 200 and facts.json()["total"] > 0  # the facts table is still there


def test_write_route_limits_with_the_token(writable: Server) -> None:
    auth = {"authorization": f"Bearer {writable.token}", "content-type": "application/json"}
    big = json.dumps({"text": "가" * (MAX_BODY // 3 + 10)})
    with writable.client() as client:
        assert client.post("/api/ingest", content=big, headers=auth).status_code == 413
        chunked = client.post("/api/ingest", content=iter([b'{"text": "x"}']), headers=auth)
        assert chunked.status_code == 411
        for wrong in (writable.token.upper(), writable.token[:-1], "x", "Basic " + writable.token):
            spoof = {"authorization": f"Bearer {wrong}", "content-type": "application/json"}
            assert (
                client.post("/api/ingest", content=b'{"text": "x"}', headers=spoof).status_code
                == 403
            )
