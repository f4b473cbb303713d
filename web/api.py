"""The public JSON API (/api/v1): thin views over web/queries.py, each declared for OpenAPI."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from . import queries
from .errors import API_PREFIX
from .openapi import ApiRoutes, openapi_document
from .store_access import get_store

bp = Blueprint("api", __name__, url_prefix=API_PREFIX)
routes = ApiRoutes(bp)


@routes.route("/search", summary="Ranked passages for a query (the shape of `minutebook search --json`)",
              params=queries.SEARCH_PARAMS, response="SearchResponse")
def search() -> Response:
    return jsonify(queries.search(get_store(), request.args))


@routes.route("/documents", summary="Documents, newest first, a page at a time",
              params=queries.DOCUMENTS_PARAMS, response="DocumentList")
def documents() -> Response:
    return jsonify(queries.documents(get_store(), request.args))


@routes.route("/documents/<document_id>", summary="A document: metadata, text blocks by page, facts",
              response="DocumentDetail")
def document(document_id: str) -> Response:
    return jsonify(queries.document_detail(get_store(), document_id))


@routes.route("/documents/<document_id>/facts", summary="A document's facts grouped by kind",
              params=queries.DOCUMENT_FACTS_PARAMS, response="DocumentFacts")
def document_facts(document_id: str) -> Response:
    return jsonify(queries.document_facts(get_store(), document_id, request.args))


@routes.route("/facts", summary="Facts across the corpus, a page at a time",
              params=queries.FACTS_PARAMS, response="FactList")
def facts() -> Response:
    return jsonify(queries.facts(get_store(), request.args))


@routes.route("/openapi.json", summary="This API's OpenAPI 3.1 description", response="OpenAPI")
def openapi() -> Response:
    return jsonify(openapi_document(routes.operations, API_PREFIX))


@bp.after_request
def allow_cross_origin(response: Response) -> Response:
    """CORS for the public read endpoints, from the origins configured in settings."""
    origin = request.headers.get("Origin")
    allowed = current_app.config["CORS_ORIGINS"]
    if origin and ("*" in allowed or origin in allowed):
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "3600"
    response.vary.add("Origin")
    return response
