"""JSON renderings of papers (e.g. scraped minutes): string values become paragraphs in document
order; "title"-like keys, and keys that read like headings, become headings."""
from __future__ import annotations

import json
import re
from typing import Any

from ..model import BlockKind, Format
from .base import RawBlock, ReadResult
from .text import decode_text

TITLE_KEYS = {"title", "heading", "name", "subject", "caption", "header"}
TEXT_KEYS = {"string", "text", "content", "body", "value", "description", "summary", "paragraph", "minutes"}
SKIP_KEYS = {"url", "href", "link", "uri", "id", "uuid", "guid", "local_page", "path", "file", "src"}
_URL = re.compile(r"^(https?|ftp)://\S+$|^www\.\S+$", re.I)
_HEADING_KEY = re.compile(r"^[A-Z0-9][^\n]{2,119}$")


def humanise(key: str) -> str:
    return key.replace("_", " ").replace("-", " ").strip().capitalize()


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.seen_labels: set[tuple[str, str]] = set()

    def value(self, value: Any, key: str, depth: int) -> None:
        if isinstance(value, dict):
            self.mapping(value, depth)
        elif isinstance(value, list):
            self.sequence(value, key, depth)
        elif isinstance(value, str):
            self.string(value.strip(), key, depth)

    def mapping(self, obj: dict[str, Any], depth: int) -> None:
        title_key = next((k for k in obj if k.lower() in TITLE_KEYS and isinstance(obj[k], str) and obj[k].strip()), None)
        if title_key:
            number = obj.get("number")
            prefix = f"{number} " if isinstance(number, (str, int)) and str(number).strip() else ""
            self.blocks.append(RawBlock(text=prefix + obj[title_key], kind=BlockKind.HEADING, level=min(depth + 1, 6)))
        for key, val in obj.items():
            if key == title_key or key.startswith("__") or key.lower() in SKIP_KEYS or key == "number" and title_key:
                continue
            if isinstance(val, (dict, list)) and val and " " in key.strip() and _HEADING_KEY.match(key):
                self.blocks.append(RawBlock(text=key, kind=BlockKind.HEADING, level=min(depth + 2, 6)))
            self.value(val, key, depth + 1 if title_key else depth)

    def sequence(self, items: list[Any], key: str, depth: int) -> None:
        if items and all(isinstance(i, str) for i in items) and all(len(i) < 80 for i in items):
            names = ", ".join(i.strip() for i in items if i.strip())
            if names:
                self.blocks.append(RawBlock(text=f"{humanise(key)}: {names}" if key else names))
            return
        for item in items:
            self.value(item, key, depth)

    def string(self, text: str, key: str, depth: int) -> None:
        if not text or _URL.match(text):
            return
        if key.lower() in TEXT_KEYS or not key or len(text) >= 80 or key.isdigit():
            self.blocks.append(RawBlock(text=text))
            return
        label = (humanise(key), text)
        if label not in self.seen_labels:  # the same "Date: ..." on every item says nothing new
            self.seen_labels.add(label)
            self.blocks.append(RawBlock(text=f"{label[0]}: {text}"))


class JsonReader:
    format = Format.JSON

    def read(self, data: bytes, source: str) -> ReadResult:
        try:
            obj = json.loads(decode_text(data))
        except ValueError as exc:
            raise ValueError(f"invalid JSON ({exc})") from exc
        walker = _Walker()
        walker.value(obj, "", 0)
        title = obj.get("title") if isinstance(obj, dict) and isinstance(obj.get("title"), str) else None
        return ReadResult(blocks=walker.blocks, title=title)
