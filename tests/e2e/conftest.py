"""A real server on a free loopback port over a real store filled from corpus/, and headless
Debian chromium driven by Playwright (never a downloaded browser)."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from extract.pipeline import extract
from ingest import read_document
from minutebook.settings import Settings, configure_runtime
from web.app import create_app

REPO = Path(__file__).resolve().parents[2]
CORPUS_FILES = [*sorted((REPO / "corpus").glob("00?_*.txt")),
                REPO / "corpus" / "trafford" / "trafford_decision_notice_H-63231.md",
                REPO / "corpus" / "limerick" / "limerick_minutes_special_2025-02-21.md"]
ARTIFACTS = REPO / "test-artifacts"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory):
    import search

    configure_runtime()
    opened = search.open_store(tmp_path_factory.mktemp("e2e-store"))
    for path in CORPUS_FILES:
        document = read_document(path)
        opened.add(document, extract(document))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def base_url(tmp_path_factory, e2e_store):
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("unused")), store=e2e_store)
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
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
