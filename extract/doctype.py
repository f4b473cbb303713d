"""What kind of paper this is: minutes, decision notice, report, agenda item or other.

Each kind has cues with weights; a cue in the paper's first lines (its header) counts three
times. The kind with the highest total wins, `other` when nothing scores.
"""
from __future__ import annotations

import re

from .facts import DocType
from .textlines import Line

HEADER_LINES = 15

Cue = tuple[re.Pattern[str], float]


def _cues(*pairs: tuple[str, float]) -> list[Cue]:
    return [(re.compile(p, re.I | re.M), w) for p, w in pairs]


CUES: dict[DocType, list[Cue]] = {
    DocType.MINUTES: _cues(
        (r"^\s*minutes\b(?! of the (?:previous|last) meeting)(?!\s+of the meeting held on)", 4),
        (r"\bminutes of (?:a|the) (?:\w+ )?meeting of\b", 4),
        (r"\brecord of (?:the )?decisions of the meeting\b", 5),
        (r"^\s*minutes\s*:?\s*$", 5),
        (r"^\s*(?:present|presennol)\s*[:\-]?", 2),
        (r"\bresolved\b", 1.5),
        (r"\bmeeting (?:concluded|closed|ended) at\b", 3),
        (r"^\s*(?:apologies|ymddiheuriadau)\b", 1),
        (r"\bdisposition of (?:council|items)\b", -2),
        (r"\bmotion (?:passed|carried|failed)\b", 1.5),
        (r"\bseconded by\b", 1.5),
        (r"\bheld (?:their|its) meeting\b", 3),
        (r"^\s*cofnodion\b", 3),
    ),
    DocType.DECISION_NOTICE: _cues(
        (r"\brecord of decision\b(?!s of the meeting)", 5),
        (r"\bproposed record of decision\b", 3),
        (r"^\s*decision details\s*$", 6),
        (r"^\s*decision status\s*:", 4),
        (r"^\s*decision maker\s*:", 3),
        (r"^\s*date of decision\s*:", 2),
        (r"\bdecision to be taken by\b", 4),
        (r"\bdisposition of (?:council|items)\b", 6),
        (r"\b(?:notice of|officer) decision\b", 3),
        (r"\bdecision notice\b", 3),
        (r"\b(?:grant|refusal) of planning permission\b", 4),
        (r"\bparticulars of decision\b", 3),
        (r"\bI agree to\s*:", 2),
    ),
    DocType.REPORT: _cues(
        (r"^\s*report (?:to|of|by|author)\s*[:|]", 5),
        (r"^\s*(?:by|from)\s*[:|]", 1),
        (r"^\s*title of meeting\s*:", 3),
        (r"^\s*(?:\d+\.?\s*)?recommendations?\s*(?:\(s\))?\s*:?\s*$", 3),
        (r"^\s*(?:\d+\.?\s*)?purpose of (?:the )?report\b", 3),
        (r"\b(?:is|are) (?:recommended|asked|invited) to\b", 2),
        (r"^\s*(?:\d+\.?\s*)?(?:financial|legal|equalit\w+) implications\b", 1.5),
        (r"^\s*background (?:papers|documents)\b", 1.5),
        (r"^\s*(?:key decision|wards affected|electoral divisions?)\s*:", 2),
        (r"^\s*contact officer\b", 1.5),
        (r"^\s*(?:executive )?summary\b", 1),
        (r"\bofficer report\b", 3),
    ),
    DocType.AGENDA_ITEM: _cues(
        (r"^\s*agenda\s*$", 5),
        (r"^\s*agenda\b(?! item\s*$)", 2),
        (r"\bnotice of (?:the )?meeting\b", 3),
        (r"\(pages? \d+\s*-\s*\d+\)", 2),
        (r"\bsummons\b", 2),
        (r"^\s*(?:date and time|venue|membership)\s*:?", 1),
        (r"^\s*agenda item\s*$", 2),
    ),
}


def classify(lines: list[Line]) -> DocType:
    header = "\n".join(line.text for line in lines[:HEADER_LINES])
    body = "\n".join(line.text for line in lines)
    scores: dict[DocType, float] = {}
    for kind, cues in CUES.items():
        total = 0.0
        for pattern, weight in cues:
            if pattern.search(header):
                total += 3 * weight
            hits = len(pattern.findall(body))
            total += weight * min(hits, 3)
        scores[kind] = total
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    return kind if score >= 3 else DocType.OTHER
