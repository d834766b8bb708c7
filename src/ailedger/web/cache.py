"""Web: values derived from the store (totals, league tables, timelines) -> kept until the
store's version changes, so a page view does not aggregate 100 000 facts again.

The version is read on every lookup (one cheap query), so a value is never stale: an ingest by
this server or by another process is seen by the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
SIZE = 512


class VersionCache:
    """A bounded LRU of derived values, emptied whenever `version()` returns something new."""

    def __init__(self, version: Callable[[], Hashable], size: int = SIZE) -> None:
        self._version = version
        self._size = size
        self._seen: Hashable = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under `key` for the store as it is now, computed when missing."""
        now = self._version()
        with self._lock:
            if now != self._seen:
                self._values.clear()
                self._seen = now
            if key in self._values:
                self._values.move_to_end(key)
                value: T = self._values[key]
                return value
        value = compute()
        with self._lock:
            if self._seen == now:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value
