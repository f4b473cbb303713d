"""Cross-document registers behind the pages and their API twins: decisions, money, people,
organisations and authorities, and a topic's timeline.

Each function takes the store and the raw query arguments and returns one JSON-ready context, as
web/queries.py does for search and documents.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from typing import Any, Iterable, Mapping

from extract.facts import Fact, FactKind, Outcome
from search.model import Filters, Mode, SearchQuery, StoredDocument
from search.store import Store

from .errors import not_found
from .params import Param, ParamKind, parse_args
from .queries import MAX_LIMIT, MAX_QUERY_CHARS, fact_record

OFFSET_CURSOR = r"\d{1,9}"
KEY_PATTERN = r"[a-z0-9-]{1,120}"


def _page_params(default: int) -> tuple[Param, ...]:
    return (Param("limit", "page size", kind=ParamKind.INTEGER, minimum=1, maximum=MAX_LIMIT,
                  default=default),
            Param("cursor", "next_cursor of the previous page", pattern=OFFSET_CURSOR))


AUTHORITY = Param("authority", "only papers of this council (canonical name)", max_length=200)
SINCE = Param("since", "only papers dated on or after this day", kind=ParamKind.DATE)
UNTIL = Param("until", "only papers dated on or before this day", kind=ParamKind.DATE)

DECISIONS_PARAMS = (
    AUTHORITY,
    Param("outcome", "only decisions with this outcome", choices=tuple(o.value for o in Outcome)),
    SINCE, UNTIL,
    Param("procedural", "hide (default) or show procedural decisions (apologies, minutes)",
          choices=("hide", "show"), default="hide"),
    *_page_params(50),
)
MONEY_PARAMS = (
    AUTHORITY, SINCE, UNTIL,
    Param("year", "only amounts of this financial year, e.g. 2025/26", pattern=r"\d{4}/\d{2}"),
    *_page_params(100),
)
PEOPLE_PARAMS = (
    AUTHORITY,
    Param("name", "only people whose name contains this", max_length=100),
    *_page_params(100),
)
ORGANISATIONS_PARAMS = (
    Param("name", "only organisations whose name contains this", max_length=100),
    *_page_params(100),
)
TIMELINE_PARAMS = (
    Param("topic", "what the events are about (a search)", required=True, max_length=MAX_QUERY_CHARS),
    AUTHORITY, SINCE, UNTIL,
    Param("documents", "how many matching papers to draw events from", kind=ParamKind.INTEGER,
          minimum=1, maximum=50, default=20),
)


# -- shared pieces -------------------------------------------------------------------------

def key_of(name: str) -> str:
    """A stable URL key for a name: 'Renée Eddy' -> 'renee-eddy'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:120] or "unnamed"


def document_date(document: StoredDocument) -> str | None:
    return document.meeting_date or document.decision_date


def paper_fields(document: StoredDocument) -> dict[str, Any]:
    """The fields of a paper that a row in a register shows beside its fact."""
    return {"document_id": document.id, "document_title": document.title or document.source,
            "authority": document.authority, "committee": document.committee,
            "doc_type": document.doc_type, "date": document_date(document)}


def _anchor(fact: Fact) -> str | None:
    loc = fact.location
    return f"p{loc.page}-{loc.paragraph}" if loc else None


def _row(document: StoredDocument, fact: Fact) -> dict[str, Any]:
    return {**paper_fields(document), **fact_record(document.id, fact), "anchor": _anchor(fact)}


def _filters(values: Mapping[str, Any]) -> Filters:
    return Filters(authority=values.get("authority"), since=values.get("since"),
                   until=values.get("until"))


def _paginate(items: list, values: Mapping[str, Any]) -> tuple[list, str | None]:
    offset, limit = int(values.get("cursor") or 0), values["limit"]
    window = items[offset:offset + limit]
    return window, (str(offset + limit) if offset + limit < len(items) else None)


def _echo(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {n: values.get(n) for n in names}


# -- decisions -----------------------------------------------------------------------------

def decisions(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """Every decision across authorities, newest paper first, each with its paper and paragraph."""
    values = parse_args(DECISIONS_PARAMS, args)
    offset, limit = int(values["cursor"] or 0), values["limit"]
    rows = store.fact_rows(FactKind.DECISION.value, _filters(values), outcome=values["outcome"],
                           include_procedural=values["procedural"] == "show",
                           limit=limit + 1, offset=offset)
    more = len(rows) > limit
    return {"decisions": [_row(d, f) for d, f in rows[:limit]],
            "next_cursor": str(offset + limit) if more else None,
            "filters": _echo(values, "authority", "outcome", "since", "until", "procedural")}


# -- money ---------------------------------------------------------------------------------

def financial_year(day: str | None) -> str | None:
    """The UK financial year (April to March) a date falls in: 2025-01-09 -> 2024/25."""
    try:
        d = date.fromisoformat(day[:10]) if day and len(day) >= 10 else None
    except ValueError:
        return None
    if d is None:
        return None
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _money_row(document: StoredDocument, fact: Fact) -> dict[str, Any]:
    row = _row(document, fact)
    stated = row.get("fiscal_year")
    row["year"] = stated or financial_year(row["date"])
    row["year_source"] = "stated" if stated else ("paper_date" if row["year"] else None)
    return row


def _totals(rows: Iterable[dict], key: str) -> list[dict[str, Any]]:
    """Sums of one-off amounts by `key`; each amount counted once per paper, rates left out."""
    seen: set[tuple] = set()
    sums: dict[str, float] = defaultdict(float)
    counts: Counter = Counter()
    for r in rows:
        if r.get("amount") is None or r.get("per"):
            continue
        ident = (r["document_id"], r["amount"])
        if ident in seen:
            continue
        seen.add(ident)
        label = r.get(key) or "unknown"
        sums[label] += r["amount"]
        counts[label] += 1
    return [{key: label, "total": sums[label], "count": counts[label]} for label in sorted(sums)]


def _money_rows(store: Store, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = [_money_row(d, f) for d, f in store.fact_rows(FactKind.MONEY.value, _filters(values))]
    return [r for r in rows if r["year"] == values["year"]] if values.get("year") else rows


def money_points(store: Store, args: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every amount the money filters select, unpaginated: what the chart plots."""
    return _money_rows(store, parse_args(MONEY_PARAMS, args))


def money(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """Every amount with purpose, year, authority and source; totals by authority and year."""
    values = parse_args(MONEY_PARAMS, args)
    rows = _money_rows(store, values)
    page, cursor = _paginate(rows, values)
    return {"amounts": page, "next_cursor": cursor,
            "totals": {"by_authority": _totals(rows, "authority"), "by_year": _totals(rows, "year")},
            "count": len(rows),
            "filters": _echo(values, "authority", "since", "until", "year")}


# -- people --------------------------------------------------------------------------------

def _people_index(store: Store, filters: Filters | None = None) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for document, fact in store.fact_rows(FactKind.PERSON.value, filters):
        name = getattr(fact, "name", None) or fact.text
        grouped[key_of(name)].append(_row(document, fact))
    return grouped


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _person_summary(key: str, rows: list[dict]) -> dict[str, Any]:
    return {"key": key, "name": _most_common(r.get("name") or r["text"] for r in rows) or key,
            "roles": sorted({r["role"] for r in rows if r.get("role")}),
            "councillor": any(r.get("councillor") for r in rows),
            "authorities": sorted({r["authority"] for r in rows if r.get("authority")}),
            "papers": len({r["document_id"] for r in rows}),
            "meetings_attended": len({r["document_id"] for r in rows if r.get("attendance") == "present"}),
            "mentions": len(rows)}


def people(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """People named in the papers, one entry per name, most often named first."""
    values = parse_args(PEOPLE_PARAMS, args)
    summaries = [_person_summary(k, rows) for k, rows in _people_index(store, _filters(values)).items()]
    if values["name"]:
        needle = values["name"].lower()
        summaries = [s for s in summaries if needle in s["name"].lower()]
    summaries.sort(key=lambda s: (-s["mentions"], s["name"].lower()))
    page, cursor = _paginate(summaries, values)
    return {"people": page, "next_cursor": cursor, "filters": _echo(values, "authority", "name")}


def person(store: Store, key: str) -> dict[str, Any]:
    """One person: roles held, meetings attended and every paper and paragraph naming them."""
    rows = _people_index(store).get(key) if re.fullmatch(KEY_PATTERN, key) else None
    if not rows:
        raise not_found(f"no person with key '{key}'")
    roles: dict[str, dict] = {}
    for r in rows:
        if r.get("role") and r["role"] not in roles:
            roles[r["role"]] = {"role": r["role"], **paper_fields_of(r)}
    meetings: dict[str, dict] = {}
    for r in rows:
        if r.get("attendance") and r["document_id"] not in meetings:
            meetings[r["document_id"]] = {"attendance": r["attendance"], **paper_fields_of(r)}
    return {"person": _person_summary(key, rows), "roles": list(roles.values()),
            "meetings": list(meetings.values()),
            "mentions": [{**paper_fields_of(r), "text": r["text"], "role": r.get("role"),
                          "page": r["location"]["page"] if r.get("location") else None,
                          "paragraph": r["location"]["paragraph"] if r.get("location") else None,
                          "anchor": r["anchor"]} for r in rows]}


def paper_fields_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("document_id", "document_title", "authority", "committee",
                                "doc_type", "date")}


# -- organisations and authorities -----------------------------------------------------------

def organisations(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """The councils whose papers are held, and the organisations the papers name."""
    values = parse_args(ORGANISATIONS_PARAMS, args)
    by_authority = store.stats().get("documents_by_authority", {})
    authorities = [{"name": a, "papers": n} for a, n in sorted(by_authority.items())
                   if a and a != "unknown"]
    grouped: dict[str, list[tuple[StoredDocument, Fact]]] = defaultdict(list)
    for document, fact in store.fact_rows(FactKind.ORGANISATION.value):
        grouped[key_of(getattr(fact, "name", None) or fact.text)].append((document, fact))
    orgs = []
    for key, pairs in grouped.items():
        orgs.append({"key": key,
                     "name": _most_common(getattr(f, "name", None) or f.text for _, f in pairs) or key,
                     "kind": _most_common(getattr(f, "org_kind", None) for _, f in pairs),
                     "papers": len({d.id for d, _ in pairs}), "mentions": len(pairs)})
    if values["name"]:
        needle = values["name"].lower()
        orgs = [o for o in orgs if needle in o["name"].lower()]
    orgs.sort(key=lambda o: (-o["papers"], o["name"].lower()))
    page, cursor = _paginate(orgs, values)
    return {"authorities": authorities, "organisations": page, "next_cursor": cursor,
            "filters": _echo(values, "name")}


def authority(store: Store, name: str) -> dict[str, Any]:
    """One council: its papers, decisions and money."""
    filters = Filters(authority=name)
    papers = store.list_documents(filters, limit=MAX_LIMIT)
    if not papers or len(name) > 200:
        raise not_found(f"no papers from an authority named '{name}'")
    canonical = papers[0].authority or name
    decided = [_row(d, f) for d, f in store.fact_rows(FactKind.DECISION.value, filters,
                                                      include_procedural=False, limit=MAX_LIMIT)]
    amounts = [_money_row(d, f) for d, f in store.fact_rows(FactKind.MONEY.value, filters,
                                                            limit=MAX_LIMIT)]
    return {"authority": canonical,
            "papers": [{**paper_fields(d), "title": d.title or d.source} for d in papers],
            "decisions": decided, "money": amounts,
            "totals": {"by_year": _totals(amounts, "year")}}


# -- timeline ------------------------------------------------------------------------------

def timeline(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """Dated events about a topic: papers matching it (by search), and the dates, decisions and
    amounts in them, in date order across authorities."""
    values = parse_args(TIMELINE_PARAMS, args)
    response = store.search(SearchQuery(text=values["topic"], mode=Mode.HYBRID, limit=MAX_LIMIT,
                                        filters=_filters(values)))
    doc_ids: list[str] = []
    if not response.weak:
        for r in response.results:
            if r.document_id not in doc_ids:
                doc_ids.append(r.document_id)
    doc_ids = doc_ids[:values["documents"]]
    events: list[dict[str, Any]] = []
    for doc_id in doc_ids:
        document = store.get_document(doc_id)
        if document is None:
            continue
        events.extend(_events(document, store.facts(document_id=doc_id)))
    events.sort(key=lambda e: (e["date"], e["document_id"], e["order"]))
    for e in events:
        del e["order"]
    return {"topic": values["topic"], "papers": len(doc_ids), "events": events,
            "filters": _echo(values, "authority", "since", "until")}


def _events(document: StoredDocument, facts: list[tuple[str, Fact]]) -> list[dict[str, Any]]:
    paper = paper_fields(document)
    out: list[dict[str, Any]] = []
    if paper["date"]:
        what = "meeting" if document.meeting_date else "decision"
        out.append({**paper, "event_date": paper["date"], "kind": "paper", "role": what,
                    "text": f"{(document.doc_type or 'paper').replace('_', ' ').capitalize()}: "
                            f"{paper['document_title']}", "anchor": None, "order": -1})
    for order, (_, fact) in enumerate(facts):
        when, kind = None, fact.kind.value
        if kind == "date" and getattr(fact, "value", None):
            when = fact.value
        elif kind in ("decision", "money") and paper["date"]:
            when = paper["date"]
        if not when:
            continue
        text = fact.text
        if kind == "money" and getattr(fact, "purpose", None):
            text = f"{fact.text} for {fact.purpose}"
        out.append({**paper, "event_date": when, "kind": kind, "role": getattr(fact, "role", None)
                    if kind == "date" else (getattr(fact, "outcome", None) and fact.outcome.value
                                            if kind == "decision" else None),
                    "text": text, "anchor": _anchor(fact), "order": order})
    for e in out:
        e["date"], e["paper_date"] = e.pop("event_date"), paper["date"]
    return out
