"""Bounded in-process caches.

The rule: every cache the library keeps in a process has a size bound, so a
long-running service or a batch over many briefings stays flat in memory. A pure
function is cached with ``functools.lru_cache(maxsize=N)`` (never ``functools.cache``
or ``maxsize=None``; ``tests/test_caches.py`` enforces it); a store filled by hand
uses :class:`BoundedCache`, least recently used out first, with a hook that
releases what an entry holds elsewhere (a font registered with reportlab).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """A thread-safe mapping of at most ``maxsize`` entries, least recently used out first.

    ``on_evict(key, value)`` runs for each entry pushed out (under the cache's lock);
    ``keep(key)`` may spare an entry that is still in use: it stays, and the next
    least recently used one goes instead (the cache may then exceed its size until
    the entries in use are released).
    """

    def __init__(self, maxsize: int, *, on_evict: Callable[[K, V], None] | None = None,
                 keep: Callable[[K], bool] | None = None) -> None:
        if maxsize < 1:
            raise ValueError("a bounded cache holds at least one entry")
        self.maxsize = maxsize
        self._data: OrderedDict[K, V] = OrderedDict()
        self._on_evict = on_evict
        self._keep = keep
        self.lock = threading.RLock()

    def get(self, key: K) -> V | None:
        with self.lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self.lock:
            self._data[key] = value
            self._data.move_to_end(key)
            self.trim()

    def trim(self) -> None:
        """Push out least recently used entries beyond the bound (sparing kept ones)."""
        with self.lock:
            for key in list(self._data):
                if len(self._data) <= self.maxsize:
                    break
                if self._keep is not None and self._keep(key):
                    continue
                value = self._data.pop(key)
                if self._on_evict is not None:
                    self._on_evict(key, value)

    def __contains__(self, key: object) -> bool:
        with self.lock:
            return key in self._data

    def __len__(self) -> int:
        with self.lock:
            return len(self._data)

    def clear(self) -> None:
        with self.lock:
            for key in list(self._data):
                value = self._data.pop(key)
                if self._on_evict is not None:
                    self._on_evict(key, value)


def remember(store: dict[K, V], key: K, value: V, maxsize: int) -> V:
    """Put ``value`` in ``store``, a plain dict used as a memo on a hot path, emptying it
    first when it already holds ``maxsize`` entries: as fast as a dict, and bounded."""
    if len(store) >= maxsize:
        store.clear()
    store[key] = value
    return value
