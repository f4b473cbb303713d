"""metadata component: the paper's kind, title, authority, committee, dates and author.

Runs last, so it can also use the date spans the dates component left (role "meeting" or
"decision") when no label or opening sentence gives the date.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .annotations import SPAN_KEYS, document_of, set_meta
from .authority import find_authority
from .calendar_dates import find_date, parse_date
from .facts import DocType, DocumentMeta, FactKind
from .paper import profile
from .textlines import Line, first_value, label_of, labelled_values

HEADER_LINES = 30
MEETING_LABELS = ("date of meeting", "meeting date", "date of the meeting", "meeting", "date",
                  "date and time", "date of council meeting", "dyddiad")
DECISION_LABELS = ("date of decision", "decision date", "decision made", "date decision made",
                   "date decision taken", "decision taken", "date of decision notice", "date decided",
                   "decision issued", "date of issue", "decision dated")
AUTHOR_LABELS = ("report by", "report of", "report author", "author", "contact officer", "lead officer",
                 "by", "from", "officer", "contact", "responsible officer")
_HELD_ON = re.compile(
    r"\b(?:held|meeting|cyfarfod|cynhaliwyd)\b(?:[^.]|(?<=\b[A-Za-z]{2})\.|(?<=\d)\.(?=\d)){0,160}?\b(?:on|ar)\b(?:\s+(?:the|y|yr))?\s+"
    r"(?P<rest>[^.]{0,60})", re.I)
# (a period after a two-letter abbreviation does not end the sentence: "Kilmallock, Co. Limerick, on ...";
# nor does one inside a time: "HELD AT WEST DEREHAM VILLAGE HALL AT 7.30 pm ON THURSDAY 08 NOVEMBER 2018")
_AT_MEETING = re.compile(r"\bat (?:its|their|the) meeting (?:held )?on\s+(?P<rest>[^.]{0,60})", re.I)
_ADDRESSED_TO = re.compile(r"^(?:report\s+)?to\s*:?\s+(?=[A-Z])(?P<rest>.{3,80})$", re.I)
# "2. Minutes of the meeting held on 11 October 2018 were agreed": another meeting's date.
_EARLIER_MEETING = re.compile(r"\b(?:minutes|previous|last)\b.{0,30}\bmeeting\b.{0,20}\bheld\b", re.I)
_FRONT_MATTER_DATE = re.compile(r"^date:\s*(\d{4}-\d\d-\d\d)", re.I | re.M)


def _meeting_date(lines: list[Line], text: str, doc_type: DocType) -> str | None:
    header = lines[:HEADER_LINES]
    for line in header:
        m = re.match(r"^decided at meeting\s*:\s*(.*)$", line.text, re.I)
        if m and parse_date(m.group(1)):
            return parse_date(m.group(1))
    if doc_type == DocType.DECISION_NOTICE:  # "authorised by the Cabinet at its meeting on 27 July 2021"
        for line in lines:
            m = _AT_MEETING.search(line.text)
            if m and parse_date(m.group("rest")):
                return parse_date(m.group("rest"))
        return None
    for label, value, _ in labelled_values(header):
        if label in MEETING_LABELS and parse_date(value):
            return parse_date(value)
    if doc_type in (DocType.REPORT, DocType.AGENDA_ITEM, DocType.OTHER):
        for line in header[:12]:  # "To: Cabinet - 30 January 2025": the meeting the report goes to
            m = _ADDRESSED_TO.match(line.text)
            if m and parse_date(m.group("rest")):
                return parse_date(m.group("rest"))
    if doc_type in (DocType.MINUTES, DocType.AGENDA_ITEM):
        for line in lines[:4]:
            found = find_date(line.text)
            if found and found[1] <= 40 and not _EARLIER_MEETING.search(line.text):
                return found[0]
    if doc_type == DocType.MINUTES:
        for line in lines[:8]:
            m = re.search(r"\bmeeting\b(?:[^.]|(?<=\d)\.(?=\d)){0,80}?(?P<rest>(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                          r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})", line.text, re.I)
            if m and parse_date(m.group("rest")):
                return parse_date(m.group("rest"))
    joined = " ".join(line.text for line in lines[:12])
    for m in _HELD_ON.finditer(joined):
        found = parse_date(m.group("rest"))
        if found:
            return found
    m = _FRONT_MATTER_DATE.search(text[:400])
    if m:
        return m.group(1)
    if doc_type in (DocType.MINUTES, DocType.AGENDA_ITEM):
        for line in lines[:6]:
            if len(line.text) <= 80:
                found = find_date(line.text)
                if found:
                    return found[0]
    return None


def _decision_date(lines: list[Line], doc_type: DocType) -> str | None:
    for label, value, _ in labelled_values(lines):
        # a converter may run a section heading into the label: "Informatives Date of decision:"
        if (label in DECISION_LABELS or any(label.endswith(" " + d) for d in DECISION_LABELS[:2])) \
                and (parse_date(value) or find_date(value)):
            return parse_date(value) or find_date(value)[0]
    if doc_type == DocType.DECISION_NOTICE:  # a disposition list dated in its heading
        for line in lines[:6]:
            if len(line.text) <= 60 and not label_of(line.text) and find_date(line.text):
                return find_date(line.text)[0]
    return None


def _span_date(doc: Doc, role: str) -> str | None:
    key = SPAN_KEYS[FactKind.DATE]
    for span in doc.spans.get(key, []) if key in doc.spans else []:
        fact = span._.fact or {}
        if fact.get("role") == role and fact.get("value") and len(str(fact["value"])) == 10:
            return fact["value"]
    return None


def _author(lines: list[Line]) -> str | None:
    value = first_value(lines, AUTHOR_LABELS)
    if not value:
        return None
    value = re.split(r"\s+(?:tel|email|e-mail|telephone)\b|\s*\|", value, flags=re.I)[0].strip(" ,;")
    return value or None


@Language.factory("minutebook_metadata")
def make_metadata(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        paper = profile(doc)
        document = document_of(doc)
        lines = paper.lines
        meeting = _meeting_date(lines, document.text, paper.doc_type) or (
            _span_date(doc, "meeting") if paper.doc_type != DocType.DECISION_NOTICE else None)
        decision = _decision_date(lines, paper.doc_type) or _span_date(doc, "decision")
        set_meta(doc, DocumentMeta(
            doc_type=paper.doc_type,
            title=paper.title,
            authority=find_authority(lines),
            committee=paper.committee,
            meeting_date=meeting,
            decision_date=decision,
            author=_author(lines) or document.author_hint,
        ))
        return doc

    return component
