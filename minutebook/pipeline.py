"""Ingest a batch of files: read, extract, store — one file at a time, a bad file never stops the batch."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.pipeline import extract
from ingest import IngestError, read_document
from search.store import Store


class FileStatus(str, Enum):
    NEW = "new"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class FileResult:
    path: str
    status: FileStatus
    document_id: str | None = None
    error: str | None = None  # one line naming the file and the cause
    facts_by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(r.status is status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status is FileStatus.FAILED]

    def facts_by_kind(self) -> Counter:
        total: Counter = Counter()
        for r in self.results:
            total.update(r.facts_by_kind)
        return total


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively, sorted, hidden ones skipped).

    A path that does not exist is yielded as it is so that it fails with its own message.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        else:
            yield path


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ingest_file(path: Path, store: Store, max_bytes: int) -> FileResult:
    source = str(path)
    try:
        if path.is_file() and path.stat().st_size <= max_bytes:
            digest = file_digest(path)
            if store.has_document(digest):
                return FileResult(source, FileStatus.UNCHANGED, document_id=digest)
        document = read_document(path, max_bytes=max_bytes)
    except IngestError as exc:
        return FileResult(source, FileStatus.FAILED, error=str(exc))
    except OSError as exc:
        return FileResult(source, FileStatus.FAILED, error=f"{source}: {exc.strerror or exc}")
    try:
        extraction = extract(document)
        outcome = store.add(document, extraction)
    except Exception as exc:  # one bad paper must not stop the batch; the store rolled it back
        cause = " ".join(f"{type(exc).__name__}: {exc}".split())
        return FileResult(source, FileStatus.FAILED, error=f"{source}: could not be stored ({cause})")
    status = FileStatus.NEW if outcome.new else FileStatus.UNCHANGED
    return FileResult(source, status, document_id=outcome.document_id,
                      facts_by_kind=dict(outcome.facts_by_kind) if outcome.new else {})


def ingest_paths(paths: Iterable[str | Path], store: Store, max_bytes: int,
                 progress: Callable[[Iterable[Path], int], Iterable[Path]] | None = None,
                 on_result: Callable[[FileResult], None] | None = None) -> IngestSummary:
    files = list(discover(paths))
    summary = IngestSummary()
    iterator: Iterable[Path] = progress(files, len(files)) if progress else files
    for path in iterator:
        result = ingest_file(path, store, max_bytes)
        summary.results.append(result)
        if on_result:
            on_result(result)
    return summary
