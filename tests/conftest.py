"""Fixtures every area shares: one throwaway PostgreSQL with pgvector for the whole session, so
every area starts one server between them, not one each; new, empty stores of either kind, with
the CLI arguments that name them; and each corpus paper read and extracted once per session,
however many stores it goes into."""
from __future__ import annotations

import itertools
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory):
    """The user's cache folder (where a server store keeps the exported embedding model) is the
    session's own, so tests write nothing into the home folder of whoever runs them."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield Path(os.environ["XDG_CACHE_HOME"])
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL with pgvector (pgserver), started on first use and stopped at the end.

    Where it cannot start, the PostgreSQL half of the suite is skipped, saying why; on CI (where
    `CI` is set, as every CI service sets it) that is a failure instead, so a green run there means
    both stores ran."""
    from search.pg_local import start_server, stop_server

    try:
        # Outside pytest's temporary tree, whose root pytest keeps private to this user while the
        # server runs as its own user; one folder per test process, removed when it stops.
        server = start_server(Path(tempfile.gettempdir()) / f"minutebook-pg-{os.getpid()}",
                              delete=True)
    except RuntimeError as exc:
        message = f"PostgreSQL store tests need pgserver to start PostgreSQL here: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield server
    stop_server(server)


@dataclass(frozen=True)
class StoreSpec:
    """Where a store of one kind lives: SQLite in `data_dir`, or the PostgreSQL database at `url`
    (`data_dir` then an empty folder the store must leave alone)."""

    kind: str  # "sqlite" | "postgresql"
    data_dir: Path
    url: str | None = None

    @property
    def cli_args(self) -> list[str]:
        """The CLI's options naming this store."""
        return ["--data", str(self.data_dir), *(["--store", self.url] if self.url else [])]

    @property
    def env(self) -> dict[str, str | None]:
        """The environment naming this store instead, as the CLI and server read it (None: unset)."""
        return {"MINUTEBOOK_DATA": str(self.data_dir), "MINUTEBOOK_STORE": self.url}

    def open(self):
        from search import open_store

        return open_store(self.data_dir, self.url)


_names = itertools.count()


@pytest.fixture(scope="session")
def new_store(tmp_path_factory, request):
    """`new_store(kind, name)`: a StoreSpec for a new, empty store of that kind; each call gets its
    own folder and, for PostgreSQL, its own database on the session's server."""

    def make(kind: str, name: str) -> StoreSpec:
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", name):
            raise ValueError(f"not a plain store name: {name!r}")
        data_dir = tmp_path_factory.mktemp(f"{name}-{kind}")
        if kind == "sqlite":
            return StoreSpec(kind, data_dir)
        if kind == "postgresql":
            from search.pg_local import create_database

            url = create_database(request.getfixturevalue("pg_server"), f"{name}_{next(_names)}")
            return StoreSpec(kind, data_dir, url)
        raise ValueError(f"unknown kind of store: {kind!r}")

    return make


@pytest.fixture(scope="session")
def read_paper():
    """`read_paper(path)`: (Document, Extraction) of a file, read and extracted once a session."""
    from minutebook.settings import configure_runtime

    configure_runtime()
    papers: dict[Path, tuple] = {}

    def read(path: Path) -> tuple:
        path = Path(path).resolve()
        if path not in papers:
            import extract
            from ingest import read_document

            document = read_document(path)
            papers[path] = (document, extract.extract(document))
        return papers[path]

    return read
