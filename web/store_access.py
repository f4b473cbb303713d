"""How views reach the store: one per app, shared by every request thread, closed by its owner.

The SQLite store keeps a connection per thread and loads its model once, so one store serves the
whole app. A store handed to `create_app` belongs to the caller, who closes it. A store the app
opened itself (from settings) is closed by `close_store(app)` (the server calls it when it stops)
or, failing that, when the process exits.
"""
from __future__ import annotations

import atexit
import threading
import weakref

from flask import Flask, current_app

from search.store import Store

EXTENSION = "minutebook.store"


class StoreSlot:
    def __init__(self, store: Store, owned: bool) -> None:
        self.store: Store | None = store
        self.owned = owned
        self._lock = threading.Lock()

    def get(self) -> Store:
        if self.store is None:
            raise RuntimeError("the app's store has been closed")
        return self.store

    def close(self) -> None:
        with self._lock:
            if self.owned and self.store is not None:
                self.store.close()
                self.store = None


def install(app: Flask, store: Store, owned: bool) -> None:
    slot = StoreSlot(store, owned)
    app.extensions[EXTENSION] = slot
    if owned:
        ref = weakref.ref(slot)
        atexit.register(lambda: (s := ref()) is not None and s.close())


def get_store() -> Store:
    return current_app.extensions[EXTENSION].get()


def close_store(app: Flask) -> None:
    """Close the store the app opened itself; a store given to create_app is left open."""
    app.extensions[EXTENSION].close()
