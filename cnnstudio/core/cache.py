"""In-memory caches with a byte budget, a lock and least-recently-used eviction.

The engine keeps decoded splits, demo images and loaded backbones in memory so that the next epoch,
run or prediction does not pay for them again. Each such cache is a `ByteBudgetCache`: it never
holds more than its budget (an entry larger than the whole budget is simply not kept), it is safe
to use from several jobs at once, and its budget can be changed at run time (a setting in the
window, an option or environment variable in the CLI). `configure` sets the budgets of the named
caches that the engine registers at import.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["ByteBudgetCache", "configure", "budgets", "cache_budget_from_env"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_NAMED: dict[str, ByteBudgetCache] = {}
_NAMED_LOCK = threading.Lock()


class ByteBudgetCache(Generic[K, V]):
    """A mapping from keys to values whose total size (``sizeof(value)`` bytes) stays within a budget."""

    def __init__(self, name: str, budget_bytes: int, sizeof: Callable[[V], int]) -> None:
        self.name = name
        self._budget = max(0, int(budget_bytes))
        self._sizeof = sizeof
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        with _NAMED_LOCK:
            _NAMED[name] = self

    @property
    def budget(self) -> int:
        return self._budget

    @property
    def nbytes(self) -> int:
        """Bytes held now (always ≤ `budget`)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._entries

    def get(self, key: K) -> V | None:
        """The value for `key` (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: K, value: V) -> bool:
        """Keep `value`, evicting the least recently used entries; False if it alone exceeds the budget."""
        size = max(0, int(self._sizeof(value)))
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self._budget:
                return False
            self._entries[key] = (value, size)
            self._bytes += size
            self._evict()
            return True

    def discard(self, key: K) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def set_budget(self, budget_bytes: int) -> None:
        """Change the budget; entries are evicted at once if the cache is now over it."""
        with self._lock:
            self._budget = max(0, int(budget_bytes))
            self._evict()

    def _evict(self) -> None:
        while self._bytes > self._budget and self._entries:
            _key, (_value, size) = self._entries.popitem(last=False)
            self._bytes -= size


def configure(**budgets_mb: float) -> None:
    """Set cache budgets in MiB by cache name (``configure(splits=2048, backbones=600)``)."""
    with _NAMED_LOCK:
        unknown = budgets_mb.keys() - _NAMED.keys()
        if unknown:
            raise KeyError(f"no cache named {', '.join(sorted(unknown))}; known: {', '.join(sorted(_NAMED))}")
        caches = dict(_NAMED)
    for name, mb in budgets_mb.items():
        caches[name].set_budget(int(mb * 2**20))


def budgets() -> dict[str, int]:
    """The budget of every registered cache, in bytes."""
    with _NAMED_LOCK:
        return {name: cache.budget for name, cache in _NAMED.items()}


def cache_budget_from_env(name: str, default_mb: int) -> int:
    """A cache's budget in bytes: ``$CNNSTUDIO_<NAME>_CACHE_MB`` or the default."""
    variable = f"CNNSTUDIO_{name.upper()}_CACHE_MB"
    try:
        return int(float(os.environ.get(variable, default_mb)) * 2**20)
    except ValueError:
        return default_mb * 2**20
