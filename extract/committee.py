"""The committee or decision maker a paper belongs to, from its labels and its opening words.

"Decision Maker: ...", "Report to: ...", "Title of meeting: ...", "Minutes of a meeting of the X
held ...", "RECORD OF DECISIONS of the meeting of the X held ...", "Decided at meeting: date - X".
"""
from __future__ import annotations

import re

from .textlines import Line, first_value

HEADER_LINES = 25

LABELS = ("title of meeting", "meeting", "name of meeting", "meeting type", "meeting name",
          "report to", "committee", "meeting of", "forum")
# "To: Cabinet - 4 March 2025", "To: County Council, 13 March 2025", "To Cabinet - 30 January 2025":
# the meeting a report goes to, with its date after it.
_ADDRESSED_TO = re.compile(r"^(?:report\s+)?to\s*:?\s+(?P<c>[A-Z].*)$", re.I)
_DATE_TAIL = re.compile(r"\s*(?:[-–,]\s*|\s+date\s*:|\s+(?:on\s+)?(?=\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}))"
                        r".*$", re.I)

_MEETING_OF = re.compile(
    r"\b(?:minutes|record of (?:the )?decisions|record|notes|proceedings|disposition)\s+of\s+(?:a|an|the)\s+"
    r"(?:\w+\s+){0,2}?meeting\s+of\s+(?:the\s+)?(?P<c>[A-Z][^.;:]{2,120}?)\s*"
    r"(?:,?\s+held\b|\s+on\b|\s+at\b|\s+in\b|$)", re.I)
_DECIDED_AT = re.compile(r"^decided at meeting\s*:\s*.*?\d{2,4}\s*[-–]\s*(?P<c>.+)$", re.I)
_BODY = re.compile(r"\b(?:committee|sub-committee|panel|cabinet|board|forum|executive|commission|"
                   r"scrutiny|council|cabinet member|group|partnership)\b", re.I)
_NOT_NAME = re.compile(r"\b(?:agenda|minutes|report|item|page|meeting held|date)\b", re.I)


def _tidy(value: str) -> str | None:
    value = re.sub(r"\s+", " ", value).strip(" .,:;|–-")
    value = re.sub(r"^(?:the|a)\s+", "", value, flags=re.I)
    if not value or len(value) > 120:
        return None
    if value.isupper():
        value = " ".join(w if len(w) <= 3 and w in {"CFE", "SEN", "SEND", "ICS"} else w.capitalize()
                         for w in value.split())
        value = re.sub(r"\b(And|Of|For|The|On|In)\b", lambda m: m.group(1).lower(), value)
    return value


def find_decision_maker(lines: list[Line], member_role: bool = True) -> str | None:
    """The decision maker a decision notice or report names: "Decision Maker:", "Decision to be
    taken by:", or the role in "Cabinet Member: Councillor X, Cabinet Member for Y"."""
    value = first_value(lines, ("decision maker", "decision taker", "decision to be taken by", "decision by"),
                        limit=60)
    if value:
        value = re.sub(r"\bdecision (?:no|number)\b\.?\s*:?|\b\d+/\d+\b", " ", value, flags=re.I).strip()
    if not value:
        for k, line in enumerate(lines[:40]):
            if re.match(r"^decision to be taken by\b", line.text, re.I):
                for nxt in lines[k + 1:k + 4]:
                    candidate = re.sub(r"\bdecision (?:no|number)\b\.?\s*:?|\b\d+/\d+\b", " ", nxt.text,
                                       flags=re.I).strip()
                    if candidate:
                        value = candidate
                        break
                break
    if not value and member_role:
        member = first_value(lines, ("cabinet member", "portfolio holder", "lead member", "executive member"),
                             limit=60)
        role = re.search(r"\b((?:Cabinet|Executive|Lead) Member for .+|Portfolio Holder for .+)$", member or "")
        value = role.group(1) if role else None
    if value:
        role = re.search(r"\b(Cabinet Member for .+)$", value)
        return _tidy(role.group(1) if role else value)
    return None


def find_committee(lines: list[Line]) -> str | None:
    header = lines[:HEADER_LINES]
    for line in header:
        m = _DECIDED_AT.match(line.text)
        if m:
            return _tidy(m.group("c"))
    value = first_value(header, LABELS)
    if value:
        value = re.split(r"\s+\|\s+|\s+(?:date|dated)\b", value, flags=re.I)[0]
        value = re.sub(r"^(?:\d+/\d+\s*)+", "", value)
        if value and _BODY.search(value) or (value and len(value.split()) <= 8):
            tidy = _tidy(value)
            if tidy:
                return tidy
    addressed = _addressed_to(header)
    if addressed:
        return addressed
    maker = find_decision_maker(lines, member_role=False)
    if maker:
        return maker
    joined = " ".join(line.text for line in header)
    m = _MEETING_OF.search(joined)
    if m:
        return _tidy(m.group("c"))
    for line in header[:8]:
        text = re.split(r"\s*[–—]\s*|\s+-\s+|\s*-\s+(?=\d)", line.text)[0]
        if (_BODY.search(text) and not _NOT_NAME.search(text) and len(text.split()) <= 8
                and not re.search(r"\bcouncil\s*$", text, re.I) and not re.search(r"\d", text)
                and _name_like(text)):
            return _tidy(text)
    return None


def _addressed_to(header: list[Line]) -> str | None:
    """The body named on a report's "To:" line, without the date that follows it."""
    for line in header[:12]:
        m = _ADDRESSED_TO.match(line.text)
        if not m:
            continue
        value = _DATE_TAIL.sub("", m.group("c")).strip()
        if value and _BODY.search(value) and len(value.split()) <= 10 and _name_like(value):
            return _tidy(value)
    return None


def _name_like(text: str) -> bool:
    """A body's name, not a sentence or a label: every word capitalised but the small joining words
    ("Corporate Parenting Panel", "Cabinet Member for Children, Families and Education")."""
    if re.match(r"^[A-Za-z][\w ]{0,30}:", text):  # "By: Anna Taylor, Scrutiny Research Officer"
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    small = {"of", "for", "and", "the", "on", "in", "to", "with", "a"}
    return bool(words) and all(w[:1].isupper() or w.lower() in small for w in words) and \
        not any(w.lower() in {"is", "are", "asked", "was", "were", "will"} for w in words)
