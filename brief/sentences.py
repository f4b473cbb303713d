"""Sentences of a paper's paragraphs, and the one way a quote is compared with its source.

A quote in a briefing is a span of the paragraph it cites, taken as it is written; `plain()` only
drops Markdown emphasis and folds white space, so `plain(quote) in plain(paragraph)` always holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_EMPHASIS = re.compile(r"\*\*|__|<sup>.*?</sup>")
_SPACE = re.compile(r"\s+")
# a sentence ends at . ! ? followed by space and something that can start a sentence
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?:[-•·]\s+)?(?=[\"'(\[]?[A-Z0-9£€$])")
_LEAD = re.compile(r"^(?:[-*•·]\s*|\d+(?:\.\d+)*\.?\s+|[A-Z]\)\s+|\([a-z0-9]+\)\s+)+")


def plain(text: str) -> str:
    """Text without Markdown emphasis or footnote marks, white space folded, for comparison."""
    text = _EMPHASIS.sub("", text).replace("\u2019", "'").replace("\u2018", "'")
    return _SPACE.sub(" ", text).strip().strip("…").strip()


@dataclass(frozen=True)
class Sentence:
    text: str  # verbatim span of the paragraph, without a leading list mark or number
    start: int  # offsets within the paragraph
    end: int


def split_sentences(paragraph: str) -> list[Sentence]:
    """The paragraph's lines, each cut at sentence ends; list marks and numbers stripped."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", paragraph):
        begin = line.start()
        pieces = _SENTENCE_END.split(line.group())
        cursor = 0
        for piece in pieces:
            at = line.group().index(piece, cursor)
            cursor = at + len(piece)
            lead = _LEAD.match(piece)
            skip = lead.end() if lead else 0
            text = piece[skip:].strip()
            if text:
                s = begin + at + skip + (len(piece[skip:]) - len(piece[skip:].lstrip()))
                out.append(Sentence(text, s, s + len(text)))
    return out


def words(text: str) -> int:
    return len(text.split())


_FIELD = re.compile(r"^[\w' ]{1,40}:")


def is_prose(sentence: str) -> bool:
    """A sentence worth quoting alone: a whole sentence of some length, not a table row, a
    "Field: value" line or a heading."""
    n = words(sentence)
    text = plain(sentence)
    if n < 7 or n > 80 or "|" in text or text.startswith("#") or _FIELD.match(text):
        return False
    if not text.endswith((".", "!", "?", ".)", '."')):
        return False
    letters = sum(c.isalpha() for c in sentence)
    return letters > len(sentence) * 0.6 and not sentence.isupper()


def clip_around(sentence: str, needle: str, limit: int = 320) -> str:
    """The sentence, or the words around `needle` when the sentence is longer than `limit`, marked
    with an ellipsis at each cut end; between the ellipses it is a span of the sentence."""
    if len(sentence) <= limit:
        return sentence
    at = max(sentence.find(needle), 0)
    start = max(0, at - limit // 2)
    end = min(len(sentence), start + limit)
    start = max(0, end - limit)
    if start > 0:
        start = sentence.find(" ", start) + 1 or start
    if end < len(sentence):
        space = sentence.rfind(" ", start, end)
        end = space if space > at + len(needle) else end
    return (("…" if start > 0 else "") + sentence[start:end].strip()
            + ("…" if end < len(sentence) else ""))
