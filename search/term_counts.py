"""How many passages hold each word, kept for one state of a store.

Counting a common word reads its whole posting list ("council" is in a third of the passages), and
the counts only change when passages are added, so each store keeps them until its state (the
SQLite store's generation, the highest PostgreSQL chunk id) moves on. Safe to share between
threads; the counting itself runs outside the lock.
"""
from __future__ import annotations

import threading
from typing import Callable, Hashable, Iterable


class TermCounts:
    def __init__(self) -> None:
        self._state: Hashable = None
        self._total = 0
        self._known: dict[str, int] = {}
        self._lock = threading.Lock()

    def get(self, state: Hashable, keys: Iterable[str], count_all: Callable[[], int],
            count: Callable[[list[str]], dict[str, int]]) -> tuple[dict[str, int], int]:
        """({key: passages holding it}, passages in all) for the store in `state`. `count_all()`
        counts the passages, `count(keys)` the passages holding each of the keys not yet known
        (a key it leaves out is held by none)."""
        keys = list(dict.fromkeys(keys))
        with self._lock:
            if self._state != state:
                self._state, self._total, self._known = state, count_all(), {}
            total = self._total
            counts = {k: self._known[k] for k in keys if k in self._known}
        missing = sorted(set(keys) - counts.keys())
        if missing:
            found = count(missing)
            fresh = {k: int(found.get(k, 0)) for k in missing}
            counts.update(fresh)
            with self._lock:
                if self._state == state:
                    self._known.update(fresh)
        return counts, total

    def clear(self) -> None:
        """Forget every count: the passages' keyword vectors were made again."""
        with self._lock:
            self._state, self._total, self._known = None, 0, {}
