"""Extraction speed over a folder of real papers: seconds a page, pages a second.

    .venv/bin/python benchmarks/extract_bench.py ../shared/corpus-real

Reading (ingest) and extraction are timed apart; the models are loaded before timing starts, as
they are once per process in `minutebook ingest`. Prints one line per file, then the totals.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from minutebook.settings import configure_runtime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the totals")
    args = parser.parse_args()
    configure_runtime()
    from extract.pipeline import extract, load_nlp
    from ingest import IngestError, read_document
    from minutebook.pipeline import discover

    load_nlp()
    pages = read_s = extract_s = 0.0
    files = failed = 0
    slowest: tuple[float, str] = (0.0, "")
    for path in discover([args.folder]):
        t0 = time.perf_counter()
        try:
            document = read_document(path)
        except IngestError as exc:
            failed += 1
            print(f"failed: {exc}", file=sys.stderr)
            continue
        t1 = time.perf_counter()
        extraction = extract(document)
        t2 = time.perf_counter()
        files += 1
        pages += document.pages
        read_s += t1 - t0
        extract_s += t2 - t1
        per_page = (t2 - t0) / document.pages
        slowest = max(slowest, (per_page, str(path)))
        if not args.quiet:
            print(f"{per_page:6.3f} s/page {document.pages:4d} pages {len(extraction.facts):5d} facts  {path}")
    total = read_s + extract_s
    print(f"\nfiles {files}, failed {failed}, pages {int(pages)}")
    print(f"read {read_s:.1f} s, extract {extract_s:.1f} s, total {total:.1f} s")
    print(f"average {total / max(pages, 1):.3f} s/page ({pages / max(total, 1e-9):.2f} pages/s); "
          f"slowest {slowest[0]:.3f} s/page: {slowest[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
