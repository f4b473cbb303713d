"""extract: metadata and key facts (money, dates, people, organisations, decisions) from Documents."""
from .facts import DocType, DocumentMeta, Extraction, Fact, FactKind


def extract(document, nlp=None):
    """Lazy entry point so importing the package loads no model."""
    from .pipeline import extract as _extract

    return _extract(document, nlp)


__all__ = ["DocType", "DocumentMeta", "Extraction", "Fact", "FactKind", "extract"]
