"""The annotations extract's components leave on a spaCy Doc.

A component appends spans to `doc.spans[SPAN_KEYS[kind]]` and puts the fact's typed fields (all
but text and location) in `span._.fact`; the metadata component sets `doc._.meta`. The Document
being read is in `doc.user_data["document"]` for components that need its blocks.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ingest.model import Document

from .facts import DocumentMeta, FactKind

SPAN_KEYS: dict[FactKind, str] = {kind: f"mb_{kind.value}" for kind in FactKind}

if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)


def document_of(doc: Doc) -> Document:
    return doc.user_data["document"]


def annotate(doc: Doc, kind: FactKind, span: Span, **fields: Any) -> None:
    """Record one fact: the span it quotes and its typed fields."""
    span._.fact = fields
    key = SPAN_KEYS[kind]
    group = list(doc.spans[key]) if key in doc.spans else []
    group.append(span)
    doc.spans[key] = group


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """A span covering the characters [start, end), widened to token boundaries."""
    return doc.char_span(start, end, alignment_mode="expand")


def set_meta(doc: Doc, meta: DocumentMeta) -> None:
    doc._.meta = meta
