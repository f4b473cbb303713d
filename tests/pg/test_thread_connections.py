"""A store's connection of a thread is closed when the thread ends.

A thread-per-request server (werkzeug's threaded=True) serves each request on a new thread; a store
that kept every thread's connection open left one PostgreSQL connection per request ever served
(30 requests, 31 connections; the server's default max_connections is 100). The SQLite store
shares the mechanism (search.thread_connections) and leaked a file handle per thread the same way.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import psycopg
import pytest

REQUESTS = 40
SETTLE_S = 30  # a backend leaves pg_stat_activity a moment after its client hangs up

COUNT_CONNECTIONS = ("SELECT count(*) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND backend_type = 'client backend'")


def _requests_each_on_a_new_thread(store, requests: int) -> None:
    """What a thread-per-request server does: each request on its own, short-lived thread."""
    failures: list[BaseException] = []

    def request() -> None:
        try:
            store.list_documents(limit=5)
            store.stats()
        except BaseException as exc:  # noqa: BLE001 - reported below, in the test's thread
            failures.append(exc)

    for _ in range(requests):
        thread = threading.Thread(target=request)
        thread.start()
        thread.join()
    assert failures == []


def _server_connections(url: str, expected: int) -> int:
    """Client connections to the store's database, the counting one included: as soon as they are
    down to `expected`, else after SETTLE_S (a backend leaves a moment after its client)."""
    with psycopg.connect(url, autocommit=True) as conn:
        deadline = time.monotonic() + SETTLE_S
        while True:
            count = conn.execute(COUNT_CONNECTIONS).fetchone()[0]
            if count <= expected or time.monotonic() > deadline:
                return count
            time.sleep(0.05)


def test_ended_threads_leave_no_postgresql_connections(new_database):
    from search.pg_store import PgStore

    url = new_database()
    store = PgStore(url)  # connects in this thread, which stays
    try:
        _requests_each_on_a_new_thread(store, REQUESTS)
        # the store's connection for this thread, and the one counting
        assert _server_connections(url, 2) == 2
        assert store.stats()["documents"] == 0  # this thread's connection still serves
    finally:
        store.close()
    assert _server_connections(url, 1) == 1


def test_a_closed_store_closes_every_live_thread_connection(new_database):
    from search.pg_store import PgStore

    url = new_database()
    store = PgStore(url)
    used, release = threading.Event(), threading.Event()

    def long_request() -> None:
        store.stats()
        used.set()
        release.wait(60)

    worker = threading.Thread(target=long_request)
    worker.start()
    try:
        used.wait(60)
        store.close()  # while the worker thread still lives
        assert _server_connections(url, 1) == 1
    finally:
        release.set()
        worker.join()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_ended_threads_leave_no_sqlite_connections(tmp_path):
    from search.sqlite_store import DB_FILE, SqliteStore

    store = SqliteStore(tmp_path)

    def database_handles() -> int:
        database = os.path.realpath(tmp_path / DB_FILE)
        fds = Path("/proc/self/fd")
        return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == database)

    try:
        _requests_each_on_a_new_thread(store, REQUESTS)
        # this thread's connection, opened with the store, and at most one handle that SQLite
        # keeps from a closed connection while another holds a lock on the file (it reuses it for
        # the next connection rather than drop that lock): not one per thread that ever ran
        assert database_handles() <= 2
    finally:
        store.close()
    assert database_handles() == 0
