"""Typed records of a briefing note: every statement carries the verbatim text it rests on
(`quote`) and the number of its citation (`cite`) in `Briefing.sources`.

Nothing here is written by the program: `quote` and the named values come from the papers (verbatim
or as extracted values); renderers only add fixed template wording around them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Format(str, Enum):
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


@dataclass(frozen=True)
class BriefingSource:
    """A numbered citation: one paragraph of one stored paper."""

    number: int
    document_id: str
    title: str  # the paper's title, else its file name
    authority: str | None
    doc_type: str | None
    date: str | None  # the paper's meeting or decision date (ISO)
    page: int
    paragraph: int
    source: str  # where the paper was ingested from
    anchor: str  # the fragment the web document page gives this paragraph: p{page}-{paragraph}
    path: str  # /documents/<id>#<anchor>, the paragraph on the web document page


@dataclass(frozen=True)
class SummaryPoint:
    quote: str  # a sentence from the papers
    cite: int
    relevance: float


@dataclass(frozen=True)
class KeyFigure:
    quote: str  # the sentence that states the figure
    cite: int
    amount_text: str  # the figure as written ("up to £5m")
    amount: float | None
    currency: str = "GBP"
    per: str | None = None
    qualifier: str | None = None
    fiscal_year: str | None = None
    purpose: str | None = None
    authority: str | None = None
    date: str | None = None  # the paper's date
    period: str | None = None  # the time the chart places it at: fiscal year, else paper date


@dataclass(frozen=True)
class DecisionItem:
    quote: str  # the decision as the paper words it
    cite: int
    subject: str | None
    decision_maker: str | None
    outcome: str | None
    authority: str | None
    date: str | None  # ISO
    date_quote: str | None = None  # the date as the paper writes it, where it could be cited
    date_cite: int | None = None


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # ISO day or month
    quote: str  # the sentence holding the date
    cite: int
    date_text: str  # the date as written
    role: str | None
    authority: str | None


@dataclass(frozen=True)
class PersonItem:
    name: str
    quote: str  # the name as written where cited
    cite: int
    role: str | None
    councillor: bool | None
    authorities: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskItem:
    quote: str  # a sentence stating a concern, a pressure, a deadline or an end
    cite: int
    cue: str  # the word that marked it ("risk", "until", "June 2025" ...)


@dataclass(frozen=True)
class Briefing:
    topic: str
    title: str
    prepared_on: str  # ISO date the note was composed
    enough: bool  # False: too little in the papers; `message` says so
    message: str | None = None
    authority: str | None = None
    since: str | None = None
    relevant_passages: int = 0
    papers: int = 0  # papers the note draws on
    period_from: str | None = None
    period_to: str | None = None
    summary: tuple[SummaryPoint, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    decisions: tuple[DecisionItem, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    people: tuple[PersonItem, ...] = ()
    risks: tuple[RiskItem, ...] = ()
    sources: tuple[BriefingSource, ...] = field(default_factory=tuple)

    def source(self, number: int) -> BriefingSource:
        return self.sources[number - 1]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


RECORDS = (Briefing, BriefingSource, SummaryPoint, KeyFigure, DecisionItem, TimelineEvent,
           PersonItem, RiskItem)
