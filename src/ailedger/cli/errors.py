"""CLI: library errors -> one red line on stderr and exit code 1 (tracebacks only with --debug)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from ..errors import AiledgerError

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    err_console.print(f"[red]error:[/red] {' '.join(message.split())}", markup=True)
    return typer.Exit(code)


@contextmanager
def cli_errors(debug: bool) -> Iterator[None]:
    """Turn every error raised inside into one line and exit code 1."""
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except AiledgerError as exc:
        if debug:
            raise
        raise fail(str(exc)) from None
    except Exception as exc:
        if debug:
            raise
        raise fail(f"internal error: {exc!r} (run with --debug for the traceback)") from None
