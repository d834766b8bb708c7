"""Quantities corpus helpers: load forms, check one parse that spans the whole form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ailedger.quantities import Quantity, parse_quantities

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SECTIONS = ("dev", "held_out", "bugs_caught")


def load(relpath: str) -> dict[str, Any]:
    data = yaml.safe_load((CORPUS / relpath).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load_list(relpath: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CORPUS / relpath).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def mismatch(q: Quantity, form: dict[str, Any]) -> list[str]:
    """The fields of `q` that disagree with the corpus entry `form`."""
    bad = []
    for field in ("value", "min", "max", "krw_stated"):
        want = Decimal(form[field]) if form.get(field) is not None else None
        if getattr(q, field) != want:
            bad.append(f"{field}={getattr(q, field)} want {want}")
    if q.dim != form["dim"]:
        bad.append(f"dim={q.dim}")
    if q.currency != form.get("currency"):
        bad.append(f"currency={q.currency}")
    if q.bound != form.get("bound"):
        bad.append(f"bound={q.bound}")
    if "unit" in form and q.unit != str(form["unit"]):
        bad.append(f"unit={q.unit}")
    if "approx" in form and q.approx != form["approx"]:
        bad.append(f"approx={q.approx}")
    return bad


def check_form(form: dict[str, Any], lang: str) -> None:
    """Exactly one quantity, spanning the whole form, with the expected fields."""
    found = parse_quantities(form["text"], lang)
    assert len(found) == 1, f"{form['text']!r}: {found}"
    q = found[0]
    assert (q.start, q.end) == (0, len(form["text"])), f"{form['text']!r}: span {q.text!r}"
    assert not mismatch(q, form), f"{form['text']!r}: {mismatch(q, form)}"
