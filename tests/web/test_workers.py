"""`minutebook serve --workers 3` (gunicorn) over one store: the app holds no state of its own, so
every worker process gives the same answer to the same request, and the same answer as the app in
this process. Run once over the SQLite store and once over the PostgreSQL store."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from web.serving import WORKER_HEADER

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RCC_NAME = "002_96ff2cac8c4be096.txt"
WORKERS = 3
ROUNDS = 8  # each request sent this many times: bounded, however the workers share them
START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes, str | None, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read(), response.headers.get("ETag"), \
                response.headers.get(WORKER_HEADER)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), None, error.headers.get(WORKER_HEADER)


def _wait_until_up(server: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited with {server.returncode}: {server.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the server did not answer at {url} within {START_TIMEOUT_S}s")


def _wait_for_workers(url: str, n: int) -> None:
    """Until `n` distinct workers have answered `url`: a worker takes requests only once it has
    loaded the model, and on a busy machine the first may be serving long before the last."""
    seen: set[str | None] = set()
    deadline = time.monotonic() + START_TIMEOUT_S
    with ThreadPoolExecutor(max_workers=2 * n) as pool:
        while time.monotonic() < deadline:
            seen.update(worker for *_, worker in pool.map(lambda _: _get(url), range(2 * n)))
            if len(seen - {None}) >= n:
                return
            time.sleep(0.2)
    pytest.fail(f"only workers {seen} answered within {START_TIMEOUT_S}s")


def _store_args(store) -> list[str]:
    url = getattr(store, "url", None)
    return ["--store", url] if url else ["--data", str(store.data_dir)]


@pytest.fixture
def served(store):
    """The base URL of `minutebook serve --workers 3` over the test store, stopped afterwards."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "minutebook.cli", "serve", *_store_args(store), "--workers",
         str(WORKERS), "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base + "/api/v1/documents?limit=1")
        _wait_for_workers(base + "/api/v1/documents?limit=1", WORKERS)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # gunicorn stops its workers gracefully
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        server.stdout.close()


def _paths(doc_ids) -> list[str]:
    rcc = doc_ids[RCC_NAME]

    def search(params: dict) -> str:
        return "/api/v1/search?" + urllib.parse.urlencode(params)

    return [
        search({"q": "Portsmouth contribution to the RCC"}),
        search({"q": "budget monitoring", "mode": "keyword", "limit": 5}),
        search({"q": "foster placements", "mode": "semantic", "authority": "Portsmouth City Council"}),
        "/api/v1/documents?limit=3",
        f"/api/v1/documents/{rcc}",
        "/api/v1/facts?type=money&limit=10",
        "/api/v1/decisions?limit=20",
        "/api/v1/money",
        "/api/v1/people?limit=10",
        "/api/v1/timeline?topic=RCC",
        "/api/v1/openapi.json",
        "/api/v1/search?q=x&limit=0",  # a 400 is an answer too
    ]


def test_every_worker_gives_the_same_answers(served, client, doc_ids):
    paths = _paths(doc_ids)
    expected = {}
    for path in paths:
        local = client.get(path)
        expected[path] = (local.status_code, local.data)
    answers: dict[str, set[tuple[int, bytes, str | None]]] = {p: set() for p in paths}
    workers: set[str] = set()
    with ThreadPoolExecutor(max_workers=2 * WORKERS) as pool:
        for _ in range(ROUNDS):
            for path, (status, body, etag, worker) in zip(
                    paths, pool.map(lambda p: _get(served + p), paths)):
                answers[path].add((status, body, etag))
                workers.add(worker)
    for path in paths:
        assert len(answers[path]) == 1, f"{path}: workers disagree"
        status, body, _ = next(iter(answers[path]))
        assert (status, body) == expected[path], f"{path}: the server and the app in-process differ"
    assert expected[paths[0]][0] == 200 and expected[paths[-1]][0] == 400
    assert None not in workers and len(workers) >= 2, f"answered by workers {workers}"
