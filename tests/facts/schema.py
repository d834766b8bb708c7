"""Test helper: check one fact object against the shipped copy of fact.schema.json."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def validator() -> Draft202012Validator:
    """A validator for src/ailedger/data/fact.schema.json (checked against ../shared)."""
    text = resources.files("ailedger").joinpath("data", "fact.schema.json").read_text("utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_fact(obj: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `obj` is not a valid fact."""
    validator().validate(obj)
