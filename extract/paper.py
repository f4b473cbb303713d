"""What the decision and metadata components both need to know about a paper, worked out once.

`profile(doc)` reads the Document behind a spaCy Doc into its lines, its kind, its title and its
committee, and keeps the result in `doc.user_data` so the second component does not repeat it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .annotations import document_of
from .committee import find_committee
from .doctype import classify
from .facts import DocType
from .textlines import Line, first_value, label_of, lines_of

TITLE_LABELS = ("subject", "title", "subject matter / title of decision", "title of decision",
                "subject matter", "report title", "title of report", "item", "decision title", "re")
GENERIC_TITLES = re.compile(
    r"^(?:decision details|agenda item|agenda|minutes|report|decision|record of decision|issue details|"
    r"officer decision|key decision|proposed decisions?|recommendations?|text|public|unrestricted items?|part [i1]|\d+)\s*[:–—-]?$", re.I)
_USER_KEY = "minutebook_paper"


@dataclass(frozen=True)
class Paper:
    lines: list[Line]
    doc_type: DocType
    title: str | None
    committee: str | None


def _value_after(lines: list[Line], label: str) -> str | None:
    """For "Subject Matter / Title of Decision" written as a line of its own, the line after it."""
    for i, line in enumerate(lines[:40]):
        if line.text.lower().rstrip(":") == label and i + 1 < len(lines):
            return lines[i + 1].text
    return None


def find_title(lines: list[Line], title_hint: str | None) -> str | None:
    value = first_value(lines, TITLE_LABELS, limit=40) or _value_after(lines, "subject matter / title of decision")
    if value:
        return value
    for line in lines[:40]:
        m = re.match(r"^subject matter\s*/\s*title of decision\s*:?\s*(.+)$", line.text, re.I)
        if m:
            return m.group(1)
    for line in lines[:6]:
        text = line.text
        if (GENERIC_TITLES.match(text) or label_of(text) or len(text) > 160 or len(text) < 4
                or re.match(r"^\(?[A-Za-z0-9]{1,3}[.)]\s", text) or text.endswith(":")):
            continue
        if line.heading or len(text.split()) <= 14:
            return text
    return title_hint


def profile(doc: Doc) -> Paper:
    cached = doc.user_data.get(_USER_KEY)
    if cached is not None:
        return cached
    document = document_of(doc)
    lines = lines_of(document)
    paper = Paper(lines=lines, doc_type=classify(lines), title=find_title(lines, document.title_hint),
                  committee=find_committee(lines))
    doc.user_data[_USER_KEY] = paper
    return paper
