"""What SQLite and PostgreSQL spell differently in the SQL both stores share.

Each store module holds its own Dialect (sqlite_store.SQLITE, pg_store.POSTGRES); the shared SQL
(search.filter_sql, search.document_reads) takes what differs from it and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


def _as_is(value):
    return value


@dataclass(frozen=True)
class Dialect:
    placeholder: str  # "?" (sqlite3) or "%s" (psycopg)
    equal_ignoring_case: str  # a template over {column} and {p}: the two equal, case aside
    # what `LIMIT {p}` is given for "no limit": SQLite takes -1 (not NULL), PostgreSQL NULL (not -1)
    no_limit: int | None
    # the SQL condition on facts aliased `f` that a decision is not marked procedural
    not_procedural: str
    text: Callable[[str], str] = _as_is  # a text parameter as the database must be given it
    read_json: Callable[[Any], Any] = _as_is  # a JSON column's value as Python data
    # appended to a text expression to order and compare it by bytes, as SQLite's BINARY does
    # (PostgreSQL's default collation orders by language rules)
    byte_order: str = ""
