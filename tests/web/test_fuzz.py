"""API fuzz: schemathesis generates requests for every operation in /openapi.json and sends
them to the running server; no answer may be a 5xx, and every answer must match its documented
status, content type and schema."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.conftest import Server

EXAMPLES = 25


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
