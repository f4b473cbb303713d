"""The words that say what became of a decision, and the outcome they stand for.

English and Welsh minute-taking words ("noted", "Nodwyd", "cymeradwywyd"), report words ("is
recommended to"), decision-notice statuses ("Recommendations Approved") and Winnipeg-style
dispositions ("AMENDED AND ADOPTED").
"""
from __future__ import annotations

import re

from .facts import Outcome

# Order breaks ties between words found at the same place.
VERBS: tuple[tuple[Outcome, re.Pattern[str]], ...] = tuple((o, re.compile(p, re.I)) for o, p in (
    (Outcome.DELEGATED, r"\b(?:be|is|are|was|were) delegated to\b"),
    (Outcome.RECOMMENDED, r"\brecommends?\s+(?:to\s+)?(?:the\s+)?(?:full\s+)?(?:county\s+|city\s+)?"
                          r"(?:council|cabinet|executive|board)\b|\bbe recommended\b"),
    (Outcome.DEFERRED, r"\b(?:defer(?:s|red)?|postpone[sd]?|laid over|adjourn(?:ed)?|referred back|"
                       r"gohiri\w*)\b"),
    (Outcome.REJECTED, r"\b(?:reject(?:s|ed)?|refuse[sd]?|not (?:be )?(?:approved|agreed|supported|adopted)|"
                       r"declined?|defeated|motion (?:failed|lost)|gwrthodwyd)\b"),
    (Outcome.NOTED, r"\b(?:note[sd]?|noting|received?(?: the)?(?: report)? (?:for|as) information|be received|"
                    r"nodi|nodwyd|nodir)\b"),
    (Outcome.APPROVED, r"\b(?:approv\w*|adopt(?:s|ed)?|accept(?:s|ed)?|grant(?:s|ed)?|ratif\w+|"
                       r"correct record|cymeradwy\w*)\b"),
    (Outcome.AGREED, r"\b(?:agree[sd]?|endorse[sd]?|support(?:s|ed)?|elected|appoint(?:s|ed)?|resolved?|"
                     r"decided|authoris\w+|authoriz\w+|cytun\w*|carried|passed)\b"),
))

STATUSES: tuple[tuple[Outcome, re.Pattern[str]], ...] = tuple((o, re.compile(p, re.I)) for o, p in (
    (Outcome.DEFERRED, r"\b(?:deferred|postponed|withdrawn|laid over|referred|extension of time)\b"),
    (Outcome.REJECTED, r"\b(?:rejected|refused|not approved|lost|defeated|failed)\b"),
    (Outcome.RECOMMENDED, r"\b(?:for determination|recommendations? to|pending|proposed)\b"),
    (Outcome.NOTED, r"\b(?:noted|received|for information)\b"),
    (Outcome.APPROVED, r"\b(?:approved|adopted|granted|made|accepted|carried|implemented|concurred)\b"),
    (Outcome.AGREED, r"\b(?:agreed|endorsed|resolved|passed)\b"),
))


def verb_outcome(text: str) -> Outcome | None:
    """The outcome of the earliest decision word in `text`."""
    best: tuple[int, int, Outcome] | None = None
    for rank, (outcome, pattern) in enumerate(VERBS):
        m = pattern.search(text)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, outcome)
    return best[2] if best else None


def status_outcome(text: str) -> Outcome | None:
    """The outcome a status or disposition names ("Recommendations Approved", "LAID OVER")."""
    for outcome, pattern in STATUSES:
        if pattern.search(text):
            return outcome
    return None
