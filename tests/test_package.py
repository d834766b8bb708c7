"""Package: `__all__` is complete and the data files load and compile."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

import ailedger
from ailedger import datafiles
from ailedger.clean.rules import load_rules
from ailedger.errors import DataFileError


def test_all_is_complete_and_resolvable() -> None:
    public = {
        name
        for name, value in vars(ailedger).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public - {"annotations"} <= set(ailedger.__all__)
    assert all(hasattr(ailedger, name) for name in ailedger.__all__)


def test_every_language_has_the_same_data_files() -> None:
    langs = datafiles.languages()
    assert {"ko", "en"} <= set(langs)
    root = Path(ailedger.__file__).parent / "data"
    names = [sorted(p.name for p in (root / lang).iterdir()) for lang in langs]
    assert all(n == names[0] for n in names)


def test_rules_compile_and_have_names() -> None:
    rules = load_rules()
    assert rules.drop and rules.cut and rules.nav_lines
    assert all(r.name and r.regex.pattern for r in (*rules.drop, *rules.cut))


def test_overlay_extends_shipped_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "boilerplate.yaml").write_text("extend: [nav_lines]\nnav_lines: [새 메뉴]\n")
    monkeypatch.setenv(datafiles.OVERLAY_ENV, str(tmp_path))
    datafiles.load.cache_clear()
    try:
        data = datafiles.load("ko/boilerplate.yaml")
        assert "새 메뉴" in data["nav_lines"] and "공유하기" in data["nav_lines"]
    finally:
        datafiles.load.cache_clear()


def test_missing_data_file_is_a_one_line_error() -> None:
    with pytest.raises(DataFileError, match="no such data file"):
        datafiles.load("xx/none.yaml")
