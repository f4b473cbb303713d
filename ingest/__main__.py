"""`python -m ingest FILE...`: run the ingest stage alone and print each Document as JSON."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from . import IngestError, read_document
from .reader import DEFAULT_MAX_BYTES


def document_json(document) -> dict:
    data = asdict(document)
    data["format"] = document.format.value
    data["blocks"] = [{**asdict(b), "kind": b.kind.value} for b in document.blocks]
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    parser.add_argument("--no-text", action="store_true", help="leave out the joined text")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            document = read_document(path, max_bytes=args.max_bytes)
        except IngestError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        data = document_json(document)
        if args.no_text:
            data.pop("text")
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
