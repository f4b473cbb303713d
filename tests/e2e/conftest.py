"""A real server on a free loopback port over a real store filled from corpus/, once for each kind
of store (SQLite; PostgreSQL with pgvector on the session's server), and headless Debian chromium
driven by Playwright (never a downloaded browser): every browser test runs on both stores."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from minutebook.settings import Settings
from web.app import create_app

REPO = Path(__file__).resolve().parents[2]
CORPUS_FILES = [*sorted((REPO / "corpus").glob("00?_*.txt")),
                REPO / "corpus" / "trafford" / "trafford_decision_notice_H-63231.md",
                REPO / "corpus" / "limerick" / "limerick_minutes_special_2025-02-21.md"]
ARTIFACTS = REPO / "test-artifacts"
STORE_KINDS = ["sqlite", "postgresql"]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def sqlite_e2e_store(new_store, read_paper):
    """The papers added one by one, as `minutebook ingest` adds them."""
    opened = new_store("sqlite", "e2e").open()
    for path in CORPUS_FILES:
        opened.add(*read_paper(path))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgresql_e2e_store(new_store, sqlite_e2e_store):
    """The same papers copied from the SQLite store as `minutebook migrate` copies them (the
    store's own insert, embeddings carried over rather than computed again)."""
    from search.transfer import copy_store

    opened = new_store("postgresql", "e2e").open()
    report = copy_store(sqlite_e2e_store, opened)
    assert not report.mismatched, report.line()
    yield opened
    opened.close()


@pytest.fixture(scope="session", params=STORE_KINDS)
def store_kind(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def base_url(tmp_path_factory, store_kind, request):
    """The app served over the filled store of each kind in turn, a thread per request (so over a
    PostgreSQL store, requests run on connections of their own, as under `minutebook serve`)."""
    store = request.getfixturevalue(f"{store_kind}_e2e_store")
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("unused")), store=store)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/test installs it)")
    with playwright_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    yield opened
    context.close()


@pytest.fixture(scope="session")
def artifacts(store_kind) -> Path:
    """Screenshots for a human to look at: test-artifacts/sqlite/, test-artifacts/postgresql/."""
    folder = ARTIFACTS / store_kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder
