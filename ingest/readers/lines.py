"""Line-level layout shared by the plain-text and Markdown readers.

Exported papers often come as one paragraph per line (no blank lines) with some lines still
hard-wrapped, and with "Label: | value |" key-value pipes spread over several lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BULLETS = "·•▪●◦‣∙○■□➢►-*+"
_BULLET = re.compile(r"^\s*[·•▪●◦‣∙○■□➢►]\s*")
_MARKER = re.compile(r"^\s*([·•▪●◦‣∙○■□➢►\-*+#|>]|\d+(\.\d+)*[.)]?\s|\(?[a-z]{1,3}\)\s|[A-Z][A-Za-z ]{0,40}:\s*$)")
_BARE_NUMBER = re.compile(r"^\s*(\d+(\.\d+)*\.?|\(?[a-z]{1,3}\))\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?:;|]\s*$")


@dataclass(frozen=True)
class PipeRows:
    """A run of "Label: | value |" lines, as rows of cells."""

    rows: list[list[str]]


def strip_bullet(line: str) -> tuple[str, bool]:
    """The line without a bullet glyph, and whether it had one."""
    match = _BULLET.match(line)
    return (line[match.end():], True) if match else (line, False)


def is_gfm_table_line(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def _is_pipey(line: str) -> bool:
    """A "|" closing a cell: a lone "|" or one ending a line that does not open with "|"."""
    s = line.strip()
    return s == "|" or (s.endswith("|") and not s.startswith("|"))


def split_pipe_layout(lines: list[str]) -> list[list[str] | PipeRows]:
    """Cut the lines into plain runs and key-value pipe runs, in order."""
    out: list[list[str] | PipeRows] = []
    plain: list[str] = []
    i = 0
    while i < len(lines):
        if not _is_pipey(lines[i]):
            plain.append(lines[i])
            i += 1
            continue
        run: list[str] = []
        if lines[i].strip().startswith("|") and plain and plain[-1].strip():
            run.append(plain.pop())
        while i < len(lines):
            if _is_pipey(lines[i]):
                run.append(lines[i])
                i += 1
            elif lines[i].strip() and i + 1 < len(lines) and _is_pipey(lines[i + 1]):
                run.extend(lines[i:i + 2])
                i += 2
            else:
                break
        if plain:
            out.append(plain)
            plain = []
        out.append(PipeRows(pipe_rows("\n".join(run))))
    if plain:
        out.append(plain)
    return out


def pipe_rows(text: str) -> list[list[str]]:
    """Pair "Label:" cells with the value that follows them."""
    cells = [" ".join(c.split()) for c in text.split("|")]
    cells = [c for c in cells if c]
    rows: list[list[str]] = []
    i = 0
    while i < len(cells):
        if cells[i].endswith(":") and i + 1 < len(cells) and not cells[i + 1].endswith(":"):
            rows.append([cells[i], cells[i + 1]])
            i += 2
        else:
            rows.append([cells[i]])
            i += 1
    return rows


def is_unwrapped(lines: list[str]) -> bool:
    """One paragraph per line: long lines and few blank lines between them."""
    filled = [ln for ln in lines if ln.strip()]
    if len(filled) < 4:
        return False
    blank_ratio = (len(lines) - len(filled)) / len(lines)
    long_lines = sum(1 for ln in filled if len(ln) > 160)
    return blank_ratio < 0.2 and long_lines >= max(2, len(filled) // 10)


def unwrap_paragraphs(lines: list[str]) -> list[str]:
    """Each line a paragraph, except hard-wrapped continuations and bare numbers, which join on."""
    paras: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line.strip():
            if paras and paras[-1]:
                paras.append("")
            continue
        if paras and paras[-1] and _continues(paras[-1], line):
            paras[-1] = f"{paras[-1]} {line.strip()}"
        else:
            paras.append(line.strip())
    return [p for p in paras if p]


def _continues(previous: str, line: str) -> bool:
    last = previous.splitlines()[-1] if previous else ""
    if _BARE_NUMBER.match(last):
        return True
    if _ENDS_SENTENCE.search(last) or _MARKER.match(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() or first.isdigit() and len(last) < 100
