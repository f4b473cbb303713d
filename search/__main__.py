"""Stage runner: `python -m search QUERY [--data DIR] [--mode hybrid|semantic|keyword] [-k N]`
prints the search response as JSON. The `minutebook search` command is the user-facing one."""
from __future__ import annotations

import argparse
import json
import sys

from minutebook.settings import configure_runtime, load_settings

from . import Filters, Mode, SearchQuery, open_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m search", description=__doc__)
    parser.add_argument("query")
    parser.add_argument("--data", help="store folder (default: MINUTEBOOK_DATA or ./.minutebook)")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.HYBRID.value)
    parser.add_argument("-k", "--limit", type=int, default=10)
    parser.add_argument("--authority")
    parser.add_argument("--doc-type")
    parser.add_argument("--since")
    parser.add_argument("--until")
    args = parser.parse_args(argv)
    configure_runtime()
    settings = load_settings(data_dir=args.data)
    store = open_store(settings.data_dir, settings.store)
    try:
        filters = Filters(authority=args.authority, doc_type=args.doc_type, since=args.since,
                          until=args.until)
        response = store.search(SearchQuery(args.query, Mode(args.mode), args.limit, filters))
    finally:
        store.close()
    json.dump(response.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
