"""Decide a file's format from its bytes first and its name second.

Magic numbers win (a .pdf holding HTML is read as HTML); the extension only settles what the bytes
leave open (CSV/TSV, Markdown). Anything that cannot be read raises ValueError with a short cause.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import PurePath

from .model import Format

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAG = re.compile(r"</?(html|head|body|p|div|span|table|tr|td|th|h[1-6]|ul|ol|li|br|a|section|article|button|time|hr)\b[^>]*>", re.I)
_MD_SIGNS = (
    re.compile(r"^#{1,6}\s+\S", re.M),                    # ATX heading
    re.compile(r"^\s*\*\*[^*\n]+\*\*", re.M),             # bold label at line start
    re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M),  # table rule
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),               # [text](link)
    re.compile(r"^\s{0,3}([-*+]|\d+\.)\s+\S", re.M),      # list item
    re.compile(r"^(-{3,}|\*{3,}|_{3,})\s*$", re.M),       # thematic break
    re.compile(r"^[^|\n]{1,60}:\s*\|\s*$", re.M),         # "Label: |" pipe layout
)
TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".csv", ".tsv", ".json", ".htm", ".html", ""}
MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown"}
HTML_EXTENSIONS = {".htm", ".html", ".xhtml"}


def extension(name: str) -> str:
    return PurePath(name).suffix.lower()


def is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(4, len(head) // 100)


def looks_like_html(text: str, ext: str) -> bool:
    head = text[:4096]
    if _HTML_START.match(head.encode("utf-8", "ignore")):
        return True
    if ext in MARKDOWN_EXTENSIONS:
        return False
    tags = len(_HTML_TAG.findall(head))
    return (ext in HTML_EXTENSIONS and tags >= 1) or (head.lstrip().startswith("<") and tags >= 3)


def looks_like_markdown(text: str) -> bool:
    """Two or more kinds of Markdown sign, or a clear heading structure."""
    head = text[:20000]
    kinds = sum(1 for sign in _MD_SIGNS if sign.search(head))
    return kinds >= 2 or len(_MD_SIGNS[0].findall(head)) >= 3


def looks_like_delimited(text: str, delimiter: str) -> bool:
    rows = [r for r in csv.reader(io.StringIO(text[:20000]), delimiter=delimiter) if r]
    widths = {len(r) for r in rows[:50]}
    return len(rows) >= 1 and min(widths) >= 2 and len(widths) <= 2


def zip_format(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ValueError(f"corrupt zip archive ({exc})") from exc
    if "word/document.xml" in names:
        return Format.DOCX
    raise ValueError("zip archive without word/document.xml: not a DOCX file")


def sniff_format(data: bytes, name: str, text: str | None = None) -> Format:
    """The format these bytes hold; `text` is the decoded text where the caller has it."""
    ext = extension(name)
    if not data.strip():
        raise ValueError("empty file")
    if b"%PDF-" in data[:1024]:
        return Format.PDF
    if data[:4] == b"PK\x03\x04":
        return zip_format(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValueError("legacy binary Office file (.doc); save it as .docx")
    if ext == ".docx":
        raise ValueError("not a DOCX file (not a zip archive)")
    if is_binary(data):
        raise ValueError("binary data, not text" if ext in TEXT_EXTENSIONS else f"binary data of unknown format ({ext or 'no extension'})")
    if text is None:
        from .readers.text import decode_text
        text = decode_text(data)
    if looks_like_html(text, ext):
        return Format.HTML
    if ext == ".pdf":
        raise ValueError("not a PDF file (no %PDF- header)")
    stripped = text.lstrip()
    if ext == ".json" or stripped[:1] in ("{", "["):
        try:
            json.loads(text)
            return Format.JSON
        except ValueError:
            if ext == ".json":
                raise ValueError("invalid JSON") from None
    if ext in (".csv", ".tsv") and looks_like_delimited(text, "\t" if ext == ".tsv" else ","):
        return Format.CSV
    if ext in MARKDOWN_EXTENSIONS or looks_like_markdown(text):
        return Format.MARKDOWN
    return Format.TEXT
