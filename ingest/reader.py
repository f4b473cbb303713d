"""Read a file into a Document: check it, sniff its format from the bytes, pick the reader."""
from __future__ import annotations

from pathlib import Path

from .model import Document, Format, IngestError
from .readers.base import Reader, assemble
from .readers.text import TextReader

DEFAULT_MAX_BYTES = 100 * 1024 * 1024

READERS: dict[Format, Reader] = {Format.TEXT: TextReader()}


def sniff_format(data: bytes, name: str) -> Format:
    return Format.TEXT


def read_bytes(data: bytes, source: str) -> Document:
    fmt = sniff_format(data, source)
    try:
        result = READERS[fmt].read(data, source)
    except ValueError as exc:
        raise IngestError(source, str(exc)) from exc
    return assemble(data, source, fmt, result)


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    source = str(path)
    p = Path(path)
    if not p.exists():
        raise IngestError(source, "no such file")
    data = p.read_bytes()
    return read_bytes(data, source)
