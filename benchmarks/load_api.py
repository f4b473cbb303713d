"""Load /api/v1/search on loopback: start `minutebook serve` (waitress threads) over a store, then
20 concurrent clients for a bounded number of requests and seconds; print requests/s and p99.

    .venv/bin/python benchmarks/load_api.py --data .minutebook [--clients 20] [--requests 400]
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

QUERIES = ["Portsmouth contribution to the RCC", "budget monitoring", "regional care cooperative",
           "minutes of the previous meeting", "capital investment", "foster placements"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="store folder to serve")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="total requests (bounded)")
    parser.add_argument("--seconds", type=float, default=60.0, help="stop sending after this long")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--mode", default="keyword", choices=["keyword", "semantic", "hybrid"])
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "minutebook.cli", "serve", "--data", str(args.data),
                               "--port", str(port), "--threads", str(args.threads)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base + "/api/v1/documents?limit=1", time.monotonic() + 120)
        urls = [f"{base}/api/v1/search?" + urllib.parse.urlencode(
            {"q": QUERIES[i % len(QUERIES)], "mode": args.mode, "limit": 10})
            for i in range(args.requests)]
        urllib.request.urlopen(urls[0], timeout=60).read()  # warm the model and indexes
        stop_at = time.monotonic() + args.seconds
        errors = 0

        def one(url: str) -> float | None:
            nonlocal errors
            if time.monotonic() > stop_at:
                return None
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
            except OSError:
                errors += 1
                return None
            return time.perf_counter() - started

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            latencies = [t for t in pool.map(one, urls) if t is not None]
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * len(latencies))) - 1)] if latencies else 0
    print(json.dumps({"endpoint": "/api/v1/search", "mode": args.mode, "clients": args.clients,
                      "threads": args.threads, "requests": len(latencies), "errors": errors,
                      "seconds": round(elapsed, 2),
                      "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0,
                      "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else 0,
                      "p99_ms": round(p99 * 1000, 1)}))


if __name__ == "__main__":
    main()
