"""One database connection per thread, closed when its thread ends.

Both stores give each thread its own connection (neither sqlite3 nor psycopg connections may run
two statements at once). A connection kept in a thread-local alone would stay open after its
thread ended as long as anything else held it, and the store must hold them all to close them: a
thread-per-request server would then leave one connection open per request ever served. Here the
thread-local holds a small slot instead, and a finalizer on the slot closes the connection when
the thread's locals are dropped at its end; the store keeps only the connections still open.
"""
from __future__ import annotations

import threading
import weakref
from typing import Callable, Generic, TypeVar

C = TypeVar("C")


class _Slot:
    """What a thread's local holds: when it goes (the thread ended), its connection is closed."""

    __slots__ = ("connection", "__weakref__")

    def __init__(self, connection) -> None:
        self.connection = connection


class ThreadConnections(Generic[C]):
    def __init__(self, connect: Callable[[], C],
                 usable: Callable[[C], bool] = lambda connection: True) -> None:
        """`connect()` makes a new connection; `usable(c)` is False for one that must be replaced
        (closed by the server, say)."""
        self._connect = connect
        self._usable = usable
        self._local = threading.local()
        self._open: dict[int, C] = {}  # id -> connection, for close_all()
        self._lock = threading.RLock()  # a finalizer may run while this thread holds it

    def get(self) -> C:
        """This thread's connection, made on first use (or when the last one became unusable)."""
        slot = getattr(self._local, "slot", None)
        if slot is not None and self._usable(slot.connection):
            return slot.connection
        connection = self._connect()
        slot = _Slot(connection)
        with self._lock:
            self._open[id(connection)] = connection
        weakref.finalize(slot, _close, connection, self._open, self._lock)
        self._local.slot = slot  # the slot it replaces, if any, goes, closing its connection
        return connection

    def open_count(self) -> int:
        """How many connections are open: one per live thread that has used the store."""
        with self._lock:
            return len(self._open)

    def close_all(self) -> None:
        """Close every thread's connection; a thread that asks again gets a new one."""
        with self._lock:
            connections = list(self._open.values())
            self._open.clear()
        for connection in connections:
            connection.close()
        self._local = threading.local()


def _close(connection, open_connections: dict, lock: threading.RLock) -> None:
    # A finalizer: it must not hold the slot or the ThreadConnections (which would keep them alive).
    with lock:
        open_connections.pop(id(connection), None)
    connection.close()
