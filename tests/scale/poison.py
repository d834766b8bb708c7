"""Tasks that kill the worker process running them (imported by pool workers by name)."""

from __future__ import annotations

import os
import signal
from pathlib import Path


def shout_unless_poison(text: str) -> str:
    """The text in capitals; the worker dies (SIGKILL) on "poison"."""
    if text == "poison":
        os.kill(os.getpid(), signal.SIGKILL)
    return text.upper()


def die_the_first_time(marker: str) -> str:
    """Kills its worker the first time (leaving `marker`), succeeds the second."""
    path = Path(marker)
    if not path.exists():
        path.write_text("died once\n")
        os.kill(os.getpid(), signal.SIGKILL)
    return "survived"
