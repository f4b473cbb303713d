"""Run the extract stage alone: `python -m extract FILE` prints the contract JSON."""
from __future__ import annotations

import json
import sys

from minutebook.settings import configure_runtime


def main(argv: list[str]) -> int:
    configure_runtime()
    from ingest import IngestError, read_document

    from .pipeline import extract

    if len(argv) != 1:
        print("usage: python -m extract FILE", file=sys.stderr)
        return 2
    try:
        document = read_document(argv[0])
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(extract(document).to_dict(argv[0]), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
