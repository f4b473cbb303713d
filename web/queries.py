"""The read queries behind both the pages and the API: each returns one plain, JSON-ready context.

A page renders the context with a template; its API twin returns the same context as JSON, so the
two never drift. Everything here reads through the `Store` protocol and nothing else.
"""
from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import Any, Mapping

from extract.facts import DocType, Fact, FactKind
from search.model import Filters, Mode, SearchQuery, StoredDocument
from search.store import Store

from .errors import not_found
from .params import Param, ParamKind, parse_args

DOCUMENT_ID = r"[0-9a-f]{64}"
MAX_QUERY_CHARS = 500
MAX_LIMIT = 100

FILTER_PARAMS = (
    Param("authority", "only papers of this council (canonical name)", max_length=200),
    Param("doc_type", "only papers of this kind", choices=tuple(t.value for t in DocType)),
    Param("committee", "only papers of this committee or decision maker", max_length=200),
    Param("since", "only papers dated on or after this day", kind=ParamKind.DATE),
    Param("until", "only papers dated on or before this day", kind=ParamKind.DATE),
)

SEARCH_FILTER_PARAMS = (
    *FILTER_PARAMS,
    Param("fact_type", "only papers holding at least one fact of this kind",
          choices=tuple(k.value for k in FactKind)),
)

SEARCH_PARAMS = (
    Param("q", "what to look for", required=True, max_length=MAX_QUERY_CHARS),
    Param("mode", "how to match", choices=tuple(m.value for m in Mode), default=Mode.HYBRID.value),
    Param("limit", "how many passages", kind=ParamKind.INTEGER, minimum=1, maximum=MAX_LIMIT, default=10),
    *SEARCH_FILTER_PARAMS,
)

DOCUMENTS_PARAMS = (
    Param("limit", "page size", kind=ParamKind.INTEGER, minimum=1, maximum=MAX_LIMIT, default=20),
    Param("cursor", "next_cursor of the previous page", pattern=DOCUMENT_ID),
    *FILTER_PARAMS,
)

FACTS_PARAMS = (
    Param("type", "only facts of this kind", choices=tuple(k.value for k in FactKind)),
    Param("document_id", "only facts of this document", pattern=DOCUMENT_ID),
    Param("limit", "page size", kind=ParamKind.INTEGER, minimum=1, maximum=MAX_LIMIT, default=50),
    Param("cursor", "next_cursor of the previous page", pattern=r"\d{1,9}"),
    *FILTER_PARAMS,
)

DOCUMENT_FACTS_PARAMS = (
    Param("type", "only facts of this kind", choices=tuple(k.value for k in FactKind)),
)


def _filters(values: Mapping[str, Any]) -> Filters:
    return Filters(authority=values.get("authority"), committee=values.get("committee"),
                   doc_type=values.get("doc_type"), since=values.get("since"),
                   until=values.get("until"), fact_type=values.get("fact_type"))


def _filter_context(values: Mapping[str, Any],
                    params: tuple[Param, ...] = FILTER_PARAMS) -> dict[str, Any]:
    return {p.name: values.get(p.name) for p in params}


def search(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """Ranked passages: the shape of `minutebook search --json` (with `matched_documents` and
    `facets` counted over every match, not just this page), plus `limit` and `filters`."""
    values = parse_args(SEARCH_PARAMS, args)
    query = SearchQuery(text=values["q"], mode=Mode(values["mode"]), limit=values["limit"],
                        filters=_filters(values))
    body = store.search(query).to_dict()
    return {**body, "limit": query.limit,
            "filters": _filter_context(values, SEARCH_FILTER_PARAMS)}


RESULTS_PER_PAGE = 10
SEARCH_PAGE_PARAMS = (
    Param("page", "which page of papers", kind=ParamKind.INTEGER, minimum=1, maximum=1000, default=1),
)


def search_page(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """The search page's context: the API's search (up to 50 passages unless `limit` says), with
    the passages grouped by paper and the papers a page at a time."""
    page = parse_args(SEARCH_PAGE_PARAMS, args)["page"]
    result = search(store, {"limit": "50", **args})
    groups: dict[str, dict] = {}
    for r in result["results"]:
        group = groups.setdefault(r["document_id"], {
            "document_id": r["document_id"], "title": r["title"] or r["source"],
            "authority": r["authority"], "doc_type": r["doc_type"], "date": r["date"],
            "passages": []})
        group["passages"].append(r)
    ordered = list(groups.values())
    pages = max(1, -(-len(ordered) // RESULTS_PER_PAGE))
    start = (page - 1) * RESULTS_PER_PAGE
    return {**result, "groups": ordered[start:start + RESULTS_PER_PAGE], "page": page,
            "pages": pages, "papers": len(ordered)}


def source_file(document: StoredDocument) -> Path | None:
    """The original file, if the recorded source path still holds a file."""
    path = Path(document.source)
    return path if document.source and path.is_file() else None


def document_record(document: StoredDocument) -> dict[str, Any]:
    record = asdict(document)
    record.pop("text", None)
    record["date"] = document.meeting_date or document.decision_date
    record["has_file"] = source_file(document) is not None
    return record


def fact_record(document_id: str, fact: Fact) -> dict[str, Any]:
    return {"document_id": document_id, **fact.to_dict()}


def require_document(store: Store, document_id: str) -> StoredDocument:
    document = store.get_document(document_id) if _is_document_id(document_id) else None
    if document is None:
        raise not_found(f"no document with id '{document_id}'")
    return document


def _is_document_id(value: str) -> bool:
    return re.fullmatch(DOCUMENT_ID, value) is not None


def document_facts(store: Store, document_id: str, args: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A document's facts grouped by kind, in a fixed kind order; `type` narrows to one kind."""
    values = parse_args(DOCUMENT_FACTS_PARAMS, args or {})
    require_document(store, document_id)
    grouped: dict[str, list[dict]] = {k.value: [] for k in FactKind}
    for number, (doc_id, fact) in enumerate(store.facts(document_id=document_id)):
        if values["type"] in (None, fact.kind.value):
            grouped[fact.kind.value].append({**fact_record(doc_id, fact), "anchor": f"fact-{number}"})
    if values["type"]:
        grouped = {values["type"]: grouped[values["type"]]}
    return {"document_id": document_id, "facts": grouped,
            "counts": {kind: len(items) for kind, items in grouped.items()}}


def document_detail(store: Store, document_id: str) -> dict[str, Any]:
    """Metadata, the text as blocks grouped by page (each with its `#p{page}-{paragraph}` anchor), facts."""
    document = require_document(store, document_id)
    pages: dict[int, list[dict]] = {}
    for block in store.blocks(document_id):
        item = {**block, "anchor": f"p{block['page']}-{block['paragraph']}"}
        pages.setdefault(block["page"], []).append(item)
    facts = document_facts(store, document_id)
    add_highlights([b for blocks in pages.values() for b in blocks],
                   [f for items in facts["facts"].values() for f in items])
    return {
        "document": document_record(document),
        "pages": [{"page": number, "blocks": blocks} for number, blocks in sorted(pages.items())],
        "facts": facts["facts"],
        "fact_counts": facts["counts"],
        "related": related_documents(store, document, facts["facts"]),
    }


def add_highlights(blocks: list[dict], facts: list[dict]) -> None:
    """Give each block the spans of its facts, as offsets into the block's own text.

    A fact is placed by its location's start/end (offsets in the document text) within the block
    that holds it; overlapping spans keep the first, so the marked-up text stays well nested.
    """
    located = sorted((f for f in facts if f.get("location")),
                     key=lambda f: (f["location"]["start"], -f["location"]["end"]))
    for block in blocks:
        spans, last_end = [], block["start"]
        for f in located:
            start, end = f["location"]["start"], f["location"]["end"]
            if start < block["start"] or end > block["end"] or start < last_end or end <= start:
                continue
            spans.append({"start": start - block["start"], "end": end - block["start"],
                          "fact": f["anchor"], "kind": f["type"]})
            last_end = end
        block["highlights"] = spans


RELATED_LIMIT = 5


def related_documents(store: Store, document: StoredDocument,
                      facts: Mapping[str, list[dict]]) -> list[dict[str, Any]]:
    """Other papers on the same item: a search for this paper's title and decision subjects."""
    subjects = {f.get("subject") for f in facts.get("decision", []) if f.get("subject")}
    text = " ".join(t for t in (document.title, *sorted(subjects)) if t)[:MAX_QUERY_CHARS].strip()
    if not text:
        return []
    response = store.search(SearchQuery(text=text, mode=Mode.HYBRID, limit=30))
    if response.weak:
        return []
    out: dict[str, dict] = {}
    for r in response.results:
        if r.document_id != document.id and r.document_id not in out:
            out[r.document_id] = {"document_id": r.document_id, "title": r.title or r.source,
                                  "doc_type": r.doc_type, "authority": r.authority, "date": r.date,
                                  "anchor": f"p{r.page}-{r.paragraph}"}
    return list(out.values())[:RELATED_LIMIT]


def documents(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """One page of documents, newest first; `next_cursor` fetches the next page (null at the end)."""
    values = parse_args(DOCUMENTS_PARAMS, args)
    limit = values["limit"]
    rows = store.list_documents(_filters(values), limit=limit + 1, after=values["cursor"])
    more = len(rows) > limit
    rows = rows[:limit]
    return {"documents": [document_record(d) for d in rows],
            "next_cursor": rows[-1].id if more and rows else None,
            "filters": _filter_context(values)}


def facts(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """Facts across the corpus in document then position order, a page at a time."""
    values = parse_args(FACTS_PARAMS, args)
    limit, offset = values["limit"], int(values["cursor"] or 0)
    if values["document_id"]:
        require_document(store, values["document_id"])
    pairs = store.facts(document_id=values["document_id"], kind=values["type"],
                        filters=_filters(values), limit=limit + 1, offset=offset)
    more = len(pairs) > limit
    titles: dict[str, str | None] = {}
    records = []
    for doc_id, fact in pairs[:limit]:
        if doc_id not in titles:
            found = store.get_document(doc_id)
            titles[doc_id] = (found.title or found.source) if found else None
        records.append({**fact_record(doc_id, fact), "document_title": titles[doc_id]})
    return {"type": values["type"], "document_id": values["document_id"], "facts": records,
            "next_cursor": str(offset + limit) if more else None,
            "filters": _filter_context(values)}


FACT_TYPE_LABELS = {FactKind.DECISION.value: "Decisions", FactKind.MONEY.value: "Amounts of money",
                    FactKind.PERSON.value: "People", FactKind.ORGANISATION.value: "Organisations",
                    FactKind.DATE.value: "Dates"}


def filter_options(store: Store) -> dict[str, Any]:
    """The authorities and document kinds present, for the search form's choices, and the kinds
    of fact a paper can be required to hold, with their labels."""
    stats = store.stats()
    by_authority = stats.get("documents_by_authority", {})
    by_type = stats.get("documents_by_doc_type", {})
    known = [t.value for t in DocType]
    return {"authorities": sorted(a for a in by_authority if a and a != "unknown"),
            "doc_types": [t for t in known if t in by_type] or known,
            "fact_types": FACT_TYPE_LABELS}
