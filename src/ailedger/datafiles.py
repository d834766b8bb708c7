"""Data files: locale words (YAML under ailedger/data) -> plain Python values, with user overlays.

A user extends the shipped data without touching Python: a directory named by the environment
variable AILEDGER_DATA holds files at the same relative paths; a key in the overlay replaces
the shipped key, and lists under a key named in `extend` are appended instead.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError

OVERLAY_ENV = "AILEDGER_DATA"
# libyaml's loader when PyYAML has it (its wheels do): the entity table parses ~10x faster
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        value = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{where}: not valid YAML: {exc}".replace("\n", " ")) from exc
    if not isinstance(value, dict):
        raise DataFileError(f"{where}: expected a mapping at the top level")
    return value


@cache
def load(relpath: str) -> dict[str, Any]:
    """Return the data file at `relpath` (e.g. "ko/boilerplate.yaml"), overlay applied.

    Raises:
        DataFileError: the file is missing or not a YAML mapping.
    """
    shipped = resources.files("ailedger").joinpath("data", *relpath.split("/"))
    if not shipped.is_file():
        raise DataFileError(f"data/{relpath}: no such data file")
    data = _read_yaml(shipped.read_text(encoding="utf-8"), f"data/{relpath}")
    overlay_dir = os.environ.get(OVERLAY_ENV)
    if overlay_dir:
        extra = Path(overlay_dir, relpath)
        if extra.is_file():
            data = _merge(data, _read_yaml(extra.read_text(encoding="utf-8"), str(extra)))
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    extend = set(extra.get("extend", ()))
    merged = dict(base)
    for key, value in extra.items():
        if key == "extend":
            continue
        if key in extend and isinstance(merged.get(key), list) and isinstance(value, list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


def languages() -> tuple[str, ...]:
    """Return the language codes that have a data folder."""
    root = resources.files("ailedger").joinpath("data")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and len(p.name) == 2))
