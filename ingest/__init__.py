"""ingest: read PDF, DOCX, HTML, Markdown and text papers into Documents with provenance."""
from .model import Block, BlockKind, Document, Format, IngestError
from .reader import read_bytes, read_document

__all__ = ["Block", "BlockKind", "Document", "Format", "IngestError", "read_bytes", "read_document"]
