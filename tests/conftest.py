"""Shared test set-up: paths, and the fixture plugins (real servers on loopback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# A loaded 2-core CI machine must not turn a slow example into a failure: no per-example deadline.
settings.register_profile("ailedger", deadline=None, print_blob=True)
settings.load_profile("ailedger")

pytest_plugins = ["tests.fixtures.postgres", "tests.fixtures.http"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles, read from ../shared (never copied into the project)."""
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the tests need ../shared beside the checkout")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
