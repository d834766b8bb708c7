"""README: the two commands come first and every CLI command is documented."""

from __future__ import annotations

import re

from ailedger.cli.app import app
from tests.conftest import ROOT


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in command_names() if f"ailedger {name}" not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_code = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert first_code is not None
    assert "make demo" in first_code.group(1) and "make test" in first_code.group(1)


def test_makefile_help_lists_every_target() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "demo", "test", "lint", "bench"):
        assert re.search(rf"^{target}:.*## ", makefile, re.M), target
