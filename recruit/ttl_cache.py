"""A small in-process cache whose entries expire, for answers that may be a few seconds old."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable


class TTLCache:
    """Least-recently-used, at most `size` entries, each kept for `seconds` (0 turns the cache off)."""

    def __init__(self, size: int, seconds: float, timer: Callable[[], float] = time.monotonic):
        self.size, self.seconds, self.timer = size, seconds, timer
        self._entries: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], object]):
        """Return the cached value for `key`, computing (and keeping) it when missing or expired."""
        if self.seconds <= 0:
            return compute()
        now = self.timer()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry[1]
            self.misses += 1
        value = compute()
        with self._lock:
            self._entries[key] = (now + self.seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries.clear()
