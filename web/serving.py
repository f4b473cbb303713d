"""Running the app under a production WSGI server: waitress threads in one process, or gunicorn with
several worker processes over one store.

The app keeps no state of its own between requests: everything it answers comes from the store, so
any number of workers (on one host or many) over the same database give the same answers. Each
worker opens its own store after the fork (database connections and model threads must not cross a
fork); the master only checks that the store opens, and runs its migrations, before forking.
"""
from __future__ import annotations

import os

from minutebook.settings import Settings
from search.model import Mode, SearchQuery

from .app import create_app
from .store_access import close_store, get_store

WORKER_HEADER = "X-Minutebook-Worker"  # the answering worker's process id, for checking balance
WORKER_TIMEOUT_S = 120  # a worker loading the model on a loaded machine is not a hung worker


def prepare_store(settings: Settings) -> None:
    """Open the store once and close it: migrations run here, once, and a bad setting fails with
    its own message before any worker starts.

    Nothing here may touch FAISS or torch: both run on GNU OpenMP, whose thread pool does not
    survive a fork, and a worker forked after the master used it hangs on its first query. Each
    worker loads (or, if the cache file is stale, rebuilds) the vector index itself.
    """
    import search

    search.open_store(settings.data_dir, settings.store, settings.model_cache_dir).close()
    _export_model(settings.model_cache_dir)


def _export_model(cache_dir) -> None:
    """Export the embedding model into the cache once, before the fork, so the workers load it
    instead of each exporting its own at once. In a spawned child: the master must not run torch
    (above). A failed export is only a cost: each worker then tries, and falls back to torch."""
    import multiprocessing

    from search.embeddings import DEFAULT_BACKEND, Backend, export_onnx, onnx_path

    if DEFAULT_BACKEND is Backend.TORCH or onnx_path(cache_dir, DEFAULT_BACKEND).exists():
        return
    child = multiprocessing.get_context("spawn").Process(
        target=export_onnx, args=(cache_dir, DEFAULT_BACKEND), name="export-embedding-model")
    child.start()
    child.join()


def serve_threads(app, settings: Settings, threads: int) -> None:
    """`app` from one process, `threads` request threads (waitress): the officer's own machine.
    Closes the store the app opened when the server stops."""
    from waitress import serve

    try:
        serve(app, host=settings.host, port=settings.port, threads=threads)
    finally:
        close_store(app)


def serve_workers(settings: Settings, workers: int, threads: int) -> None:
    """`workers` gunicorn processes with `threads` request threads each, on one listening socket."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{settings.host}:{settings.port}", "workers": workers,
                "worker_class": "gthread", "threads": threads, "timeout": WORKER_TIMEOUT_S,
                "graceful_timeout": 10, "accesslog": None, "errorlog": "-", "loglevel": "warning",
                "proc_name": "minutebook", "preload_app": False,
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return worker_app(settings, workers)

    Server().run()


def worker_app(settings: Settings, workers: int):
    """The app of one worker process: its own store, the model loaded before the first request,
    and the model's arithmetic kept to this worker's share of the cores."""
    _share_cores(workers)
    app = create_app(settings)

    @app.after_request
    def name_worker(response):
        response.headers[WORKER_HEADER] = str(os.getpid())
        return response

    with app.app_context():  # load the model and the vector index now, not on a user's request
        get_store().search(SearchQuery(text="warm up", mode=Mode.HYBRID, limit=1))
    return app


def _share_cores(workers: int) -> None:
    """Torch uses every core per process by default; N workers doing so fight over the cores and
    each query embedding slows several-fold. Give each worker its share (at least one)."""
    import torch

    torch.set_num_threads(max(1, (os.cpu_count() or 1) // workers))
