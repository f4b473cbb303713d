"""Stored rows to typed records, the same for both stores, and the columns those rows carry.

A row is anything read by column name with `keys()`: sqlite3.Row or psycopg's dict_row. What
differs between the databases (placeholders, how JSON and vectors travel) stays in the stores.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, Callable, Mapping

from .model import Chunk, Passage, StoredDocument

DOC_COLUMNS = ("id, source, format, pages, size_bytes, title, doc_type, authority, committee, "
               "meeting_date, decision_date, author, ingested_at")
# the chunk columns a Chunk needs, on chunks aliased `c`: not the embedding (1.5 KiB a row)
CHUNK_COLUMNS = ("c.id, c.document_id, c.ordinal, c.heading, c.context, c.text, c.page, "
                 "c.page_end, c.paragraph, c.paragraph_end, c.start_char, c.end_char")
# the document's date: the meeting's, else the decision's (documents aliased `d`)
DATE = "COALESCE(d.meeting_date, d.decision_date)"
# the same to sort on: undated documents come last, newest first
SORT_DATE = "COALESCE(d.meeting_date, d.decision_date, '')"
# what a Passage needs: its chunk and its document's fields, on chunks `c` joined to documents `d`
PASSAGE_COLUMNS = (f"{CHUNK_COLUMNS}, d.source, d.title, d.doc_type, d.authority, d.committee, "
                   f"{DATE} AS date")
# the columns of the blocks table under the names Store.blocks gives them
BLOCK_COLUMNS = ("text, kind, page, paragraph, start_char AS start, end_char AS \"end\", level, "
                 "table_header")
FACT_COLUMNS = ("document_id, ordinal, kind, data, page, paragraph, start_char, end_char, amount, "
                "value, name, role, outcome")

_DOCUMENT_FIELDS = tuple(f.name for f in fields(StoredDocument))


def prefixed(columns: str, alias: str) -> str:
    """A comma-separated column list with each column qualified by `alias`."""
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


def to_stored_document(row: Mapping[str, Any]) -> StoredDocument:
    """The document fields a row holds; other columns in it (a fact's, properties) are left."""
    keys = set(row.keys())
    return StoredDocument(**{name: row[name] for name in _DOCUMENT_FIELDS if name in keys})


def to_chunk(row: Mapping[str, Any]) -> Chunk:
    return Chunk(document_id=row["document_id"], ordinal=row["ordinal"], text=row["text"],
                 page=row["page"], page_end=row["page_end"], paragraph=row["paragraph"],
                 paragraph_end=row["paragraph_end"], start=row["start_char"], end=row["end_char"],
                 heading=row["heading"], context=row["context"])


def to_passage(row: Mapping[str, Any]) -> Passage:
    """A row of PASSAGE_COLUMNS as a Passage."""
    return Passage(chunk_id=row["id"], chunk=to_chunk(row), source=row["source"],
                   title=row["title"], doc_type=row["doc_type"], authority=row["authority"],
                   committee=row["committee"], date=row["date"])


def fact_values(document_id: str, ordinal: int, data: dict,
                encode: Callable[[dict], Any]) -> tuple:
    """The values of FACT_COLUMNS for a fact given as Fact.to_dict(); `encode` turns the whole
    dict into what the store's `data` column takes (JSON text, or jsonb)."""
    loc = data.get("location") or {}
    return (document_id, ordinal, data["type"], encode(data), loc.get("page"),
            loc.get("paragraph"), loc.get("start"), loc.get("end"), data.get("amount"),
            data.get("value"), data.get("name"), data.get("role"), data.get("outcome"))

