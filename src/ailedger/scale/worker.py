"""Scale worker: the entry point of one local pool worker, `python -m ailedger.scale.worker FD`,
serving tasks on the socket inherited as file descriptor FD."""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from .pool import serve

if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))
