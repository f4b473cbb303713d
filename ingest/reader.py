"""Read a file into a Document: check it, sniff its format from the bytes, pick the reader.

Every failure leaves here as one IngestError whose message is a single line naming the file and
the cause, so a batch can log it and go on (docling's conversion status, in miniature).
"""
from __future__ import annotations

import stat
from pathlib import Path

from .model import Document, Format, IngestError
from .readers.base import Reader, assemble
from .readers.delimited import DelimitedReader
from .readers.html import HtmlReader
from .readers.json_data import JsonReader
from .readers.markdown import MarkdownReader
from .readers.pdf import PdfReader
from .readers.text import TextReader, decode_text
from .readers.word import DocxReader
from .sniff import sniff_format

DEFAULT_MAX_BYTES = 100 * 1024 * 1024

READERS: dict[Format, Reader] = {reader.format: reader for reader in (
    PdfReader(), DocxReader(), HtmlReader(), MarkdownReader(), TextReader(), JsonReader(), DelimitedReader())}


def one_line(exc: BaseException) -> str:
    """A short cause from any exception: its first line, the type name where it says nothing."""
    text = " ".join(str(exc).split("\n")[0].split())[:200]
    return text if isinstance(exc, ValueError) and text else f"{type(exc).__name__}: {text}".rstrip(": ")


def read_bytes(data: bytes, source: str) -> Document:
    try:
        fmt = sniff_format(data, source)
        result = READERS[fmt].read(data, source)
        document = assemble(data, source, fmt, result)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - no reader failure may escape as a traceback
        raise IngestError(source, one_line(exc)) from exc
    if not document.blocks:
        raise IngestError(source, f"no text found in {fmt.value} file")
    return document


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    source = str(path)
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise IngestError(source, "no such file") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(source, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(source, "not a regular file")
    if info.st_size > max_bytes:
        raise IngestError(source, f"file too large ({info.st_size} bytes; the limit is {max_bytes})")
    if info.st_size == 0:
        raise IngestError(source, "empty file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or type(exc).__name__})") from None
    return read_bytes(data, source)


__all__ = ["DEFAULT_MAX_BYTES", "read_bytes", "read_document", "sniff_format", "decode_text"]
