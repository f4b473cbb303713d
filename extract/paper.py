"""What the decision and metadata components both need to know about a paper, worked out once.

`profile(doc)` reads the Document behind a spaCy Doc into its lines, its kind, its title and its
committee, and keeps the result in `doc.user_data` so the second component does not repeat it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .annotations import document_of
from .calendar_dates import find_date
from .committee import find_committee
from .doctype import classify
from .facts import DocType
from .textlines import Line, first_value, label_of, lines_of

TITLE_LABELS = ("subject", "title", "subject matter / title of decision", "title of decision",
                "subject matter", "report title", "title of report", "item", "decision title", "re")
GENERIC_TITLES = re.compile(
    r"^(?:decision details|agenda item|agenda|minutes|report|decision|record of decision|issue details|"
    r"officer decision|key decision|proposed decisions?|recommendations?|text|public|unrestricted items?|part [i1]|\d+|"
    # the headings of a paper's sections, not its title
    r"(?:members\s+)?present|in attendance|apologies(?: for absence)?|welcome(?: and apologies)?|membership|"
    r"declarations? of interests?|contents|attendance|presennol|ymddiheuriadau|introduction|background|"
    r"(?:executive )?summary|purpose(?: of (?:the )?report)?|proposal|site(?: history)?)\s*[:–—-]?$", re.I)
_USER_KEY = "minutebook_paper"


@dataclass(frozen=True)
class Paper:
    lines: list[Line]
    doc_type: DocType
    title: str | None
    committee: str | None


# Lines a converter, a publishing system or a letterhead puts above the paper's own title.
BOILERPLATE = re.compile(
    r"^(?:original (?:file|link|document)|extracted text|link to (?:meeting|document)|scanned page\b.*|"
    r"page \d+(?: of \d+)?|\d+ of \d+|agenda item\s*(?:no\.?\s*)?[\w.]*|item\s+(?:no\.?\s*)?\d+[a-z]?|public document pack|"
    r"(?:not )?protectively marked|official(?:[- ]sensitive)?|(?:for )?publication|draft|confidential|exempt|"
    r"printed on recycled paper|https?://\S+|www\.\S+|appendix\s+[a-z0-9]{1,3})\.?$", re.I)
# "Minutes of (proceedings at) a meeting of X held ...": the title is the phrase before "held".
_MINUTES_OF = re.compile(r"^(?:draft\s+)?minutes\s+of\b.{0,200}?\bmeeting\s+of\s+.+", re.I)
_MINUTES_END = re.compile(r"[,;]?\s+(?:held\b|on\s+(?:\w+day\b|\d)|at\s+\d|which\b|to\s+be\s+held\b)|\.\s*$", re.I)
_WRAPPED = re.compile(r"(?:\b(?:and|of|at|the|in|on|for|to|a)|,)\s*$", re.I)
# A council or department named alone: a letterhead ("KENT COUNTY COUNCIL", "CITY CLERK'S DEPARTMENT").
_LETTERHEAD = re.compile(
    r"^(?:(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){0,6}(?:council|corporation|department|directorate)|"
    r"(?:london\s+)?borough\s+of\s+[\w\s'’&-]{2,40}|city\s+of\s+[\w\s'’-]{2,40}|cyngor\s+[\w\s'’-]{2,40})$", re.I)


def _value_after(lines: list[Line], label: str) -> str | None:
    """For "Subject Matter / Title of Decision" written as a line of its own, the line after it."""
    for i, line in enumerate(lines[:40]):
        if line.text.lower().rstrip(":") == label and i + 1 < len(lines):
            return lines[i + 1].text
    return None


def _only_a_date(text: str) -> bool:
    """"10 June 2020", "Thursday 13 March 2025", "March 19, 2025, at 10:00 AM": a date and little else."""
    found = find_date(text)
    if not found:
        return False
    rest = text[:found[1]] + text[found[2]:]
    rest = re.sub(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:at|on|the)\b|\d{1,2}[.:]\d\d|"
                  r"\b(?:a\.?m|p\.?m)\b\.?|\d{1,2}\s*(?:am|pm)\b|[\s,.:-]", "", rest)
    return len(rest) <= 2


def not_a_heading(text: str) -> bool:
    """A line set out like a heading that heads nothing: boilerplate, a letterhead or a bare date
    ("THURSDAY 7 AUGUST 2014", "KENT COUNTY COUNCIL", "Page 2 of 9")."""
    return bool(BOILERPLATE.match(text) or _LETTERHEAD.match(text) or _only_a_date(text))


def _is_candidate(text: str) -> bool:
    return not (GENERIC_TITLES.match(text) or BOILERPLATE.match(text) or label_of(text) or len(text) > 160
                or len(text) < 4 or re.match(r"^\(?[A-Za-z0-9]{1,3}[.)]\s", text) or text.endswith(":")
                or " | " in text or not re.search(r"[A-Za-zÀ-ÿ]{3}", text) or _repeated(text)
                or not re.match(r"[\w\"'‘“(]", text))


def _repeated(text: str) -> bool:
    """"SITE SITE": a converter's doubled heading."""
    words = text.split()
    return len(words) >= 2 and len({w.casefold() for w in words}) == 1


def _minutes_title(lines: list[Line], i: int) -> str | None:
    """"MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF LIMERICK CITY AND / COUNTY COUNCIL HELD IN ...":
    the sentence (joined where it wraps) up to where it says where and when."""
    if not re.match(r"^(?:draft\s+)?minutes\s+of\b", lines[i].text, re.I):
        return None
    text = lines[i].text
    for nxt in lines[i + 1:i + 4]:
        if _MINUTES_END.search(text) or label_of(nxt.text) or nxt.heading:
            break
        text = f"{text} {nxt.text}"
    if not _MINUTES_OF.match(text):
        return None
    cut = _MINUTES_END.search(text)
    title = (text[:cut.start()] if cut else lines[i].text).strip(" ,.;:")
    return title if 3 <= len(title.split()) <= 24 else None


def find_title(lines: list[Line], title_hint: str | None) -> str | None:
    """The paper's title: a "Title:" label's value, a "Minutes of ... meeting of X" line, else the
    first heading-like line that is not boilerplate, a letterhead or a bare date."""
    value = first_value(lines, TITLE_LABELS, limit=40) or _value_after(lines, "subject matter / title of decision")
    if value:
        return value
    for line in lines[:40]:
        m = re.match(r"^subject matter\s*/\s*title of decision\s*:?\s*(.+)$", line.text, re.I)
        if m:
            return m.group(1)
    head = [i for i, line in enumerate(lines[:10]) if not BOILERPLATE.match(line.text)][:6]
    for i in head:
        minutes = _minutes_title(lines, i)
        if minutes:
            return minutes
    fallback = None
    for i in head:
        text = lines[i].text
        if not _is_candidate(text):
            continue
        if _LETTERHEAD.match(text) or _only_a_date(text):
            fallback = fallback or text
            continue
        # under headings, a plain line is the paper's body ("Angela Caldara Corinna Edge Rod Scott")
        if lines[i].heading or (len(text.split()) <= 14 and not any(lines[k].heading for k in head if k < i)):
            return text
    generic = title_hint is None or GENERIC_TITLES.match(title_hint) or BOILERPLATE.match(title_hint)
    return (fallback or title_hint) if generic else (title_hint or fallback)


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
