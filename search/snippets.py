"""Snippets: a window of the passage around the query's terms, HTML-safe, terms in <mark>.

Every character of the passage goes through html.escape; only the <mark> tags this module writes
are markup. Terms match by Porter stem (the stemmer FTS5's porter tokenizer uses), so a query for
"contributions" marks "contribution".
"""
from __future__ import annotations

import functools
import html
import re
import threading
from dataclasses import dataclass

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
ELLIPSIS = "…"

# Words too common to search for or to mark.
STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be been before being below between both
but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my no nor not of off on once
only or other our out over own same she should so some such than that the their them then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your
""".split())


_local = threading.local()  # a snowball stemmer keeps state while it works: one per thread


# FTS5's porter tokenizer leaves tokens shorter than three characters as they are (the Porter
# algorithm would make "s" of "children's" nothing): stems here must be the index's own terms.
SHORTEST_STEMMED = 3


def stem(word: str) -> str:
    word = word.lower()
    return word if len(word) < SHORTEST_STEMMED else _stem_lower(word)


@functools.lru_cache(maxsize=65536)
def _stem_lower(word: str) -> str:
    """Cached: stemming every word of 50 passages in pure Python was half of a search request."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("porter")
    return stemmer.stemWord(word)


def query_terms(text: str) -> list[str]:
    """The query's words worth searching for, lower-cased, in order, without repeats. A single
    letter is left out: the "s" of "Portsmouth's" is in a third of all passages, and PostgreSQL's
    English configuration drops it too."""
    seen: dict[str, None] = {}
    for w in WORD.findall(text.lower()):
        if w not in STOPWORDS and len(w) > 1:
            seen.setdefault(w, None)
    return list(seen)


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    stem: str


def _matches(text: str, stems: frozenset[str]) -> list[_Match]:
    found = []
    for m in WORD.finditer(text):
        s = stem(m.group())
        if s in stems:
            found.append(_Match(m.start(), m.end(), s))
    return found


def make_snippet(text: str, terms: list[str], width: int = 260) -> str:
    """HTML for the best `width`-character window of `text`, query terms marked."""
    stems = frozenset(stem(t) for t in terms)
    matches = _matches(text, stems)
    start, end = _best_window(text, matches, width)
    parts = [ELLIPSIS] if start > 0 else []
    pos = start
    for m in matches:
        if m.start < start or m.end > end:
            continue
        parts.append(html.escape(text[pos:m.start]))
        parts.append(f"<mark>{html.escape(text[m.start:m.end])}</mark>")
        pos = m.end
    parts.append(html.escape(text[pos:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts).replace("\n", " ")


def _best_window(text: str, matches: list[_Match], width: int) -> tuple[int, int]:
    """The window holding the most distinct terms (then the most matches), snapped to words."""
    if len(text) <= width:
        return 0, len(text)
    best, best_key = 0, (-1, -1)
    for first in matches:
        lead = max(0, first.start - width // 5)
        inside = [m for m in matches if m.start >= lead and m.end <= lead + width]
        key = (len({m.stem for m in inside}), len(inside))
        if key > best_key:
            best, best_key = lead, key
    start = _snap_start(text, best)
    end = _snap_end(text, min(len(text), start + width))
    return start, end


def _snap_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    space = text.find(" ", pos)
    return space + 1 if 0 <= space - pos < 25 else pos


def _snap_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    space = text.rfind(" ", 0, pos)
    return space if pos - space < 25 and space > 0 else pos
