"""Copying a store into another (`minutebook migrate`): every document with its blocks, chunks,
embeddings and facts as stored, so nothing is re-read, re-extracted or re-embedded, then checked.

Stores that take part offer `document_rows(id)` (both stores) and `add_rows(rows)` (the target).
Copying is resumable: documents already in the target are checked, not copied again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Protocol

from .model import Chunk, StoredDocument


@dataclass(frozen=True)
class StoredChunk:
    chunk: Chunk
    text_hash: str  # SHA-256 of the text that was embedded
    embedding: bytes | None  # float32, L2-normalised


@dataclass(frozen=True)
class DocumentRows:
    """One stored document, store-independent: no row ids of the store it came from."""

    document: StoredDocument  # with text
    properties: dict
    blocks: tuple[dict, ...]  # as Store.blocks returns them
    chunks: tuple[StoredChunk, ...]
    facts: tuple[dict, ...]  # Fact.to_dict() of each, in order

    @property
    def id(self) -> str:
        return self.document.id


class RowSource(Protocol):
    def list_documents(self, filters=None, limit: int = 50,
                       after: str | None = None) -> list[StoredDocument]: ...

    def document_rows(self, document_id: str) -> DocumentRows | None: ...


class RowTarget(RowSource, Protocol):
    def add_rows(self, rows: DocumentRows) -> bool:
        """Store the rows in one transaction; False when the document was already there."""


class CopyMismatch(RuntimeError):
    """A copied document does not read back the same from the target."""


@dataclass
class CopyReport:
    documents: int = 0  # copied now
    already: int = 0  # found in the target already
    chunks: int = 0
    facts: int = 0
    checked: int = 0  # documents that read back identical from the target
    mismatched: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"copied {self.documents} documents, {self.chunks} chunks, {self.facts} facts "
                f"({self.already} documents were there already); checked {self.checked} documents"
                + (f", {len(self.mismatched)} differ" if self.mismatched else ", all identical"))


def document_ids(source: RowSource, page: int = 500) -> Iterator[str]:
    after = None
    while batch := source.list_documents(limit=page, after=after):
        for document in batch:
            yield document.id
        after = batch[-1].id


def copy_store(source: RowSource, target: RowTarget,
               progress: Callable[[str], None] | None = None) -> CopyReport:
    """Copy every document of `source` missing from `target`, then read each back to compare."""
    report = CopyReport()
    for document_id in list(document_ids(source)):
        rows = source.document_rows(document_id)
        if rows is None:  # deleted meanwhile
            continue
        if target.add_rows(rows):
            report.documents += 1
            report.chunks += len(rows.chunks)
            report.facts += len(rows.facts)
        else:
            report.already += 1
        if target.document_rows(document_id) == rows:
            report.checked += 1
        else:
            report.mismatched.append(document_id)
        if progress:
            progress(document_id)
    return report
