"""The fact schema: the package copy equals ../shared/spec and accepts what it should."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import ValidationError

from tests.conftest import SHARED
from tests.facts.schema import validate_fact

SPEC = SHARED / "spec" / "fact.schema.json"


def _copy() -> str:
    return resources.files("ailedger").joinpath("data", "fact.schema.json").read_text("utf-8")


@pytest.mark.skipif(not SPEC.is_file(), reason="../shared is not beside the checkout")
def test_package_copy_equals_the_shared_spec() -> None:
    assert json.loads(_copy()) == json.loads(SPEC.read_text(encoding="utf-8"))


def _money() -> dict[str, object]:
    return {
        "doc": "d1",
        "type": "money",
        "actor": {"id": "amazon", "name": "Amazon", "parent": None},
        "amount": {"value": 5_000_000_000, "currency": "USD", "approx": False},
        "kind": "investment",
        "year": 2025,
        "evidence": {"span": "50억 달러", "start": 10, "end": 17},
    }


def test_a_money_fact_validates() -> None:
    validate_fact(_money())


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("amount", {"value": 1, "currency": "usd"}),
        ("type", "merger"),
        ("actor", {"name": "Amazon"}),
        ("date", "July 2023"),
        ("evidence", {"span": "x"}),
    ],
)
def test_schema_rejects(field: str, bad: object) -> None:
    with pytest.raises(ValidationError):
        validate_fact(_money() | {field: bad})
