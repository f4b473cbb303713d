"""The OpenAPI 3.1 document, generated from declarations made where each API route is defined.

`ApiRoutes.route` registers a Flask route and records its path, parameters and response schema in
one step; record schemas are derived from the typed records themselves (search/model.py,
extract/facts.py), so the published document follows the code rather than a hand-kept file.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Sequence

from flask import Blueprint

from brief.model import RECORDS as BRIEFING_RECORDS
from extract.facts import FACT_CLASSES, Location, OrganisationFact
from search.model import FacetCount, Facets, SearchResult, StoredDocument

from .params import Param

API_TITLE = "minutebook API"
API_VERSION = "1.0.0"
RULE_VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@dataclass(frozen=True)
class Operation:
    rule: str  # the Flask rule within the blueprint, e.g. /documents/<document_id>
    method: str
    endpoint: str
    summary: str
    params: tuple[Param, ...]
    response: str  # name of a schema in components
    status: str = "200"
    request_body: dict | None = None
    errors: tuple[tuple[str, str], ...] = ()  # (status, description) beyond the usual ones

    @property
    def path(self) -> str:
        return RULE_VARIABLE.sub(r"{\1}", self.rule)

    @property
    def path_params(self) -> list[str]:
        return RULE_VARIABLE.findall(self.rule)


class ApiRoutes:
    """A blueprint's routes, each declared with what OpenAPI needs to describe it."""

    def __init__(self, blueprint: Blueprint) -> None:
        self.blueprint = blueprint
        self.operations: list[Operation] = []

    def route(self, rule: str, *, summary: str, response: str,
              params: Sequence[Param] = (), method: str = "GET", status: str = "200",
              request_body: dict | None = None, errors: dict[str, str] | None = None) -> Callable:
        def decorate(view: Callable) -> Callable:
            self.operations.append(Operation(rule, method, view.__name__, summary,
                                             tuple(params), response, status, request_body,
                                             tuple((errors or {}).items())))
            return self.blueprint.route(rule, methods=[method])(view)

        return decorate


# --- schemas derived from the typed records -------------------------------------------------

def _type_schema(tp: Any) -> dict[str, Any]:
    if tp is type(None):
        return {"type": "null"}
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a) for a in typing.get_args(tp)]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0])}
    if origin is dict or tp is dict:
        return {"type": "object"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if dataclasses.is_dataclass(tp):
        return {"$ref": f"#/components/schemas/{tp.__name__}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    return {"type": simple.get(tp, "string")}


def record_schema(cls: type, drop: Sequence[str] = (), rename: dict[str, str] | None = None,
                  extra: dict[str, dict] | None = None) -> dict[str, Any]:
    """An object schema with one property per dataclass field (as its to_dict/asdict writes it)."""
    rename = rename or {}
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in drop:
            props[rename.get(f.name, f.name)] = _type_schema(hints[f.name])
    props.update(extra or {})
    return {"type": "object", "properties": props, "required": list(props)}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


NULLABLE_STRING = {"type": ["string", "null"]}


def component_schemas() -> dict[str, Any]:
    fact_names = []
    schemas: dict[str, Any] = {}
    for kind, cls in FACT_CLASSES.items():
        rename = {"org_kind": "kind"} if cls is OrganisationFact else {}
        schemas[cls.__name__] = record_schema(cls, rename=rename, extra={
            "type": {"const": kind.value}, "document_id": {"type": "string"}})
        fact_names.append(cls.__name__)
    filters = {"type": "object", "properties": {
        n: NULLABLE_STRING for n in ("authority", "doc_type", "committee", "since", "until",
                                     "fact_type")}}
    schemas.update({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
        "Location": record_schema(Location),
        "Fact": {"oneOf": [_ref(n) for n in fact_names], "discriminator": {"propertyName": "type"}},
        "Filters": filters,
        "SearchResult": record_schema(SearchResult),
        "FacetCount": record_schema(FacetCount),
        "Facets": {**record_schema(Facets), "description": (
            "the matching papers (all of them, not only this page) counted by each value, most "
            "first; year is of the paper's date, fact_type counts papers holding at least one "
            "fact of that kind; a paper with no value for a facet is counted under none")},
        "SearchResponse": {"type": "object", "required": [
                               "query", "mode", "weak", "matched_documents", "matches_capped",
                               "facets", "results"],
                           "properties": {
                               "query": {"type": "string"},
                               "mode": {"type": "string", "enum": ["keyword", "semantic", "hybrid"]},
                               "weak": {"type": "boolean",
                                        "description": "true when nothing passed the relevance floor"},
                               "matched_documents": {"type": "integer", "minimum": 0, "description": (
                                   "how many papers match, counted over all the matches: papers "
                                   "with a passage the keyword ranker found, or (semantic and "
                                   "hybrid) one at or above the relevance floor in meaning")},
                               "matches_capped": {"type": "boolean", "description": (
                                   "true when the search stopped counting at its candidate limit: "
                                   "matched_documents and the facets are then lower bounds")},
                               "limit": {"type": "integer"},
                               "filters": _ref("Filters"),
                               "facets": _ref("Facets"),
                               "results": _array(_ref("SearchResult"))}},
        "Document": record_schema(StoredDocument, drop=("text",), extra={
            "date": NULLABLE_STRING, "has_file": {"type": "boolean"}}),
        "Block": {"type": "object", "required": ["text", "kind", "page", "paragraph", "anchor"],
                  "properties": {"text": {"type": "string"}, "kind": {"type": "string"},
                                 "page": {"type": "integer"}, "paragraph": {"type": "integer"},
                                 "start": {"type": "integer"}, "end": {"type": "integer"},
                                 "level": {"type": ["integer", "null"]},
                                 "table_header": NULLABLE_STRING,
                                 "anchor": {"type": "string", "description": "p{page}-{paragraph}"},
                                 "highlights": _array({"type": "object", "description":
                                     "a fact's span as offsets into this block's text", "properties": {
                                         "start": {"type": "integer"}, "end": {"type": "integer"},
                                         "fact": {"type": "string"}, "kind": {"type": "string"}}})}},
        "FactsByKind": {"type": "object", "additionalProperties": _array(_ref("Fact"))},
        "DocumentDetail": {"type": "object", "required": ["document", "pages", "facts"],
                           "properties": {
                               "document": _ref("Document"),
                               "pages": _array({"type": "object", "properties": {
                                   "page": {"type": "integer"}, "blocks": _array(_ref("Block"))}}),
                               "facts": _ref("FactsByKind"),
                               "fact_counts": {"type": "object",
                                               "additionalProperties": {"type": "integer"}},
                               "related": _array({"type": "object", "properties": {
                                   "document_id": {"type": "string"}, "title": {"type": "string"},
                                   "doc_type": NULLABLE_STRING, "authority": NULLABLE_STRING,
                                   "date": NULLABLE_STRING, "anchor": {"type": "string"}}})}},
        "DocumentList": {"type": "object", "required": ["documents", "next_cursor"], "properties": {
            "documents": _array(_ref("Document")), "next_cursor": NULLABLE_STRING,
            "filters": _ref("Filters")}},
        "DocumentFacts": {"type": "object", "required": ["document_id", "facts"], "properties": {
            "document_id": {"type": "string"}, "facts": _ref("FactsByKind"),
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}}}},
        "FactList": {"type": "object", "required": ["facts", "next_cursor"], "properties": {
            "type": NULLABLE_STRING, "document_id": NULLABLE_STRING,
            "facts": _array({"allOf": [_ref("Fact"), {"type": "object", "properties": {
                "document_title": NULLABLE_STRING}}]}),
            "next_cursor": NULLABLE_STRING, "filters": _ref("Filters")}},
        "OpenAPI": {"type": "object", "description": "this document"},
        **register_schemas(),
    })
    schemas.update({cls.__name__: record_schema(cls) for cls in BRIEFING_RECORDS})
    return schemas


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _operation_object(op: Operation) -> dict[str, Any]:
    path_params = [Param(name, f"the {name.replace('_', ' ')}", location="path")
                   for name in op.path_params]
    responses = {op.status: {"description": "OK",
                             "content": {"application/json": {"schema": _ref(op.response)}}}}
    if op.method == "GET":
        responses["304"] = {"description": "not modified since the ETag in If-None-Match"}
    if op.params:
        responses["400"] = _error_response("a parameter is missing or malformed")
    if path_params:
        responses["404"] = _error_response("no such resource")
    for status, description in op.errors:
        responses[status] = _error_response(description)
    responses["405"] = _error_response("method not allowed")
    responses["500"] = _error_response("server error")
    operation = {"operationId": op.endpoint, "summary": op.summary,
                 "parameters": [p.schema() for p in (*path_params, *op.params)],
                 "responses": responses}
    if op.request_body:
        operation["requestBody"] = op.request_body
        operation["security"] = [{"bearerToken": []}]
    return operation


def openapi_document(operations: Sequence[Operation], server_url: str) -> dict[str, Any]:
    paths: dict[str, dict] = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation_object(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": API_TITLE, "version": API_VERSION,
                 "description": "Read access to UK local-government papers, their passages and key facts."},
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": component_schemas(),
                       "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer"}}},
    }


# --- the registers (web/registers.py) --------------------------------------------------------

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
NULLABLE_INTEGER = {"type": ["integer", "null"]}


def _object(props: dict[str, Any], required: Sequence[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": props,
            "required": list(props) if required is None else list(required)}


PAPER = {"document_id": STRING, "document_title": STRING, "authority": NULLABLE_STRING,
         "committee": NULLABLE_STRING, "doc_type": STRING, "date": NULLABLE_STRING}


def _fact_row(fact: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"allOf": [_ref(fact), _object({**PAPER, "anchor": NULLABLE_STRING, **(extra or {})})]}


def _totals(key: str) -> dict[str, Any]:
    return _array(_object({key: STRING, "total": NUMBER, "count": INTEGER}))


def register_schemas() -> dict[str, Any]:
    person = _object({"key": STRING, "name": STRING, "roles": _array(STRING),
                      "councillor": {"type": "boolean"}, "authorities": _array(STRING),
                      "papers": INTEGER, "meetings_attended": INTEGER, "mentions": INTEGER})
    money_row = _fact_row("MoneyFact", {"year": NULLABLE_STRING,
                                        "year_source": {"enum": ["stated", "paper_date", None]}})
    filters = {"type": "object", "additionalProperties": {"type": ["string", "null"]}}
    return {
        "DecisionList": _object({"decisions": _array(_fact_row("DecisionFact")),
                                 "next_cursor": NULLABLE_STRING, "filters": filters}),
        "MoneyList": _object({"amounts": _array(money_row), "next_cursor": NULLABLE_STRING,
                              "totals": _object({"by_authority": _totals("authority"),
                                                 "by_year": _totals("year")}),
                              "count": INTEGER, "filters": filters}),
        "Person": person,
        "PeopleList": _object({"people": _array(_ref("Person")), "next_cursor": NULLABLE_STRING,
                               "filters": filters}),
        "PersonDetail": _object({
            "person": _ref("Person"),
            "roles": _array(_object({"role": STRING, **PAPER})),
            "meetings": _array(_object({"attendance": STRING, **PAPER})),
            "mentions": _array(_object({**PAPER, "text": STRING, "role": NULLABLE_STRING,
                                        "page": NULLABLE_INTEGER, "paragraph": NULLABLE_INTEGER,
                                        "anchor": NULLABLE_STRING}))}),
        "OrganisationList": _object({
            "authorities": _array(_object({"name": STRING, "papers": INTEGER})),
            "organisations": _array(_object({"key": STRING, "name": STRING,
                                             "kind": NULLABLE_STRING, "papers": INTEGER,
                                             "mentions": INTEGER})),
            "next_cursor": NULLABLE_STRING, "filters": filters}),
        "AuthorityDetail": _object({
            "authority": STRING,
            "papers": _array(_object({**PAPER, "title": STRING})),
            "decisions": _array(_fact_row("DecisionFact")),
            "money": _array(money_row),
            "totals": _object({"by_year": _totals("year")})}),
        "Timeline": _object({
            "topic": STRING, "papers": INTEGER, "filters": filters,
            "events": _array(_object({**PAPER, "date": STRING, "paper_date": NULLABLE_STRING,
                                      "kind": {"enum": ["paper", "date", "decision", "money"]},
                                      "role": NULLABLE_STRING, "text": STRING,
                                      "anchor": NULLABLE_STRING}))}),
        "UploadResult": _object({"document_id": STRING, "new": {"type": "boolean"},
                                 "chunks": INTEGER,
                                 "facts_by_kind": {"type": "object",
                                                   "additionalProperties": INTEGER}}),
    }
