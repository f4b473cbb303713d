"""Load /api/v1/search on loopback: start `minutebook serve` (gunicorn workers, or waitress threads
with --workers 1) over a store, send a bounded number of requests from 20 concurrent clients for at
most a bounded time, and print requests/s, p50 and p99.

    .venv/bin/python benchmarks/load_api.py                       # ingests corpus/ into a temp store
    .venv/bin/python benchmarks/load_api.py --data .minutebook --workers 3 --mode hybrid
    .venv/bin/python benchmarks/load_api.py --store postgresql://… --workers 3

Every query is different (a topic from the list and a number), so no answer is served from a
cache of repeated queries; the first `--warmup` requests (not counted) let every worker load its
model and index.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOPICS = ["Portsmouth contribution to the RCC", "budget monitoring", "regional care cooperative",
          "minutes of the previous meeting", "capital investment", "foster placements",
          "planning application decision", "highways maintenance", "council tax precept",
          "children's services"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(server: subprocess.Popen, url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def ingest_corpus(corpus: Path, data_dir: Path) -> None:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "minutebook.cli", "ingest", str(corpus), "--data",
                    str(data_dir)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"ingested {corpus} in {time.perf_counter() - began:.0f}s", file=sys.stderr)


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered))) - 1))]


def run_load(base: str, args: argparse.Namespace) -> dict:
    def url(i: int) -> str:
        return f"{base}/api/v1/search?" + urllib.parse.urlencode(
            {"q": f"{TOPICS[i % len(TOPICS)]} {i}", "mode": args.mode, "limit": 10})

    def one(i: int) -> tuple[float, bool] | None:
        if time.monotonic() > stop_at:
            return None
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url(i), timeout=60) as response:
                response.read()
                ok = response.status == 200
        except (OSError, urllib.error.HTTPError):
            ok = False
        return time.perf_counter() - started, ok

    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        stop_at = time.monotonic() + 300
        list(pool.map(one, range(-args.warmup, 0)))  # every worker loads its model and index
        stop_at = time.monotonic() + args.seconds
        began = time.perf_counter()
        outcomes = [o for o in pool.map(one, range(args.requests)) if o is not None]
        elapsed = time.perf_counter() - began
    latencies = sorted(t for t, ok in outcomes if ok)
    return {"requests": len(latencies), "errors": sum(1 for _, ok in outcomes if not ok),
            "seconds": round(elapsed, 2),
            "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0,
            "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0,
            "p99_ms": round(percentile(latencies, 0.99) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data", type=Path, help="SQLite store folder to serve")
    where.add_argument("--store", help="postgresql://… store to serve")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus",
                        help="papers to ingest into a temporary store when neither is given")
    parser.add_argument("--workers", type=int, default=3, help="server processes (1: waitress)")
    parser.add_argument("--threads", type=int, default=None, help="request threads per process")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="total requests (bounded)")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop sending after this long")
    parser.add_argument("--warmup", type=int, default=40, help="requests sent first, not counted")
    parser.add_argument("--mode", default="hybrid", choices=["keyword", "semantic", "hybrid"])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="minutebook-load-") as scratch:
        if args.store:
            store_args = ["--store", args.store]
        else:
            data = args.data
            if data is None:
                data = Path(scratch) / "store"
                ingest_corpus(args.corpus, data)
            store_args = ["--data", str(data)]
        port = free_port()
        command = [sys.executable, "-m", "minutebook.cli", "serve", *store_args, "--port", str(port),
                   "--workers", str(args.workers)]
        if args.threads:
            command += ["--threads", str(args.threads)]
        server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(server, base + "/api/v1/documents?limit=1", time.monotonic() + 180)
            figures = run_load(base, args)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(json.dumps({"endpoint": "/api/v1/search", "mode": args.mode, "clients": args.clients,
                      "workers": args.workers, "threads": args.threads or "default",
                      "server": "gunicorn" if args.workers > 1 else "waitress",
                      "store": "postgresql" if args.store else "sqlite", **figures}))


if __name__ == "__main__":
    main()
