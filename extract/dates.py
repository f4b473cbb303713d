"""dates component: one DateFact per date mention, with its role where the words before it say.

Roles: meeting ("Date of meeting:", "held on"), decision ("Date of decision", "decided on"),
publication ("Publication date", "published on"), effective ("Effective from", "with effect from",
"from" when it opens no period), deadline ("by", "no later than", "deadline", "call-in expiry"),
funding_end ("until", "funding ends", "due to end in", "runs out"). The role is read only from the
words directly before the date (label lines included), never across a sentence.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .annotations import annotate, char_span
from .date_text import DateMention, find_dates
from .facts import FactKind

_ROLE_CUES: list[tuple[str, str]] = [
    ("meeting", r"date\s+of\s+(?:the\s+)?meeting|meeting\s+date|meeting\s+held\s+on|held\s+on|"
                r"meeting\s+(?:on|of\s+[^.]{0,80}?\s+on)|date\s+of\s+(?:the\s+)?(?:next\s+)?meeting\s+(?:is|was|will\s+be)"),
    ("decision", r"date\s+of\s+(?:the\s+)?decision|decision\s+date|decided\s+on|decision\s+(?:made|taken)(?:\s+on)?|"
                 r"date\s+(?:decision\s+)?(?:made|taken)|date\s+of\s+record\s+of\s+decision"),
    ("publication", r"date\s+(?:of\s+)?publi(?:shed|cation)|publication\s+date|published(?:\s+on)?|"
                    r"date\s+(?:of\s+)?issued?|issued\s+on|issue\s+date"),
    ("effective", r"effective\s+(?:from|date|on)|with\s+effect\s+from|effective|come?s?\s+into\s+(?:effect|force)(?:\s+(?:on|from))?|"
                  r"takes?\s+effect(?:\s+(?:on|from))?|commenc\w*(?:\s+(?:on|from))?|implemented\s+(?:on|from)|"
                  r"start(?:s|ing)?\s+(?:on|from)"),
    ("deadline", r"no\s+later\s+than|not\s+later\s+than|deadline(?:\s+(?:of|is|date|for\s+\w+(?:\s+\w+)?))?|"
                 r"call[\s-]in\s+(?:expiry|deadline|period\s+(?:ends|expires))(?:\s+date)?|expiry\s+date|"
                 r"closing\s+date|by|before"),
    ("funding_end", r"until|till|funding\s+(?:ends?|runs?\s+out|expires?|is\s+due\s+to\s+end)(?:\s+(?:on|in))?|"
                    r"due\s+to\s+(?:end|finish|expire)\s+(?:on|in)|ends?\s+(?:on|in)|runs?\s+out\s+(?:on|in)|"
                    r"conclude[sd]?\s+(?:on|in)|expires?\s+(?:on|in)|up\s+to\s+and\s+including"),
]
_CUES = [(role, re.compile(r"(?:^|\b)(?:" + cue + r")[\s:|,.\-\u2013]*(?:(?:on|in|the|of)\s+){0,2}$", re.I))
         for role, cue in _ROLE_CUES]
_FROM = re.compile(r"(?:^|\b)(?:from|as\s+from|as\s+of)[\s:]*$", re.I)
_PERIOD_AFTER = re.compile(r"^\s*(?:-|\u2013|\u2014|to|until|till|and)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(\[\"'])")


def _prefix(text: str, start: int) -> str:
    """The words before a date, back to the sentence start, with table bars and line breaks as spaces."""
    window = text[max(0, start - 120):start]
    cuts = list(_SENTENCE_END.finditer(window))
    if cuts:
        window = window[cuts[-1].end():]
    return re.sub(r"[\s|]+", " ", window)


def role_of(text: str, mention: DateMention) -> str | None:
    before = _prefix(text, mention.start)
    for role, cue in _CUES:
        if cue.search(before):
            return role
    if _FROM.search(before) and not _PERIOD_AFTER.match(text[mention.end:mention.end + 10]):
        return "effective"
    return None


@Language.factory("minutebook_dates")
def make_dates(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        for mention in find_dates(doc.text):
            span = char_span(doc, mention.start, mention.end)
            if span is None:
                continue
            annotate(doc, FactKind.DATE, span, start=mention.start, end=mention.end, value=mention.value,
                     role=role_of(doc.text, mention))
        return doc

    return component

