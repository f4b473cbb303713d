"""Papers with their paragraphs, and the numbered citations a briefing gives them.

A statement is cited only after its quote has been found in the paragraph cited; facts whose
recorded location does not hold their text are looked for in the rest of the paper, and left out
when they cannot be found, so a citation never points at a paragraph that does not say it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.facts import Location
from search.model import StoredDocument
from search.store import Store

from .model import BriefingSource
from .sentences import plain


@dataclass(frozen=True)
class Paragraph:
    document_id: str
    page: int
    paragraph: int
    start: int  # offsets in the document text
    end: int
    text: str
    kind: str

    def holds(self, quote: str) -> bool:
        return bool(quote) and plain(quote).lower() in plain(self.text).lower()


@dataclass
class Paper:
    document: StoredDocument
    paragraphs: list[Paragraph]

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def date(self) -> str | None:
        return self.document.meeting_date or self.document.decision_date

    def at(self, offset: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        return None

    def within(self, start: int, end: int) -> list[Paragraph]:
        """Paragraphs that lie in the span start..end (a passage)."""
        return [p for p in self.paragraphs if p.start < end and p.end > start]

    def locate(self, quote: str, location: Location | None) -> Paragraph | None:
        """The paragraph holding `quote`: the recorded one if it does, else the one at the recorded
        offset, else the first that does."""
        if location is not None:
            for p in self.paragraphs:
                if (p.page, p.paragraph) == (location.page, location.paragraph) and p.holds(quote):
                    return p
            found = self.at(location.start)
            if found is not None and found.holds(quote):
                return found
        return next((p for p in self.paragraphs if p.holds(quote)), None)


def load_paper(store: Store, document_id: str) -> Paper | None:
    document = store.get_document(document_id)
    if document is None:
        return None
    paragraphs = [Paragraph(document_id, b["page"], b["paragraph"], b["start"], b["end"], b["text"],
                            b["kind"]) for b in store.blocks(document_id)]
    return Paper(document, paragraphs)


@dataclass
class CitationBook:
    """Numbers paragraphs in the order the note first cites them; one number per paragraph."""

    sources: list[BriefingSource] = field(default_factory=list)
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def cite(self, paper: Paper, paragraph: Paragraph, quote: str) -> int:
        if not paragraph.holds(quote):
            raise ValueError(f"paragraph {paragraph.page}.{paragraph.paragraph} of "
                             f"{paper.id} does not hold the quote {quote[:60]!r}")
        key = (paper.id, paragraph.page, paragraph.paragraph)
        if key not in self._numbers:
            doc = paper.document
            anchor = f"p{paragraph.page}-{paragraph.paragraph}"
            self._numbers[key] = len(self.sources) + 1
            self.sources.append(BriefingSource(
                number=len(self.sources) + 1, document_id=doc.id,
                title=doc.title or doc.source.rsplit("/", 1)[-1], authority=doc.authority,
                doc_type=doc.doc_type, date=paper.date, page=paragraph.page,
                paragraph=paragraph.paragraph, source=doc.source, anchor=anchor,
                path=f"/documents/{doc.id}#{anchor}"))
        return self._numbers[key]
